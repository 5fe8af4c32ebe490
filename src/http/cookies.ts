import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'laurel_session';
export const CSRF_COOKIE = 'laurel_csrf';
export const FLASH_COOKIE = 'laurel_flash';

export interface CookiePolicy {
  secure: boolean;
}

/**
 * Over HTTPS every cookie gets the `__Host-` prefix: the browser then accepts it only from
 * this exact host, Secure and on path /, so a sibling subdomain cannot plant one.
 */
function cookieName(policy: CookiePolicy, name: string): string {
  return policy.secure ? `__Host-${name}` : name;
}

export function readCookie(
  request: FastifyRequest,
  policy: CookiePolicy,
  name: string,
): string | undefined {
  return request.cookies[cookieName(policy, name)];
}

/** HttpOnly, SameSite=Lax, Secure behind HTTPS: scripts cannot read them and other sites cannot post with them. */
export function setCookie(
  reply: FastifyReply,
  policy: CookiePolicy,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): void {
  void reply.setCookie(cookieName(policy, name), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

export function clearCookie(reply: FastifyReply, policy: CookiePolicy, name: string): void {
  void reply.clearCookie(cookieName(policy, name), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
  });
}
