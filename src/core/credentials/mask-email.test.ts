import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email.ts';

describe('maskEmail', () => {
  it('keeps the first and last letter of the local part and the whole domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j******e@example.com');
    expect(maskEmail('ab@example.com')).toBe('a*@example.com');
    expect(maskEmail('a@example.com')).toBe('a*@example.com');
    expect(maskEmail('jim@example.com')).toBe('j*m@example.com');
  });

  it('caps the stars so the length of a long name is not given away', () => {
    expect(maskEmail('christopher.columbus@example.com')).toBe('c******s@example.com');
  });

  it('answers something harmless for a malformed address', () => {
    expect(maskEmail('nobody')).toBe('***');
  });
});
