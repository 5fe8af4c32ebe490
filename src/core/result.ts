/** Expected failures are values: a use case returns `ok(value)` or `err(code, …)`; it throws only for bugs. */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: Failure<E> };

export interface Failure<E extends string> {
  code: E;
  message: string;
  details?: Record<string, unknown>;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E extends string>(
  code: E,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: Failure<E> } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
