import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/main/config.ts';
import { createHttpApp, createLaurel, type Laurel } from '../../src/main/laurel.ts';
import { seedUser } from '../factories/index.ts';

let laurel: Laurel;
let app: Awaited<ReturnType<typeof createHttpApp>>;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-https-'));
  laurel = await createLaurel(
    parseConfig({
      LAUREL_DATA_DIR: dir,
      PUBLIC_URL: 'https://badges.example.org',
      LOG_LEVEL: 'silent',
    }),
    {
      logger: pino({ level: 'silent' }),
    },
  );
  await seedUser(laurel.deps, { platformAdmin: true });
  app = await createHttpApp(laurel);
});
afterAll(async () => {
  await app.close();
  await laurel.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('behind HTTPS', () => {
  it('sets __Host- cookies with Secure and sends HSTS', async () => {
    const res = await app.inject({ url: '/login' });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const csrf = cookies.find((c) => c.startsWith('__Host-laurel_csrf='));
    expect(csrf).toBeDefined();
    expect(csrf).toMatch(/;\s*Secure/i);
    expect(csrf).toMatch(/;\s*HttpOnly/i);
    expect(csrf).toMatch(/;\s*Path=\//i);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('ignores a cookie without the prefix, which a sibling subdomain could have planted', async () => {
    const planted = 'A'.repeat(43);
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        cookie: `laurel_csrf=${planted}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${planted}&email=x%40example.test&password=x`,
    });
    expect(res.statusCode).toBe(403);
  });
});
