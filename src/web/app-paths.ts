/**
 * Paths of the issuer app (an organization's pages under /organizations/{orgId}, and the
 * platform admin's forms about one), for links, form actions, redirects and hx- attributes. Routes declare the same shapes with `:params`;
 * everything else builds them here, so a moved page is changed in one place. Public pages have
 * theirs in public-paths.ts.
 */

const id = (value: string) => encodeURIComponent(value);

/** The form that creates an organization: /organizations/new. */
export const NEW_ORGANIZATION_PATH = '/organizations/new';

/** The overview, where the details, logo, signing keys, notifications and plan are managed. */
export function organizationPath(orgId: string): string {
  return `/organizations/${id(orgId)}`;
}

/** A card of the overview, by its anchor. */
export function organizationCardPath(orgId: string, card: 'billing' | 'signing-keys'): string {
  return `${organizationPath(orgId)}#${card}`;
}

/** What the overview's forms post to (the details themselves post to organizationPath). */
export function organizationActionPath(
  orgId: string,
  action: 'signing-keys' | 'resubmit' | 'notifications' | 'logo' | 'logo/delete',
): string {
  return `${organizationPath(orgId)}/${action}`;
}

/* Team */

export function teamPath(orgId: string): string {
  return `${organizationPath(orgId)}/team`;
}

/** Inviting (POST) and leaving: /team/invitations, /team/leave. */
export function teamActionPath(orgId: string, action: 'invitations' | 'leave'): string {
  return `${teamPath(orgId)}/${action}`;
}

export function cancelInvitationPath(orgId: string, invitationId: string): string {
  return `${teamPath(orgId)}/invitations/${id(invitationId)}/cancel`;
}

export function memberActionPath(orgId: string, userId: string, action: 'role' | 'remove'): string {
  return `${teamPath(orgId)}/members/${id(userId)}/${action}`;
}

/* Badge templates */

export function badgesPath(orgId: string): string {
  return `${organizationPath(orgId)}/badges`;
}

/** The new-badge form, and the htmx preview of a chosen image. */
export function badgesActionPath(orgId: string, action: 'new' | 'preview'): string {
  return `${badgesPath(orgId)}/${action}`;
}

/** A badge's page, or its edit form and delete confirmation. */
export function badgePath(orgId: string, badgeId: string, action?: 'edit' | 'delete'): string {
  const page = `${badgesPath(orgId)}/${id(badgeId)}`;
  return action ? `${page}/${action}` : page;
}

/* Credentials */

/** The credential list, optionally filtered to one badge. */
export function credentialsPath(orgId: string, filter: { badgeId?: string } = {}): string {
  const list = `${organizationPath(orgId)}/credentials`;
  return filter.badgeId ? `${list}?badgeId=${id(filter.badgeId)}` : list;
}

/** The issue form, optionally with a badge chosen. */
export function issueCredentialPath(orgId: string, badgeId?: string): string {
  const form = `${organizationPath(orgId)}/credentials/issue`;
  return badgeId ? `${form}?badgeId=${id(badgeId)}` : form;
}

/** The htmx recipient check beside the issue form. */
export function recipientCheckPath(orgId: string): string {
  return `${organizationPath(orgId)}/credentials/check`;
}

export function credentialActionPath(
  orgId: string,
  credentialId: string,
  action: 'revoke' | 'resend',
): string {
  return `${organizationPath(orgId)}/credentials/${id(credentialId)}/${action}`;
}

/* API keys */

export function apiKeysPath(orgId: string): string {
  return `${organizationPath(orgId)}/api-keys`;
}

export function revokeApiKeyPath(orgId: string, apiKeyId: string): string {
  return `${apiKeysPath(orgId)}/${id(apiKeyId)}/revoke`;
}

/* Platform administration */

/** The review and plan forms of the admin's organization list. */
export function adminOrganizationActionPath(orgId: string, action: 'review' | 'plan'): string {
  return `/admin/organizations/${id(orgId)}/${action}`;
}
