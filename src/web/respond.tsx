import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement, ReactNode } from 'react';
import type { ErrorCode } from '../core/errors.ts';
import type { Failure } from '../core/result.ts';
import type { AppContext } from '../http/context.ts';
import { httpStatus } from '../http/errors.ts';
import { setFlash, takeFlash, type Flash, type FlashKey } from './flash.ts';
import { sendHtml } from '../http/reply.ts';
import { renderFragment, renderPage } from './components/index.ts';

/** What every page's layout needs about the request. */
export interface PageContext {
  user: {
    id: string;
    firstName: string;
    lastName: string;
    email: string;
    isPlatformAdmin: boolean;
  } | null;
  csrfToken: string;
  flash: Flash | undefined;
  /** The path being shown, for the active navigation item. */
  path: string;
}

export function pageContext(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
): PageContext {
  return {
    user: request.auth?.user ?? null,
    csrfToken: request.csrfToken,
    flash: takeFlash(request, reply, ctx.cookies),
    path: request.url.split('?')[0] ?? '/',
  };
}

export function sendPage(reply: FastifyReply, element: ReactElement, status = 200): FastifyReply {
  return sendHtml(reply, renderPage(element), status);
}

/** A piece of a page for htmx (a dialog, a banner, a preview; nothing for an empty body), not cached. */
export function sendFragment(reply: FastifyReply, element: ReactNode, status = 200): FastifyReply {
  return sendHtml(reply, renderFragment(element), status);
}

/** The HTTP status a failed use case's page is sent with. */
export function failureStatus(f: Failure<ErrorCode>): number {
  return httpStatus(f.code);
}

/**
 * Only same-site paths: `/x` but never `//evil.example` or `/\evil.example`, which browsers
 * treat as another host.
 */
export function safeRedirectPath(value: unknown, fallback = '/dashboard'): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  )
    return fallback;
  // Printable ASCII only: anything else is not a path we produce, and some of it cannot go in a Location header.
  if (!/^[\x21-\x7e]+$/.test(value)) return fallback;
  return value;
}

export function redirectWithFlash(
  reply: FastifyReply,
  ctx: AppContext,
  to: string,
  flash: FlashKey,
): FastifyReply {
  setFlash(reply, ctx.cookies, flash);
  return reply.code(303).redirect(to);
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
): NonNullable<FastifyRequest['auth']> | undefined {
  if (request.auth) return request.auth;
  void reply.code(303).redirect(`/login?redirect=${encodeURIComponent(request.url)}`);
  return undefined;
}

/** Form fields as strings (the first value when a field is repeated). */
export function formFields(request: FastifyRequest): Record<string, string | undefined> {
  const body = request.body;
  const out: Record<string, string | undefined> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const v = Array.isArray(value) ? (value[0] as unknown) : value;
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function clientIp(request: FastifyRequest): string {
  return request.ip || 'unknown';
}
