import type { CredentialEmailFacts } from '../../core/ports/email-composer.ts';
import type { EmailContent } from '../content.ts';

/** The facts of the port, without the address (templates write content, not envelopes). */
export type CredentialEmail = Omit<CredentialEmailFacts, 'to'>;

export interface RenewalEmail extends CredentialEmail {
  /** What became of the credential this one replaces. */
  previousStatus: 'expired' | 'revoked';
}

function facts(p: CredentialEmail) {
  return [
    [{ strong: p.badgeName }, ` from ${p.organizationName}`],
    ['Credential ID: ', { strong: p.shortId }],
  ] as const;
}

const FOOTER =
  'You received this email because an organization issued a credential to this address on Laurel.';

export function credentialIssuedContent(p: CredentialEmail): EmailContent {
  return {
    subject: "🏆 You've earned a new credential!",
    preheader: `${p.organizationName} issued you ${p.badgeName}.`,
    heading: `Congratulations, ${p.recipientName}!`,
    ...(p.imageUrl ? { image: { url: p.imageUrl, alt: p.badgeName } } : {}),
    body: [[`${p.organizationName} has issued you a credential.`], ...facts(p)],
    action: { label: 'View & Verify Credential', url: p.link },
    notes: [
      [
        'Sign in or create a Laurel account with this email address to claim it and add it to your profile.',
      ],
    ],
    footer: FOOTER,
  };
}

export function credentialRenewedContent(p: RenewalEmail): EmailContent {
  return {
    subject: `Your ${p.badgeName} credential has been renewed 🔄`,
    preheader: `${p.organizationName} renewed your ${p.badgeName} credential.`,
    heading: `Your credential has been renewed, ${p.recipientName}`,
    ...(p.imageUrl ? { image: { url: p.imageUrl, alt: p.badgeName } } : {}),
    body: [
      [
        `${p.organizationName} has renewed your ${p.badgeName} credential. This is a renewal: the new credential replaces your earlier one.`,
      ],
      [`Your earlier credential is now ${p.previousStatus}; it stays visible, linked to this one.`],
      ...facts(p),
    ],
    action: { label: 'View & Verify Credential', url: p.link },
    notes: [
      [
        'Sign in or create a Laurel account with this email address to claim it and add it to your profile.',
      ],
    ],
    footer: FOOTER,
  };
}
