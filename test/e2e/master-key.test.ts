import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/main/config.ts';
import { createLaurel } from '../../src/main/laurel.ts';
import { MasterKeyError } from '../../src/main/master-key.ts';

describe('the master key', () => {
  it('is checked at start: a different key refuses to start instead of failing at the first signature', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-mk-'));
    const start = (key: string) =>
      createLaurel(
        parseConfig({ LAUREL_DATA_DIR: dir, LAUREL_MASTER_KEY: key, LOG_LEVEL: 'silent' }),
        { logger: pino({ level: 'silent' }) },
      );
    try {
      await (await start('aa'.repeat(32))).close();
      await expect(start('bb'.repeat(32))).rejects.toThrow(MasterKeyError);
      await (await start('aa'.repeat(32))).close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
