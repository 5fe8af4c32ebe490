import { describe, expect, it } from 'vitest';
import type { PreparedImage } from './ports/image-processor.ts';
import { avatarKey, badgeImageKey, logoKey } from './stored-images.ts';

const png: PreparedImage = { bytes: Buffer.alloc(0), contentType: 'image/png', extension: 'png' };
const orgId = '0b7c5f4e-2d7a-4d51-9d0e-8f7d3c2b1a90';

describe('stored image keys', () => {
  it('puts a badge image under a random key of the organization', () => {
    const a = badgeImageKey(orgId, png);
    expect(a).toMatch(new RegExp(`^badges/${orgId}/[0-9a-f]{32}\\.png$`));
    expect(badgeImageKey(orgId, png)).not.toBe(a);
    expect(logoKey(orgId, png)).toMatch(new RegExp(`^logos/${orgId}-[0-9a-f]{16}\\.png$`));
    expect(avatarKey(orgId, png)).toMatch(new RegExp(`^avatars/${orgId}-[0-9a-f]{16}\\.png$`));
  });

  it('refuses (as a bug) an id that could leave its folder', () => {
    expect(() => badgeImageKey('../other', png)).toThrow(/not an organization id/);
    expect(() => logoKey('a/../../b', png)).toThrow(/not an organization id/);
    expect(() => avatarKey('..', png)).toThrow(/not a user id/);
  });
});
