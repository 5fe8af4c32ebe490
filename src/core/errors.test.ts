import { describe, expect, it } from 'vitest';
import type { ErrorDetails } from './errors.ts';
import { err } from './result.ts';

describe('details of a failure', () => {
  it('take only the documented reasons of their code, with their figures', () => {
    // @ts-expect-error: not a documented reason of FORBIDDEN
    err('FORBIDDEN', 'No.', { reason: 'BECAUSE' });
    // @ts-expect-error: a reason of CONFLICT, not of FORBIDDEN
    err('FORBIDDEN', 'No.', { reason: 'LAST_OWNER' });
    // @ts-expect-error: QUOTA_EXCEEDED carries its figures
    err('FORBIDDEN', 'No.', { reason: 'QUOTA_EXCEEDED' });
    // @ts-expect-error: UNAUTHORIZED carries no details
    err('UNAUTHORIZED', 'No.', { reason: 'ROLE' });
    const quota: ErrorDetails<'FORBIDDEN'> = {
      reason: 'QUOTA_EXCEEDED',
      limit: 5,
      used: 5,
      resetsAt: '2026-12-01T00:00:00.000Z',
    };
    expect(err('FORBIDDEN', 'Monthly quota reached.', quota)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Monthly quota reached.', details: quota },
    });
    expect(err('NOT_FOUND', 'Badge not found.')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Badge not found.' },
    });
  });
});
