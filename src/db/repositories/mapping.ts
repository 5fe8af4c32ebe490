/** Rows store ISO-8601 UTC text and 0/1 flags on both dialects; these convert at the edge. */
export const iso = (d: Date): string => d.toISOString();
export const date = (s: string): Date => new Date(s);
export const dateOrNull = (s: string | null): Date | null => (s === null ? null : new Date(s));
export const flag = (b: boolean): number => (b ? 1 : 0);
export const bool = (n: number | boolean): boolean => n === 1 || n === true;
