import type { FastifyBaseLogger } from 'fastify';
import type { CoreDeps } from '../core/deps.ts';
import type { EmailTransportKind } from '../core/mailbox/mailbox.ts';
import type { CookiePolicy } from './cookies.ts';

/** What the HTTP layer needs of Laurel's configuration; the composition root fills it in. */
export interface HttpConfig {
  /** Absolute base of every public link, e.g. https://laurel.example.org */
  publicUrl: string;
  /** Laurel is reached over HTTPS: Secure cookies, HSTS, upgrade-insecure-requests. */
  secureCookies: boolean;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Whether email goes out over SMTP to real people, or stays in the local mailbox. */
  emailTransport: EmailTransportKind;
}

/** Everything the HTTP layer is handed by the composition root. */
export interface AppContext {
  deps: CoreDeps;
  config: HttpConfig;
  /** pino, typed as Fastify sees it. */
  logger: FastifyBaseLogger;
  cookies: CookiePolicy;
}
