import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { Db } from '../../src/db/database.ts';
import { createUnitOfWork } from '../../src/db/unit-of-work.ts';
import { createEmailComposer } from '../../src/email/composer.tsx';
import { withCredentialEngine } from '../../src/main/credential-engine.ts';
import { createLocalFileStorage } from '../../src/main/file-storage.ts';
import { sharpImageProcessor } from '../../src/main/image-processor.ts';
import { createKeyVault } from '../../src/main/key-vault.ts';
import { argon2Hasher } from '../../src/main/password-hasher.ts';
import { createBatchedVerificationLog } from '../../src/main/verification-log.ts';
import { testClock } from './clock.ts';
import { createTestDatabase, type TestDatabase, type TestDialect } from './database.ts';
import { trackVerificationLog } from './verification-logs.ts';

/** Where every test core's clock starts unless the test moves it. */
export const TEST_NOW = new Date('2026-11-25T12:00:00.000Z');

export const TEST_PUBLIC_URL = 'http://laurel.test';

/** A fixed master key for sealing test organizations' signing keys. */
const TEST_MASTER_KEY = Buffer.alloc(32, 7);

export interface TestCore {
  /** What the use cases are given, wired to a fresh migrated database and a clock the test controls. */
  deps: CoreDeps;
  db: Db;
  dialect: TestDialect;
  /** The underlying test database (its `url` reaches the same data from another connection). */
  database: TestDatabase;
  /** Sets the clock every use case reads. */
  setNow(date: Date): void;
  /** Moves the clock forward (or back, with a negative number). */
  advance(ms: number): void;
  destroy(): Promise<void>;
}

/**
 * The core's use cases without HTTP: a fresh database of `dialect` (see createTestDatabase),
 * real argon2 hashing and real email templates, and a controllable clock.
 */
export async function createTestCore(
  dialect: TestDialect,
  start: Date = TEST_NOW,
): Promise<TestCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-core-'));
  let database: TestDatabase;
  try {
    database = await createTestDatabase(dialect, dir);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const clock = testClock(start);
  const uow = createUnitOfWork(database.db, dialect);
  // Batched as in production; tests that read counts back flush it first.
  const verificationLog = createBatchedVerificationLog({
    uow,
    onError: (e) => {
      throw e;
    },
  });
  const untrackLog = trackVerificationLog(verificationLog);
  const deps: CoreDeps = withCredentialEngine({
    uow,
    clock,
    hasher: argon2Hasher,
    keyVault: createKeyVault(TEST_MASTER_KEY),
    emails: createEmailComposer({ publicUrl: TEST_PUBLIC_URL }),
    // Uploaded images go where the app keeps them, in the test's own folder.
    files: createLocalFileStorage(dir),
    images: sharpImageProcessor,
    verificationLog,
    publicUrl: TEST_PUBLIC_URL,
  });
  return {
    deps,
    db: database.db,
    dialect,
    database,
    setNow: clock.set,
    advance: clock.advance,
    destroy: async () => {
      try {
        untrackLog();
        await verificationLog.close();
        await database.destroy();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
