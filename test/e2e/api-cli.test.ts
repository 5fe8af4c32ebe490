import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/core/api-keys/api-keys.ts';
import { seedOrg } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ApiClient } from './api-support.ts';

/** `laurel apikey:create <slug> --name N`, run as an operator runs it, against a live server's database. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function laurel(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/laurel.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, ...t.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

const SLOW = 120_000;

describe('laurel apikey:create', () => {
  it(
    'prints the key alone on its last line; it works against the API; only its digest is stored; plan rules apply',
    async () => {
      const { org: pro } = await seedOrg(t.laurel.deps, { plan: 'professional' });
      const { org: free } = await seedOrg(t.laurel.deps);
      const [created, refused, missingName, unknownOrg] = await Promise.all([
        laurel('apikey:create', pro.slug, '--name', 'ci'),
        laurel('apikey:create', free.slug, '--name', 'ci'),
        laurel('apikey:create', pro.slug),
        laurel('apikey:create', 'no-such-org', '--name', 'ci'),
      ]);

      expect(created, created.stderr).toMatchObject({ code: 0, stderr: '' });
      const lines = created.stdout.trimEnd().split('\n');
      const key = lines.at(-1)!;
      expect(key).toMatch(/^crd_live_[0-9A-Za-z]{43}$/);
      expect(lines.slice(0, -1).join('\n')).not.toContain(key);
      const api = new ApiClient(t.url, key);
      const res = await api.get<{ data: unknown[] }>('/api/v1/badges');
      expect(res.status).toBe(200);
      const rows = await t.database.db
        .selectFrom('api_keys')
        .select(['name', 'key_hash', 'prefix', 'last4', 'created_by'])
        .where('organization_id', '=', pro.id)
        .execute();
      expect(rows).toEqual([
        {
          name: 'ci',
          key_hash: hashApiKey(key),
          prefix: key.slice(0, 13),
          last4: key.slice(-4),
          created_by: null,
        },
      ]);

      // Professional allows one active key: a second is refused.
      const second = await laurel('apikey:create', pro.slug, '--name', 'another');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('allows 1 active API key');

      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Professional and Enterprise');
      expect(refused.stdout).not.toContain('crd_live_');
      expect(missingName.code).toBe(2);
      expect(missingName.stderr).toContain('--name is required');
      expect(unknownOrg.code).toBe(1);
      expect(unknownOrg.stderr).toContain('no organization has the slug');
    },
    SLOW,
  );
});
