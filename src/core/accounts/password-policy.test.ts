import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PasswordSchema } from './account-input.ts';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordMessage,
  passwordProblems,
} from './password-policy.ts';

// The reference (creating-an-account.md): upper and lower case, a number, a symbol, at least 10 characters.
const LENGTH = 'at least 10 characters';
const LOWER = 'a lower-case letter';
const UPPER = 'an upper-case letter';
const NUMBER = 'a number';
const SYMBOL = 'a symbol';

describe('passwordProblems', () => {
  it('uses the reference limits', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
  });

  it('accepts a 10-character password with every class', () => {
    expect('Abcdefg1!x').toHaveLength(10);
    expect(passwordProblems('Abcdefg1!x')).toEqual([]);
  });

  it('refuses 9 characters even with every class, and only for its length', () => {
    expect('Abcdef1!x').toHaveLength(9);
    expect(passwordProblems('Abcdef1!x')).toEqual([LENGTH]);
  });

  it.each([
    { missing: LOWER, password: 'ABCDEFG1!X' },
    { missing: UPPER, password: 'abcdefg1!x' },
    { missing: NUMBER, password: 'Abcdefgh!x' },
    { missing: SYMBOL, password: 'Abcdefgh1x' },
  ])('names exactly the one missing class: $missing', ({ missing, password }) => {
    expect(password).toHaveLength(10);
    expect(passwordProblems(password)).toEqual([missing]);
  });

  it('lists every problem of an empty password', () => {
    expect(passwordProblems('')).toEqual([LENGTH, LOWER, UPPER, NUMBER, SYMBOL]);
  });

  it('counts a space or a non-ASCII character as a symbol', () => {
    expect(passwordProblems('Abcdefg1 x')).toEqual([]);
    expect(passwordProblems('Abcdefg1éx')).toEqual([]);
  });

  it('accepts 256 characters and refuses 257', () => {
    const base = 'Aa1!';
    expect(passwordProblems(base.padEnd(256, 'x'))).toEqual([]);
    expect(passwordProblems(base.padEnd(257, 'x'))).toEqual([
      `at most ${PASSWORD_MAX_LENGTH} characters`,
    ]);
  });

  it('passes exactly the passwords that meet every rule (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (pw) => {
        const ok =
          pw.length >= 10 &&
          pw.length <= 256 &&
          /[a-z]/.test(pw) &&
          /[A-Z]/.test(pw) &&
          /\d/.test(pw) &&
          /[^A-Za-z0-9]/.test(pw);
        expect(passwordProblems(pw).length === 0).toBe(ok);
      }),
    );
  });
});

describe('PasswordSchema', () => {
  it('reports what is missing in one message', () => {
    const r = PasswordSchema.safeParse('abcdefghij');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      passwordMessage([UPPER, NUMBER, SYMBOL]),
    ]);
    expect(passwordMessage([UPPER, NUMBER, SYMBOL])).toBe(
      'Password needs an upper-case letter, a number, a symbol.',
    );
  });

  it('accepts a password that meets the rule unchanged', () => {
    expect(PasswordSchema.parse('Correct-Horse-42!')).toBe('Correct-Horse-42!');
  });
});
