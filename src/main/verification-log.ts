import type { UnitOfWork } from '../core/ports/unit-of-work.ts';
import type { VerificationEvent, VerificationLog } from '../core/ports/verification-log.ts';

/** How often noted verifications are written: what a crash can lose at most. */
const VERIFICATION_FLUSH_INTERVAL_MS = 2000;

/**
 * Past this many unwritten events (the database unreachable for a long while) the oldest are
 * dropped rather than memory growing without bound: analytics, not records anyone relies on.
 */
const MAX_PENDING = 200_000;

/**
 * A batch that failed this many flushes in a row is dropped (and reported), so that one row
 * the database will never take (its credential deleted meanwhile) cannot hold back every
 * count after it.
 */
const MAX_ATTEMPTS = 5;

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
  /** The events at the front of `pending` that already failed, and how many times. */
  let retrying = { count: 0, attempts: 0 };
  // Flushes run one after the other, so close() waits for one that is under way.
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      await opts.uow.transaction((s) => s.verificationEvents.recordAll(batch));
      retrying = { count: 0, attempts: 0 };
    } catch (error) {
      opts.onError(error);
      const attempts = retrying.attempts + 1;
      if (retrying.count > 0 && attempts >= MAX_ATTEMPTS) {
        // Give up on what kept failing; what came after it is tried on its own next time.
        opts.onError(
          new Error(
            `dropped ${retrying.count} verification counts after ${attempts} failed writes`,
          ),
        );
        putBack(batch.slice(retrying.count));
        retrying = { count: 0, attempts: 0 };
        return;
      }
      retrying = { count: retrying.count > 0 ? retrying.count : batch.length, attempts };
      putBack(batch);
    }
  }

  /** Puts unwritten events back in front, dropping the oldest past MAX_PENDING. */
  function putBack(events: VerificationEvent[]): void {
    pending = [...events, ...pending];
    dropOldest(pending.length - MAX_PENDING);
  }

  function dropOldest(count: number): void {
    if (count <= 0) return;
    pending = pending.slice(count);
    retrying.count = Math.max(0, retrying.count - count);
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
      dropOldest(pending.length - MAX_PENDING);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
