import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { systemClock, type Clock } from '../core/clock.ts';
import type { CoreDeps } from '../core/deps.ts';
import { openDatabase, type Db, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createUnitOfWork } from '../db/unit-of-work.ts';
import { createEmailComposer } from '../email/composer.tsx';
import { createMailTransport, type MailTransport } from '../email/transport.ts';
import { createOutboxWorker, type OutboxWorker } from '../email/worker.ts';
import { buildApp } from './app.ts';
import type { HttpConfig } from '../http/context.ts';
import { requestSerializer } from '../http/log-url.ts';
import type { Config } from './config.ts';
import { withCredentialEngine } from './credential-engine.ts';
import { createLocalFileStorage } from './file-storage.ts';
import { sharpImageProcessor } from './image-processor.ts';
import { assertMasterKeyMatches, createKeyVault } from './key-vault.ts';
import { loadMasterKey } from './master-key.ts';
import { argon2Hasher } from './password-hasher.ts';
import { createBatchedVerificationLog } from './verification-log.ts';

/** Keys, cookies, passwords and tokens never reach the logs. */
const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.apiKey',
  '*.privateKey',
];

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: LOG_REDACT, censor: '[redacted]' },
      serializers: { req: requestSerializer },
    },
    destination,
  );
}

/** Everything one Laurel process is made of. The only place the parts are wired together. */
export interface Laurel {
  config: Config;
  db: Db;
  dialect: Dialect;
  /** Encrypts signing keys at rest (used by the credential engine). */
  masterKey: Buffer;
  deps: CoreDeps;
  logger: Logger;
  transport: MailTransport;
  worker: OutboxWorker;
  close(): Promise<void>;
}

export interface LaurelOverrides {
  clock?: Clock;
  logger?: Logger;
  workerPollIntervalMs?: number;
}

export async function createLaurel(
  config: Config,
  overrides: LaurelOverrides = {},
): Promise<Laurel> {
  const logger = overrides.logger ?? createLogger(config);
  const masterKey = loadMasterKey(config.masterKey, config.dataDir);
  const clock = overrides.clock ?? systemClock;
  const { db, dialect } = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    await assertMasterKeyMatches(db, masterKey);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const uow = createUnitOfWork(db, dialect);
  const verificationLog = createBatchedVerificationLog({
    uow,
    onError: (e) => logger.error({ err: e }, 'writing verification counts failed; will retry'),
  });
  const deps: CoreDeps = withCredentialEngine({
    uow,
    clock,
    hasher: argon2Hasher,
    keyVault: createKeyVault(masterKey),
    emails: createEmailComposer({ publicUrl: config.publicUrl }),
    files: createLocalFileStorage(config.dataDir),
    images: sharpImageProcessor,
    verificationLog,
    publicUrl: config.publicUrl,
  });
  const transport = createMailTransport({
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    dataDir: config.dataDir,
  });
  const worker = createOutboxWorker({
    db,
    dialect,
    transport,
    clock,
    logger,
    ...(overrides.workerPollIntervalMs ? { pollIntervalMs: overrides.workerPollIntervalMs } : {}),
  });
  return {
    config,
    db,
    dialect,
    masterKey,
    deps,
    logger,
    transport,
    worker,
    async close() {
      await worker.stop();
      transport.close();
      await verificationLog.close();
      await db.destroy();
    },
  };
}

/** The part of the configuration the HTTP layer is given. */
export function httpConfig(config: Config): HttpConfig {
  return {
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    emailTransport: config.smtpUrl ? 'smtp' : 'mailbox',
  };
}

export async function createHttpApp(laurel: Laurel): Promise<FastifyInstance> {
  return buildApp(
    {
      deps: laurel.deps,
      config: httpConfig(laurel.config),
      logger: laurel.logger,
      cookies: { secure: laurel.config.secureCookies },
    },
    { api: { rateLimits: { perIp: laurel.config.ipRateLimitPerMinute } } },
  );
}
