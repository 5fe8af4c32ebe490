import { describe, expect, it } from 'vitest';
import { credentialStatus } from './status.ts';

const now = new Date('2026-06-01T00:00:00Z');
const past = new Date('2026-05-01T00:00:00Z');
const future = new Date('2027-05-01T00:00:00Z');

describe('credentialStatus', () => {
  it('is pending until claimed, valid after', () => {
    expect(credentialStatus({ revokedAt: null, expiresAt: future, claimedAt: null }, now)).toBe(
      'pending',
    );
    expect(credentialStatus({ revokedAt: null, expiresAt: null, claimedAt: past }, now)).toBe(
      'valid',
    );
  });

  it('is expired from the expiry instant on, claimed or not', () => {
    expect(credentialStatus({ revokedAt: null, expiresAt: past, claimedAt: null }, now)).toBe(
      'expired',
    );
    expect(credentialStatus({ revokedAt: null, expiresAt: now, claimedAt: past }, now)).toBe(
      'expired',
    );
  });

  it('is revoked when revoked, even when also expired', () => {
    expect(credentialStatus({ revokedAt: past, expiresAt: past, claimedAt: past }, now)).toBe(
      'revoked',
    );
    expect(credentialStatus({ revokedAt: past, expiresAt: null, claimedAt: null }, now)).toBe(
      'revoked',
    );
  });
});
