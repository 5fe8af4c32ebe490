import type { FastifyBaseLogger } from 'fastify';
import type { CoreDeps } from '../core/deps.ts';
import type { FileStorage } from '../core/ports.ts';
import type { Db } from '../db/database.ts';
import type { Config } from '../main/config.ts';
import type { CookiePolicy } from './cookies.ts';

/** Everything the HTTP layer is handed by the composition root. */
export interface AppContext {
  deps: CoreDeps;
  config: Config;
  /** Read-only views that are not use cases (the admin mailbox) read through repositories with it. */
  db: Db;
  storage: FileStorage;
  /** pino, typed as Fastify sees it. */
  logger: FastifyBaseLogger;
  cookies: CookiePolicy;
}
