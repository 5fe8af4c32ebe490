import { expect } from 'vitest';

export interface EventuallyOptions {
  /** How long to keep asking, in ms (10 s: the outbox worker and the SMTP round trip share a busy machine). */
  timeout?: number;
  /** How long to wait between two asks, in ms. */
  interval?: number;
  /** Printed above the last value read when `done` never held. */
  message?: string;
}

/**
 * The value `read` returns once `done` holds, for what happens on its own time (the outbox
 * worker sending, a message arriving over SMTP, another process letting go of a database).
 * Built on vitest's expect.poll: a timeout fails the test showing the last value read, and a
 * `read` that throws is asked again until the timeout.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeout = 10_000, interval = 25, message }: EventuallyOptions = {},
): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(async () => (last = await read()), { timeout, interval, message })
    .toSatisfy((value: T) => done(value));
  return last as T;
}
