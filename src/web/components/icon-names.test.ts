import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_NAMES } from './icon-names.ts';

// The sprite is drawn by hand and the names are typed by hand: a missing symbol would render
// an empty box with no error anywhere, so the two lists are compared here.
describe('icon names', () => {
  it('match the symbols of the sprite, one for one', () => {
    const sprite = readFileSync(new URL('../assets/icons.svg', import.meta.url), 'utf8');
    const symbols = [...sprite.matchAll(/<symbol id="i-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect([...symbols].sort()).toEqual([...ICON_NAMES].sort());
  });
});
