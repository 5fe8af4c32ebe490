import { describe, expect, it } from 'vitest';
import type { CoreDeps } from './deps.ts';
import type { FileStore } from './ports/file-store.ts';
import type { PreparedImage } from './ports/image-processor.ts';
import { ok } from './result.ts';
import { avatarKey, badgeImageKey, logoKey, storeThenRecord } from './stored-images.ts';

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

describe('storeThenRecord', () => {
  /** A file store that keeps keys in a set and can be told to fail its deletes. */
  function files(failDeletes: boolean) {
    const keys = new Set<string>();
    const store: Pick<FileStore, 'put' | 'delete'> = {
      put: (key) => Promise.resolve(void keys.add(key)),
      delete: (key) =>
        failDeletes
          ? Promise.reject(new Error('disk gone'))
          : Promise.resolve(void keys.delete(key)),
    };
    return { keys, deps: { files: store } as unknown as CoreDeps };
  }

  it('keeps the file when the record is written', async () => {
    const { keys, deps } = files(false);
    const outcome = await storeThenRecord(deps, 'logos/a.png', png, () => Promise.resolve(ok(1)));
    expect(outcome).toEqual(ok(1));
    expect([...keys]).toEqual(['logos/a.png']);
  });

  it('deletes the file when the write throws, and reports the write error', async () => {
    const { keys, deps } = files(false);
    const write = () => Promise.reject(new Error('database gone'));
    await expect(storeThenRecord(deps, 'logos/a.png', png, write)).rejects.toThrow('database gone');
    expect(keys.size).toBe(0);
  });

  it('reports the write error, not the cleanup error, when both fail', async () => {
    const { deps } = files(true);
    const write = () => Promise.reject(new Error('database gone'));
    await expect(storeThenRecord(deps, 'logos/a.png', png, write)).rejects.toThrow('database gone');
  });
});
