import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_MS, resolveSession, type SignedIn } from '../core/accounts/sessions.ts';
import type { CoreDeps } from '../core/deps.ts';
import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  clearCookie,
  readCookie,
  setCookie,
  type CookiePolicy,
} from './cookies.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and session, or null for a visitor. */
    auth: SignedIn | null;
    /** The token every form of this response carries in `_csrf`. */
    csrfToken: string;
  }
  interface FastifyContextConfig {
    /** A public POST that changes nothing (verify an uploaded image): no CSRF token needed. */
    csrfExempt?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions from the cookie, and CSRF protection for every form: a random per-browser token
 * in an HttpOnly cookie must come back in the form's `_csrf` field (or the X-CSRF-Token
 * header htmx sends, or `?_csrf=` on multipart uploads). Requests that authenticate with a
 * bearer API key instead of cookies are exempt.
 */
export function registerSessions(app: FastifyInstance, deps: CoreDeps, policy: CookiePolicy): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (request, reply) => {
    // Stylesheets, icons and scripts need neither a session nor a CSRF token.
    if (request.url.startsWith('/assets/')) return;
    const existing = readCookie(request, policy, CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
      request.csrfToken = existing;
    } else {
      request.csrfToken = randomBytes(32).toString('base64url');
      setCookie(reply, policy, CSRF_COOKIE, request.csrfToken);
    }
    const token = readCookie(request, policy, SESSION_COOKIE);
    if (token) {
      request.auth = (await resolveSession(deps, token)) ?? null;
      if (!request.auth) clearCookie(reply, policy, SESSION_COOKIE);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    // A request authenticated by a bearer API key carries no cookie a browser could send for an attacker.
    if (
      !UNSAFE.has(request.method) ||
      isBearerRequest(request) ||
      request.routeOptions.config.csrfExempt === true
    )
      return;
    if (!csrfMatches(request, policy)) {
      await reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send('This form has expired. Go back, reload the page and try again.');
    }
  });
}

function isBearerRequest(request: FastifyRequest): boolean {
  return (
    /^Bearer\s/i.test(request.headers.authorization ?? '') && request.headers.cookie === undefined
  );
}

function submittedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}

function csrfMatches(request: FastifyRequest, policy: CookiePolicy): boolean {
  const sent = submittedToken(request);
  const expected = readCookie(request, policy, CSRF_COOKIE);
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startSessionCookie(reply: FastifyReply, policy: CookiePolicy, token: string): void {
  setCookie(reply, policy, SESSION_COOKIE, token, SESSION_ABSOLUTE_MS / 1000);
}

export function endSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  clearCookie(reply, policy, SESSION_COOKIE);
}
