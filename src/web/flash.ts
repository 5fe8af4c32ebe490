import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FLASH_COOKIE,
  clearCookie,
  readCookie,
  setCookie,
  type CookiePolicy,
} from '../http/cookies.ts';

/**
 * One-shot confirmations shown after a redirect. The cookie carries only a key of this
 * table, never text, so nobody can make our pages display words of their choosing.
 */
const FLASH_MESSAGES = {
  signed_out: { kind: 'success', text: 'You have signed out.' },
  email_verified: { kind: 'success', text: 'Your email is verified. Sign in to continue.' },
  verification_sent: {
    kind: 'info',
    text: 'If that account still needs verifying, we have sent a new link. Check your inbox.',
  },
  reset_sent: {
    kind: 'info',
    text: 'If an account uses that email, we have sent a link to reset the password.',
  },
  password_changed: {
    kind: 'success',
    text: 'Password changed. Other browsers and devices have been signed out.',
  },
  password_reset: {
    kind: 'success',
    text: 'Your password has been changed. Sign in with the new one.',
  },
  registered: {
    kind: 'success',
    text: 'Account created. We have emailed you a link to verify your address.',
  },
  setup_done: { kind: 'success', text: 'Laurel is set up and you are its first platform admin.' },
  org_created: {
    kind: 'success',
    text: 'Organization created. It is pending review; you will get an email when that changes.',
  },
  org_updated: { kind: 'success', text: 'Organization details saved.' },
  keys_generated: {
    kind: 'success',
    text: 'Signing keys generated. Your public key is now published in your DID document.',
  },
  org_resubmitted: { kind: 'success', text: 'Resubmitted for review.' },
  logo_updated: { kind: 'success', text: 'Logo updated.' },
  logo_removed: { kind: 'success', text: 'Logo removed.' },
  emails_on: { kind: 'success', text: 'Email notifications are on.' },
  emails_off: {
    kind: 'warning',
    text: 'Email notifications are off: no emails about this organization will be sent.',
  },
  invited: { kind: 'success', text: 'Invitation sent.' },
  invitation_cancelled: { kind: 'success', text: 'Invitation withdrawn.' },
  invitation_accepted: {
    kind: 'success',
    text: 'Welcome aboard: you have joined the organization.',
  },
  invitation_declined: { kind: 'info', text: 'Invitation declined.' },
  role_changed: { kind: 'success', text: 'Role updated.' },
  member_removed: { kind: 'success', text: 'Member removed.' },
  left_org: { kind: 'success', text: 'You have left the organization.' },
  org_reviewed: {
    kind: 'success',
    text: 'Organization status updated; its owners have been emailed.',
  },
  plan_set: { kind: 'success', text: 'Plan updated.' },
  badge_created: { kind: 'success', text: 'Badge created. You can issue credentials from it now.' },
  badge_updated: { kind: 'success', text: 'Badge saved.' },
  badge_deleted: { kind: 'success', text: 'Badge deleted.' },
  badge_deactivated: {
    kind: 'info',
    text: 'Credentials have been issued from this badge, so it was deactivated instead of deleted: no new credentials can be issued from it, and the existing ones stay valid and verifiable.',
  },
  credential_issued: {
    kind: 'success',
    text: 'Credential issued. The recipient will receive an email with a View & Verify link.',
  },
  credential_renewed: {
    kind: 'success',
    text: 'Credential issued as a renewal: it supersedes the recipient’s previous credential, and the recipient will receive an email.',
  },
  credential_issued_silent: {
    kind: 'success',
    text: 'Credential issued. Email notifications are off for this organization, so the recipient was not emailed.',
  },
  credential_revoked: {
    kind: 'success',
    text: 'Credential revoked. Its verification page now shows it as revoked.',
  },
  email_resent: { kind: 'success', text: 'The credential email is on its way again.' },
  api_key_revoked: {
    kind: 'success',
    text: 'API key revoked. Requests that use it are now refused.',
  },
  profile_saved: { kind: 'success', text: 'Profile saved.' },
  avatar_updated: { kind: 'success', text: 'Avatar updated.' },
  avatar_removed: { kind: 'success', text: 'Avatar removed.' },
  credential_shown: {
    kind: 'success',
    text: 'The credential is shown on your public profile again.',
  },
  credential_hidden: {
    kind: 'success',
    text: 'The credential is hidden from your public profile. It stays verifiable at its link.',
  },
} as const satisfies Record<
  string,
  { kind: 'success' | 'info' | 'warning' | 'danger'; text: string }
>;

export type FlashKey = keyof typeof FLASH_MESSAGES;
export type Flash = (typeof FLASH_MESSAGES)[FlashKey];

export function setFlash(reply: FastifyReply, policy: CookiePolicy, key: FlashKey): void {
  setCookie(reply, policy, FLASH_COOKIE, key, 60);
}

/** Reads and clears the pending flash, if any. */
export function takeFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
): Flash | undefined {
  const key = readCookie(request, policy, FLASH_COOKIE);
  if (!key) return undefined;
  clearCookie(reply, policy, FLASH_COOKIE);
  return Object.hasOwn(FLASH_MESSAGES, key) ? FLASH_MESSAGES[key as FlashKey] : undefined;
}
