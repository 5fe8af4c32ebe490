import type { Clock } from '../core/clock.ts';
import type { Db, OpenDatabase } from '../db/database.ts';
import {
  claimDueEmails,
  markEmailFailed,
  markEmailRetry,
  markEmailSent,
  releaseEmail,
  type ClaimedEmail,
} from '../db/repositories/outbox-delivery-repository.ts';
import { backoffMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { PermanentEmailError, type MailTransport } from './transport.ts';

/** The slice of pino the worker uses; logs carry outbox ids and kinds, never addresses. */
export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  dialect: OpenDatabase['dialect'];
  transport: MailTransport;
  clock: Clock;
  logger: WorkerLogger;
  /** Wait between polls when the queue is empty. */
  pollIntervalMs?: number;
  /** How long a claim is exclusive; after it a crashed worker's message is claimed again. */
  leaseMs?: number;
  /** Attempts before a message is marked `failed`. */
  maxAttempts?: number;
  /** Messages claimed per poll. */
  batchSize?: number;
  backoff?: BackoffPolicy;
}

export interface OutboxWorker {
  /** Starts polling in the background; a no-op when already running. */
  start(): void;
  /** Stops polling; resolves once the message being sent is settled and unsent claims are handed back. */
  stop(): Promise<void>;
  /** Claims one batch and handles it; resolves with the number of messages sent, retried or failed. */
  runOnce(): Promise<number>;
  /** Polls now instead of waiting out the interval (after enqueueing in this process). */
  wake(): void;
}

const WORKER_DEFAULTS = {
  pollIntervalMs: 2_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  batchSize: 10,
} as const;

const MAX_ERROR_LENGTH = 2_000;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, dialect, transport, clock, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? WORKER_DEFAULTS.pollIntervalMs;
  const leaseMs = options.leaseMs ?? WORKER_DEFAULTS.leaseMs;
  const maxAttempts = options.maxAttempts ?? WORKER_DEFAULTS.maxAttempts;
  const batchSize = options.batchSize ?? WORKER_DEFAULTS.batchSize;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  async function handle(email: ClaimedEmail): Promise<void> {
    const claim = { id: email.id, attempt: email.attempt };
    const log = { emailId: email.id, kind: email.kind, attempt: email.attempt };
    if (email.attempt > maxAttempts) {
      // Its last attempt was taken over from a crashed worker: that attempt counts.
      await markEmailFailed(db, claim, {
        error: 'The worker sending the final attempt stopped before it finished.',
      });
      logger.error(log, 'email failed');
      return;
    }
    let sent: { messageId: string };
    try {
      sent = await transport.send(email);
    } catch (err) {
      const error = describe(err);
      if (err instanceof PermanentEmailError || email.attempt >= maxAttempts) {
        await markEmailFailed(db, claim, { error });
        logger.error({ ...log, error }, 'email failed');
      } else {
        const nextAttemptAt = new Date(clock.now().getTime() + backoffMs(email.attempt, backoff));
        await markEmailRetry(db, claim, { error, nextAttemptAt });
        logger.warn({ ...log, error, nextAttemptAt }, 'email not sent; will retry');
      }
      return;
    }
    // Outside the try: a database error here must not be mistaken for a failed send and retried.
    const owned = await markEmailSent(db, claim, { messageId: sent.messageId, now: clock.now() });
    if (owned) logger.info(log, 'email sent');
    else logger.warn(log, 'email sent after its lease expired; another worker had taken it over');
  }

  async function runOnce(): Promise<number> {
    const claimed = await claimDueEmails(db, dialect, {
      now: clock.now(),
      leaseMs,
      limit: batchSize,
    });
    let handled = 0;
    for (const [i, email] of claimed.entries()) {
      if (stopping) {
        // Shutting down: hand back what was not attempted so it need not wait for the lease.
        for (const rest of claimed.slice(i))
          await releaseEmail(db, { id: rest.id, attempt: rest.attempt });
        break;
      }
      await handle(email);
      handled += 1;
    }
    return handled;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      let handled = 0;
      try {
        handled = await runOnce();
      } catch (err) {
        logger.error({ error: describe(err) }, 'outbox poll failed');
      }
      // A full batch means more may be due: poll again at once.
      if (!stopping && handled < batchSize) await pause(pollIntervalMs);
    }
  }

  return {
    start() {
      if (loop) return;
      stopping = false;
      loop = poll().finally(() => {
        loop = undefined;
      });
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      stopping = false;
    },
    runOnce,
    wake() {
      wakeUp?.();
    },
  };
}

function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
