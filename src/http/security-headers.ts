import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's security headers: these options over the app's, as for the embed card. */
    securityHeaders?: HelmetOptions;
  }
}

type Middleware = ReturnType<typeof helmet>;

/**
 * Helmet's security headers on every response, from middleware built once per set of options.
 * Not @fastify/helmet: it builds a new Helmet (parsing every CSP directive) on each request,
 * which cost a public page about 4% of its time. A route may set `config.securityHeaders`;
 * they are merged over the app's options, one level deep, as @fastify/helmet merged them.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const appHeaders = helmet(options);
  const routeHeaders = new Map<HelmetOptions, Middleware>();
  app.addHook('onRoute', (route) => {
    const own = route.config?.securityHeaders;
    if (own && !routeHeaders.has(own))
      routeHeaders.set(own, helmet({ ...options, ...own } as HelmetOptions));
  });
  app.addHook('onRequest', (request, reply, done) => {
    const own = request.routeOptions.config.securityHeaders;
    const headers = (own && routeHeaders.get(own)) ?? appHeaders;
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
