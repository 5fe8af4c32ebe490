import { describe, expect, it } from 'vitest';
import { Recent } from './recent.ts';

describe('Recent', () => {
  it('forgets the least recently used entry past its size; reading an entry keeps it', () => {
    const recent = new Recent<string, number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1); // a is now newer than b
    recent.set('c', 3);
    expect(recent.get('b')).toBeUndefined();
    expect([recent.get('a'), recent.get('c')]).toEqual([1, 3]);
  });

  it('makes a missing entry once and keeps nothing when making it throws', () => {
    const recent = new Recent<string, number>(4);
    let made = 0;
    const make = () => ++made;
    expect([recent.getOrSet('a', make), recent.getOrSet('a', make)]).toEqual([1, 1]);
    expect(() =>
      recent.getOrSet('b', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(recent.get('b')).toBeUndefined();
  });
});
