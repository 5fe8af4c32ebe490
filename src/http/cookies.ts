import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'laurel_session';
export const CSRF_COOKIE = 'laurel_csrf';
export const FLASH_COOKIE = 'laurel_flash';

export interface CookiePolicy {
  secure: boolean;
}

/** HttpOnly, SameSite=Lax, Secure behind HTTPS: scripts cannot read them and other sites cannot post with them. */
export function setCookie(reply: FastifyReply, policy: CookiePolicy, name: string, value: string, maxAgeSeconds?: number): void {
  void reply.setCookie(name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

export function clearCookie(reply: FastifyReply, policy: CookiePolicy, name: string): void {
  void reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: policy.secure });
}
