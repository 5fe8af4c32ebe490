import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors } from './accounts/account-input.ts';
import { normalizeSignedText, refusedControl, signedText } from './signed-text.ts';

/** Every C0 control but LF, tab and CR (which are rewritten), and DEL. */
const REFUSED = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => ![0x09, 0x0a, 0x0d].includes(c)),
  0x7f,
].map((c) => String.fromCharCode(c));

const hex = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

describe('normalizeSignedText', () => {
  it.each([
    ['CRLF becomes LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['a lone CR becomes LF', 'one\rtwo', 'one\ntwo'],
    ['CR CR LF is two line breaks', 'one\r\r\ntwo', 'one\n\ntwo'],
    ['a tab becomes one space', 'a\tb\t\tc', 'a b  c'],
    ['LF is kept', 'one\ntwo\n\n', 'one\ntwo\n\n'],
    [
      'unicode is untouched',
      'Zoë 日本語 🎓 \u{10FFFD} e\u0301',
      'Zoë 日本語 🎓 \u{10FFFD} e\u0301',
    ],
    ['line and paragraph separators are untouched', 'a\u2028b\u2029c', 'a\u2028b\u2029c'],
    ['C1 controls and NBSP are untouched', 'a\u0085b\u00a0c', 'a\u0085b\u00a0c'],
  ])('%s', (_, input, output) => {
    expect(normalizeSignedText(input)).toBe(output);
  });

  it('leaves text without a tab or a CR exactly as it was (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        fc.pre(!/[\t\r]/.test(s));
        expect(normalizeSignedText(s)).toBe(s);
      }),
    );
  });
});

describe('refusedControl', () => {
  it('names every C0 control but LF, and DEL', () => {
    expect(REFUSED).toHaveLength(30);
    for (const ch of REFUSED) expect(refusedControl(`a${ch}b`), hex(ch)).toBe(hex(ch));
    expect(refusedControl('bell\u0007')).toBe('U+0007');
    expect(refusedControl('\u0000')).toBe('U+0000');
    expect(refusedControl('del\u007f')).toBe('U+007F');
  });

  it('counts a tab or a CR that was not normalised', () => {
    expect(refusedControl('a\tb')).toBe('U+0009');
    expect(refusedControl('a\r\nb')).toBe('U+000D');
  });

  it('accepts LF, unicode, U+2028 and C1 controls', () => {
    expect(refusedControl('one\ntwo')).toBeUndefined();
    expect(refusedControl('Zoë 日本語 🎓 a\u2028b\u2029c\u0085 ~')).toBeUndefined();
  });

  it('finds nothing in normalised text exactly when it holds no refused character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const normal = normalizeSignedText(s);
        const bad = [...normal].some((ch) => REFUSED.includes(ch));
        expect(refusedControl(normal) !== undefined).toBe(bad);
      }),
    );
  });
});

describe('signedText', () => {
  const Schema = z.object({
    title: signedText(z.string(), 'Title').trim().min(1, 'Enter a title.').max(5, 'Too long.'),
  });
  const errorsOf = (title: string) => {
    const r = Schema.safeParse({ title });
    return r.success ? undefined : fieldErrors(r.error);
  };

  it('normalises before trimming and counting: a tab or CRLF counts as one character', () => {
    expect(Schema.parse({ title: '\ta\tb\r\n' }).title).toBe('a b');
    expect(Schema.parse({ title: 'a\r\nbcd' }).title).toBe('a\nbcd');
    // Six characters as sent, five once CRLF is LF: within the limit.
    expect(Schema.parse({ title: 'ab\r\ncd' }).title).toBe('ab\ncd');
    expect(errorsOf('ab\r\ncde')).toEqual({ title: 'Too long.' });
  });

  it('refuses a control character with a message that names the field and the character', () => {
    expect(errorsOf('a\u0007b')).toEqual({
      title:
        'Title contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
    });
    // Refused even where trimming would have removed it.
    expect(errorsOf('ab\u000b')?.title).toContain('(U+000B)');
    expect(errorsOf('\u007f')?.title).toContain('(U+007F)');
  });
});
