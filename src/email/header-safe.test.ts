import { describe, expect, it } from 'vitest';
import { headerSafe, isSingleAddress } from './header-safe.ts';

describe('headerSafe', () => {
  it('turns CR, LF and other control characters into spaces so no header can be started', () => {
    expect(headerSafe('Eve\r\nBcc: evil@x')).toBe('Eve Bcc: evil@x');
    expect(headerSafe('a\u0000b\tc\u2028d\u0085e')).toBe('a b c d e');
  });

  it('keeps non-ASCII text for nodemailer to encode', () => {
    expect(headerSafe('Zoë’s Ünïversität 🎓')).toBe('Zoë’s Ünïversität 🎓');
  });

  it('shortens overlong values', () => {
    const v = headerSafe('x'.repeat(500), 50);
    expect(v).toHaveLength(50);
    expect(v.endsWith('…')).toBe(true);
  });
});

describe('isSingleAddress', () => {
  it('accepts one plain address', () => {
    expect(isSingleAddress('ada@example.org')).toBe(true);
    expect(isSingleAddress('ada+badges@sub.example.org')).toBe(true);
  });

  it('refuses lists, display names and header injection', () => {
    for (const bad of [
      'a@x.org, b@y.org',
      'Ada <a@x.org>',
      'a@x.org\r\nBcc: evil@x',
      'a@x.org;b@y.org',
      'nobody',
      '',
    ]) {
      expect(isSingleAddress(bad), bad).toBe(false);
    }
  });
});
