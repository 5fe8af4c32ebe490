import { describe, expect, it } from 'vitest';
import { requireHttpUrl } from './achievement.ts';
import { parseUrl } from './parse-url.ts';

describe('parseUrl', () => {
  it('keeps reading a URL with Latin-1 letters once hot, where Node 20 URL.canParse turns false', () => {
    const url = 'https://bücher.example/café';
    let refused = 0;
    for (let i = 0; i < 50_000; i += 1) {
      if (parseUrl(url) === undefined) refused += 1;
      try {
        requireHttpUrl(url, 'url');
      } catch {
        refused += 1;
      }
    }
    expect(refused).toBe(0);
  });

  it('answers undefined for what is not a URL', () => {
    expect(parseUrl('not a url')).toBeUndefined();
    expect(parseUrl('https://example.org/a')?.href).toBe('https://example.org/a');
  });
});
