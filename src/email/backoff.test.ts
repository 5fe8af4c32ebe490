import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_BACKOFF } from './backoff.ts';

describe('backoffMs', () => {
  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('is capped', () => {
    expect(backoffMs(20)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffMs(10_000)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('waits about an hour in total across eight attempts', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, a) => sum + backoffMs(a), 0);
    expect(total).toBe(63.5 * 60_000);
  });
});
