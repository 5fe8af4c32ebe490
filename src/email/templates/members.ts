import { ROLE_LABELS, type Role } from '../../core/authz/roles.ts';
import type { EmailContent } from '../content.ts';
import { inSubject, withArticle } from './common.ts';

const memberFooter =
  'You received this email because you are a member of this organization on Laurel.';

export function invitationContent(p: {
  to: string;
  organizationName: string;
  inviterName: string;
  role: Role;
  link: string;
}): EmailContent {
  return {
    subject: `${inSubject(p.inviterName)} invited you to join ${inSubject(p.organizationName)}`,
    preheader: `Join ${p.organizationName} on Laurel as ${withArticle(p.role)}.`,
    heading: `Join ${p.organizationName} on Laurel`,
    body: [
      [
        { strong: p.inviterName },
        ' invited you to join ',
        { strong: p.organizationName },
        ` on Laurel as ${withArticle(p.role)}.`,
      ],
      [
        `If you don't have a Laurel account yet, you'll sign up first with this email address (${p.to}), then accept.`,
      ],
    ],
    action: { label: 'Accept invitation', url: p.link },
    notes: [["If you weren't expecting this invitation, you can ignore this email."]],
    footer: `You received this email because ${p.inviterName} invited this address to an organization on Laurel.`,
  };
}

export function roleChangedContent(p: {
  organizationName: string;
  role: Role;
  link: string;
}): EmailContent {
  const role = ROLE_LABELS[p.role];
  return {
    subject: `Your role in ${inSubject(p.organizationName)} is now ${role}`,
    preheader: `You are now ${withArticle(p.role)} of ${p.organizationName}.`,
    heading: 'Your role has changed',
    body: [['Your role in ', { strong: p.organizationName }, ' is now ', { strong: role }, '.']],
    action: { label: 'Open the organization', url: p.link },
    footer: memberFooter,
  };
}

export function promotedToOwnerContent(p: {
  organizationName: string;
  link: string;
}): EmailContent {
  return {
    subject: `You are now an owner of ${inSubject(p.organizationName)}`,
    preheader: `You are now an owner of ${p.organizationName}.`,
    heading: 'You are now an owner',
    body: [
      ['You are now an owner of ', { strong: p.organizationName }, ' on Laurel.'],
      ["As an owner you manage the organization's details, its members and its subscription."],
    ],
    action: { label: 'Open the organization', url: p.link },
    footer: memberFooter,
  };
}

export function removedFromOrganizationContent(p: { organizationName: string }): EmailContent {
  return {
    subject: `You were removed from ${inSubject(p.organizationName)}`,
    preheader: `You are no longer a member of ${p.organizationName}.`,
    heading: 'You were removed from an organization',
    body: [
      ['You are no longer a member of ', { strong: p.organizationName }, ' on Laurel.'],
      ['Your Laurel account stays open, and credentials already issued are not affected.'],
    ],
    footer: 'You received this email because you were a member of this organization on Laurel.',
  };
}

export function ownerLeftContent(p: {
  organizationName: string;
  leaverName: string;
  link: string;
}): EmailContent {
  return {
    subject: `${inSubject(p.leaverName)} left ${inSubject(p.organizationName)}`,
    preheader: `${p.leaverName} is no longer an owner of ${p.organizationName}.`,
    heading: 'An owner left your organization',
    body: [
      [
        { strong: p.leaverName },
        ' left ',
        { strong: p.organizationName },
        ' and is no longer an owner.',
      ],
      [
        'You remain an owner. Review the members to make sure the organization has the owners it needs.',
      ],
    ],
    action: { label: 'Review members', url: p.link },
    footer: 'You received this email because you are an owner of this organization on Laurel.',
  };
}
