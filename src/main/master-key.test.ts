import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MasterKeyError, loadMasterKey } from './master-key.ts';

describe('master key', () => {
  it('creates an owner-only key file once and reads the same key afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-key-'));
    const first = loadMasterKey(undefined, dir);
    const second = loadMasterKey(undefined, dir);
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('prefers LAUREL_MASTER_KEY and refuses a key of the wrong size', () => {
    const hex = 'ab'.repeat(32);
    expect(loadMasterKey(hex, '/nonexistent').toString('hex')).toBe(hex);
    expect(() => loadMasterKey('c2hvcnQ=', '/nonexistent')).toThrow(MasterKeyError);
  });
});
