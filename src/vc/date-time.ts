const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * The one date format Laurel writes: ISO 8601 / xsd:dateTime in UTC, to the second, with
 * `Z` (2026-01-15T10:00:00Z), as the 1EdTech and W3C examples do. Milliseconds are
 * truncated, never rounded, so a start or an expiry only ever moves earlier.
 */
export function dateTime(value: Date, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${field} must be a valid Date`);
  }
  const text = value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!DATE_TIME.test(text)) throw new TypeError(`${field} is outside years 0000-9999`);
  return text;
}
