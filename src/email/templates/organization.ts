import type { OrganizationStatus } from '../../core/entities.ts';
import type { EmailContent, Paragraph } from '../content.ts';
import { inSubject } from './common.ts';

export interface StatusChange {
  organizationName: string;
  status: OrganizationStatus;
  /** The status before the change; approved after suspended is a reinstatement. */
  previousStatus?: OrganizationStatus | null;
  reason: string | null;
  link: string;
}

/** The `kind` recorded in the outbox, e.g. `organization.reinstated`. */
export function statusKind(c: StatusChange): string {
  return `organization.${isReinstated(c) ? 'reinstated' : c.status}`;
}

function isReinstated(c: StatusChange): boolean {
  return c.status === 'approved' && c.previousStatus === 'suspended';
}

const footer = 'You received this email because you are an owner of this organization on Laurel.';

export function organizationStatusContent(c: StatusChange): EmailContent {
  const org = { strong: c.organizationName };
  const name = inSubject(c.organizationName);
  const reason: Paragraph[] = c.reason ? [['Reason: ', c.reason]] : [];
  if (isReinstated(c)) {
    return {
      subject: `${name} is active again`,
      preheader: 'Your organization has been reinstated: you can issue credentials again.',
      heading: 'Your organization is active again',
      body: [
        [
          'The suspension of ',
          org,
          ' has been lifted and the organization is approved again. You can issue credentials again.',
        ],
      ],
      action: { label: 'Open your organization', url: c.link },
      footer,
    };
  }
  switch (c.status) {
    case 'approved':
      return {
        subject: `${name} is approved`,
        preheader: 'Your organization is approved: you can now issue credentials.',
        heading: 'Your organization is approved',
        body: [
          [
            'Good news: ',
            org,
            ' has been approved on Laurel. You can now create badges and issue credentials.',
          ],
        ],
        action: { label: 'Open your organization', url: c.link },
        footer,
      };
    case 'rejected':
      return {
        subject: `${name} was not approved`,
        preheader: 'Your organization was not approved. You can update it and submit it again.',
        heading: 'Your organization was not approved',
        body: [
          ['We reviewed ', org, ' and could not approve it.'],
          ...reason,
          [
            "To resubmit, update your organization's details to address the reason above and submit it for review again.",
          ],
        ],
        action: { label: 'Update and resubmit', url: c.link },
        footer,
      };
    case 'suspended':
      return {
        subject: `${name} has been suspended`,
        preheader: 'Issuing is paused. Credentials already issued stay verifiable.',
        heading: 'Your organization has been suspended',
        body: [
          [
            org,
            ' has been suspended on Laurel. Issuing is paused: no new credentials can be issued while it is suspended.',
          ],
          ...reason,
          ['Credentials you already issued stay verifiable.'],
        ],
        action: { label: 'Open your organization', url: c.link },
        notes: [
          ['If you think this is a mistake, contact the administrators of this Laurel instance.'],
        ],
        footer,
      };
    case 'pending_review':
      return {
        subject: `${name} is waiting for review`,
        preheader: 'Your organization has been submitted for review.',
        heading: 'Your organization is waiting for review',
        body: [
          [
            org,
            " has been submitted for review. We'll email you as soon as an administrator has reviewed it.",
          ],
        ],
        action: { label: 'Open your organization', url: c.link },
        footer,
      };
  }
}
