import { describe, expect, it } from 'vitest';
import { describeRecipient, recipientState, RECIPIENT_BANNERS } from './recipient-check.ts';
import type { Credential } from '../entities.ts';

const now = new Date('2026-06-01T12:00:00Z');
const past = new Date('2026-05-01T00:00:00Z');
const future = new Date('2027-05-01T00:00:00Z');

describe('the recipient check', () => {
  it.each([
    ['no prior credential', undefined, 'new'],
    ['expired', { revokedAt: null, expiresAt: past }, 'expired'],
    ['expiring exactly now', { revokedAt: null, expiresAt: now }, 'expired'],
    ['active with an expiry', { revokedAt: null, expiresAt: future }, 'active_time_bound'],
    ['active without expiry', { revokedAt: null, expiresAt: null }, 'active_non_expiring'],
    ['revoked', { revokedAt: past, expiresAt: future }, 'revoked'],
    ['revoked and expired', { revokedAt: past, expiresAt: past }, 'revoked'],
    ['revoked, never expiring', { revokedAt: past, expiresAt: null }, 'revoked'],
  ] as const)('%s → %s', (_label, prior, state) => {
    expect(recipientState(prior, now)).toBe(state);
  });

  it('shows the banner colour and text of the reference table', () => {
    expect(RECIPIENT_BANNERS).toEqual({
      new: { colour: 'green', message: 'First-time recipient.' },
      expired: { colour: 'blue', message: 'Renewing an expired credential.' },
      active_time_bound: {
        colour: 'amber',
        message: 'An active credential exists. It will be revoked and a new one issued.',
      },
      active_non_expiring: { colour: 'red', message: 'Recipient already has this credential.' },
      revoked: { colour: 'blue', message: 'Issuing replaces a revoked credential.' },
    });
    const prior = { id: 'c1', revokedAt: null, expiresAt: future } as Credential;
    expect(describeRecipient(prior, now)).toEqual({
      state: 'active_time_bound',
      priorCredentialId: 'c1',
      colour: 'amber',
      message: 'An active credential exists. It will be revoked and a new one issued.',
    });
    expect(describeRecipient(undefined, now).priorCredentialId).toBeNull();
  });
});
