import type { ErrorCode, ErrorDetails, ErrorReason } from './errors.ts';

/** Expected failures are values: a use case returns `ok(value)` or `err(code, …)`; it throws only for bugs. */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: Failure<E> };

export interface Failure<E extends string> {
  code: E;
  message: string;
  /** From the closed list of its code in errors.ts (ErrorDetailsByCode) when a use case made it. */
  details?: Record<string, unknown>;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failure whose `details` are one of the documented shapes of its code. */
export function failure<E extends ErrorCode>(
  code: E,
  message: string,
  details?: ErrorDetails<E>,
): Failure<E> {
  return details ? { code, message, details } : { code, message };
}

export function err<E extends ErrorCode>(
  code: E,
  message: string,
  details?: ErrorDetails<E>,
): { ok: false; error: Failure<E> } {
  return { ok: false, error: failure(code, message, details) };
}

/** A failure made elsewhere (a refusal of authz/refusals.ts, say) as the result of a use case. */
export function failed<E extends string>(error: Failure<E>): { ok: false; error: Failure<E> } {
  return { ok: false, error };
}

/** `details.reason` of a failure, when it has one: one of its code's documented reasons. */
export function reasonOf<E extends ErrorCode>(f: Failure<E>): ErrorReason<E> | undefined {
  const reason = f.details?.reason;
  // err() and failure() let only the documented reasons of the code in.
  return typeof reason === 'string' ? (reason as ErrorReason<E>) : undefined;
}
