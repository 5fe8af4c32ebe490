import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_IMAGE_BYTES } from '../core/images.ts';
import { registerApi, type ApiOptions, type ApiReferencePage } from './api/index.ts';
import { registerCredentialDocuments } from './public/credentials.ts';
import { registerIssuerDocuments } from './public/issuers.ts';
import { registerQrCodes } from './public/qr.ts';
import { registerStatusLists } from './public/status-lists.ts';
import type { AppContext } from './context.ts';
import { registerSessions } from './session-plugin.ts';
import { registerSecurityHeaders } from './security-headers.ts';

/** A hop count becomes "trust the nearest n hops"; addresses are passed as they are. */
function trustedProxies(setting: AppContext['config']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** What the HTTP layer is given besides the context: the web's part of the app, and API options. */
export interface HttpAppOptions {
  /** The v1 API's rate limits and (in tests) extra endpoints. */
  api?: ApiOptions | undefined;
  /** The folder served under /assets/ (the web's stylesheet, icons and logos). */
  assetsDir: string;
  /** The human-readable reference of the v1 API, rendered by the web. */
  apiReferencePage: ApiReferencePage;
}

/**
 * Builds the Fastify app's HTTP side: security headers, sessions and CSRF, static assets, the
 * v1 API and the public documents. The composition root adds the web's pages to it.
 */
export async function buildHttpApp(
  ctx: AppContext,
  options: HttpAppOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    // Forms and JSON bodies stay small; uploads have their own limit below.
    bodyLimit: 1024 * 1024,
    // Client addresses (for sign-in throttling) come from X-Forwarded-For only behind a trusted proxy.
    trustProxy: trustedProxies(ctx.config.trustProxy),
  });

  registerSecurityHeaders(app, {
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
    root: options.assetsDir,
    prefix: '/assets/',
    maxAge: '1h',
  });

  registerSessions(app, ctx.deps, ctx.cookies);
  // After sessions, whose hooks the v1 routes inherit: the reference page shows who is signed in.
  await registerApi(app, ctx, options.apiReferencePage, options.api);
  app.get('/healthz', () => ({ status: 'ok' }));
  registerIssuerDocuments(app, ctx);
  registerStatusLists(app, ctx);
  registerCredentialDocuments(app, ctx);
  registerQrCodes(app, ctx);
  return app;
}
