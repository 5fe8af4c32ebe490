import { describe, expect, it } from 'vitest';
import { quotaMonth, quotaResetsAt } from './quota.ts';

describe('quota months', () => {
  it('are calendar months in UTC', () => {
    expect(quotaMonth(new Date('2026-01-31T23:59:59Z'))).toBe('2026-01');
    expect(quotaMonth(new Date('2026-02-01T00:00:00Z'))).toBe('2026-02');
    expect(quotaResetsAt(new Date('2026-01-15T10:00:00Z')).toISOString()).toBe(
      '2026-02-01T00:00:00.000Z',
    );
    expect(quotaResetsAt(new Date('2026-12-31T23:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });
});
