import { renderToStaticMarkup } from 'react-dom/server';
import type { EmailComposer } from '../core/ports/email-composer.ts';
import type { OutgoingEmail } from '../core/ports/stores/outbox.ts';
import { renderText, type EmailContent } from './content.ts';
import { headerSafe } from './header-safe.ts';
import { EmailLayout } from './layout.tsx';
import { resetPasswordContent, verifyEmailContent } from './templates/account.ts';
import { credentialIssuedContent, credentialRenewedContent } from './templates/credentials.ts';
import {
  invitationContent,
  ownerLeftContent,
  promotedToOwnerContent,
  removedFromOrganizationContent,
  roleChangedContent,
} from './templates/members.ts';
import { organizationStatusContent, statusKind } from './templates/organization.ts';

export interface EmailComposerConfig {
  /** Where this Laurel is reached, e.g. https://badges.example.org; links and the footer use it. */
  publicUrl: string;
}

/** Names come from people: kept to one line everywhere (subject, heading, text part). */
function name(value: string): string {
  return headerSafe(value, 300);
}

export function createEmailComposer(config: EmailComposerConfig): EmailComposer {
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  const link = (l: string) => absoluteLink(l, publicUrl);

  function compose(to: string, kind: string, content: EmailContent): OutgoingEmail {
    const c = {
      ...content,
      subject: headerSafe(content.subject),
      action: content.action && { ...content.action, url: link(content.action.url) },
    };
    const html = `<!DOCTYPE html>${renderToStaticMarkup(<EmailLayout content={c} publicUrl={publicUrl} />)}`;
    return { to, kind, subject: c.subject, html, text: renderText(c, publicUrl) };
  }

  const credentialNames = <
    T extends { recipientName: string; badgeName: string; organizationName: string },
  >(
    p: T,
  ): T => ({
    ...p,
    recipientName: name(p.recipientName),
    badgeName: name(p.badgeName),
    organizationName: name(p.organizationName),
  });

  return {
    credentialIssued: (p) =>
      compose(p.to, 'credential.issued', credentialIssuedContent(credentialNames(p))),
    credentialRenewed: (p) =>
      compose(p.to, 'credential.renewed', credentialRenewedContent(credentialNames(p))),
    verifyEmail: (p) =>
      compose(
        p.to,
        'account.verify_email',
        verifyEmailContent({ ...p, firstName: name(p.firstName) }),
      ),
    resetPassword: (p) =>
      compose(
        p.to,
        'account.reset_password',
        resetPasswordContent({ ...p, firstName: name(p.firstName) }),
      ),
    organizationStatusChanged: (p) => {
      const change = { ...p, organizationName: name(p.organizationName) };
      return compose(p.to, statusKind(change), organizationStatusContent(change));
    },
    invitation: (p) =>
      compose(
        p.to,
        'member.invitation',
        invitationContent({
          ...p,
          organizationName: name(p.organizationName),
          inviterName: name(p.inviterName),
        }),
      ),
    roleChanged: (p) =>
      compose(
        p.to,
        'member.role_changed',
        roleChangedContent({ ...p, organizationName: name(p.organizationName) }),
      ),
    promotedToOwner: (p) =>
      compose(
        p.to,
        'member.promoted_to_owner',
        promotedToOwnerContent({ ...p, organizationName: name(p.organizationName) }),
      ),
    removedFromOrganization: (p) =>
      compose(
        p.to,
        'member.removed',
        removedFromOrganizationContent({ organizationName: name(p.organizationName) }),
      ),
    ownerLeft: (p) =>
      compose(
        p.to,
        'member.owner_left',
        ownerLeftContent({
          ...p,
          organizationName: name(p.organizationName),
          leaverName: name(p.leaverName),
        }),
      ),
  };
}

/** Links are absolute http(s) URLs or paths on this Laurel; anything else (javascript:, mailto:) is a bug. */
function absoluteLink(link: string, publicUrl: string): string {
  if (link.startsWith('/') && !link.startsWith('//')) return `${publicUrl}${link}`;
  const url = new URL(link);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Email links must be http(s): ${url.protocol}`);
  return url.href;
}
