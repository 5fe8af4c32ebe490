import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_IMAGE_BYTES } from '../core/images.ts';
import { registerWebRoutes } from '../web/routes/index.ts';
import { registerApi, type ApiOptions } from './api/index.ts';
import { registerCredentialDocuments } from './public/credentials.ts';
import { registerEmbed } from './public/embed.tsx';
import { registerIssuerDocuments } from './public/issuers.ts';
import { registerQrCodes } from './public/qr.ts';
import { registerStatusLists } from './public/status-lists.ts';
import type { AppContext } from './context.ts';
import { registerSessions } from './session-plugin.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** A hop count becomes "trust the nearest n hops"; addresses are passed as they are. */
function trustedProxies(setting: AppContext['config']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export interface AppOptions {
  /** The v1 API's rate limits and (in tests) extra endpoints. */
  api?: ApiOptions;
}

/** Builds the Fastify app: security headers, sessions and CSRF, static assets, then every route. */
export async function buildApp(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    // Forms and JSON bodies stay small; uploads have their own limit below.
    bodyLimit: 1024 * 1024,
    // Client addresses (for sign-in throttling) come from X-Forwarded-For only behind a trusted proxy.
    trustProxy: trustedProxies(ctx.config.trustProxy),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: ctx.config.secureCookies
      ? { maxAge: 15552000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 20 } });
  await app.register(fastifyStatic, {
    root: path.join(here, '../web/assets'),
    prefix: '/assets/',
    maxAge: '1h',
  });
  app.get('/assets/htmx.min.js', (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=86400')
      .sendFile('htmx.min.js', path.dirname(require.resolve('htmx.org/dist/htmx.min.js'))),
  );

  registerSessions(app, ctx.deps, ctx.cookies);
  // After sessions, whose hooks the v1 routes inherit: the reference page shows who is signed in.
  await registerApi(app, ctx, options.api);
  app.get('/healthz', () => ({ status: 'ok' }));
  registerIssuerDocuments(app, ctx);
  registerStatusLists(app, ctx);
  registerCredentialDocuments(app, ctx);
  registerEmbed(app, ctx);
  registerQrCodes(app, ctx);
  registerWebRoutes(app, ctx);
  return app;
}
