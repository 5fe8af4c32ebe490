import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { parseConfig } from '../../src/main/config.ts';
import { createHttpApp, createLaurel, type Laurel } from '../../src/main/laurel.ts';
import {
  createTestDatabase,
  primaryTestDialect,
  type TestDatabase,
  type TestDialect,
} from './database.ts';
import { seedUser } from '../factories/index.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';
import { freePort } from './free-port.ts';
import { trackVerificationLog } from './verification-logs.ts';

export interface TestApp {
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  laurel: Laurel;
  app: FastifyInstance;
  database: TestDatabase;
  smtp: TestSmtp;
  dataDir: string;
  /** The environment the server runs with, for CLI child processes against the same data. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * A whole Laurel over real HTTP: a fresh database (PostgreSQL when TEST_DATABASE_URL is set),
 * a real SMTP server on loopback receiving its mail, and the outbox worker polling fast.
 * With `localMailbox`, Laurel is configured as the one-command install is: no SMTP_URL, mail
 * goes to the local mailbox (the SMTP server then receives nothing).
 */
export async function startTestApp(
  opts: { dialect?: TestDialect; localMailbox?: boolean } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-e2e-'));
  const database = await createTestDatabase(opts.dialect ?? primaryTestDialect(), dataDir);
  const smtp = await startTestSmtp();
  const env: NodeJS.ProcessEnv = {
    LAUREL_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ...(opts.localMailbox ? {} : { SMTP_URL: smtp.url }),
    MAIL_FROM: 'Laurel <no-reply@laurel.test>',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  // Pick the port before configuring, so PUBLIC_URL (and every emailed link) points at it.
  const port = await freePort();
  const config = parseConfig({
    ...env,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const laurel = await createLaurel(config, {
    logger: pino({ level: 'silent' }),
    workerPollIntervalMs: 50,
  });
  const app = await createHttpApp(laurel);
  await app.listen({ port, host: '127.0.0.1' });
  laurel.worker.start();
  const untrackLog = trackVerificationLog(laurel.deps.verificationLog);
  return {
    url: config.publicUrl,
    laurel,
    app,
    database,
    smtp,
    dataDir,
    env: { ...env, PORT: String(port), PUBLIC_URL: config.publicUrl },
    async close() {
      untrackLog();
      await app.close();
      await laurel.close();
      await smtp.stop();
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A whole Laurel past first-run setup: a platform admin exists, so pages answer instead of
 * sending every visitor to /setup.
 */
export async function startSetUpApp(
  opts: { dialect?: TestDialect; localMailbox?: boolean } = {},
): Promise<TestApp> {
  const t = await startTestApp(opts);
  await seedUser(t.laurel.deps, { platformAdmin: true });
  return t;
}
