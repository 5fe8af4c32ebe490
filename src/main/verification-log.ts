import type { UnitOfWork } from '../core/ports/unit-of-work.ts';
import type { VerificationEvent, VerificationLog } from '../core/ports/verification-log.ts';

/** How often noted verifications are written: what a crash can lose at most. */
const VERIFICATION_FLUSH_INTERVAL_MS = 2000;

/**
 * Past this many unwritten events (the database unreachable for a long while) the oldest are
 * dropped rather than memory growing without bound: analytics, not records anyone relies on.
 */
const MAX_PENDING = 200_000;

export interface BatchedVerificationLog extends VerificationLog {
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

/**
 * The verification log of one process: events wait in memory and are written every
 * `intervalMs`, each batch in one transaction, so a batch lands whole or not at all. A batch
 * that could not be written is put back to be tried with the next one.
 */
export function createBatchedVerificationLog(opts: {
  uow: UnitOfWork;
  intervalMs?: number;
  onError(error: unknown): void;
}): BatchedVerificationLog {
  let pending: VerificationEvent[] = [];
  // Flushes run one after the other, so close() waits for one that is under way.
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      await opts.uow.transaction((s) => s.verificationEvents.recordAll(batch));
    } catch (error) {
      pending = [...batch, ...pending].slice(-MAX_PENDING);
      opts.onError(error);
    }
  }

  function flush(): Promise<void> {
    const run = writing.then(write);
    writing = run.catch(() => undefined);
    return run;
  }
  const timer = setInterval(
    () => void flush().catch(() => undefined),
    opts.intervalMs ?? VERIFICATION_FLUSH_INTERVAL_MS,
  );
  // Counting views never keeps a process (a CLI command, a test) alive.
  timer.unref();

  return {
    add(event) {
      pending.push(event);
      if (pending.length > MAX_PENDING) pending.shift();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
