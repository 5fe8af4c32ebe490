import type { Role } from './roles.ts';

/**
 * The permission matrix of the reference's members-and-roles page, as data. This is the
 * only place a rule of the form "role R may do A" is written; every use case and page asks
 * `can(role, action)`.
 */
export const PERMISSIONS = {
  'organization.update': ['owner', 'admin'],
  'signing_keys.generate': ['owner'],
  'members.invite_owner': ['owner'],
  'members.invite': ['owner', 'admin'],
  'members.change_role': ['owner'],
  'members.promote_owner': ['owner'],
  'members.remove': ['owner', 'admin'],
  'organization.leave': ['owner', 'admin', 'issuer', 'viewer'],
  'badges.create': ['owner', 'admin', 'issuer'],
  'badges.edit': ['owner', 'admin'],
  'badges.delete': ['owner', 'admin'],
  'badges.upload_image': ['owner', 'admin', 'issuer'],
  'credentials.issue': ['owner', 'admin', 'issuer'],
  'credentials.revoke': ['owner', 'admin'],
  // Not a row of the matrix: issuing-a-credential.md gives resending to owners and admins.
  'credentials.resend': ['owner', 'admin'],
  'credentials.view': ['owner', 'admin', 'issuer', 'viewer'],
  'analytics.view': ['owner', 'admin', 'issuer', 'viewer'],
  'api_keys.manage': ['owner'],
  'billing.manage': ['owner'],
  'domain.manage': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/**
 * What an API key may do (the v1 API): it acts as its organization for badges and
 * credentials, and for nothing that manages the organization, its members or its keys.
 */
const API_KEY_ACTIONS: readonly Action[] = [
  'badges.create',
  'badges.edit',
  'badges.delete',
  'credentials.issue',
  'credentials.revoke',
  'credentials.resend',
  'credentials.view',
];

export function apiKeyCan(action: Action): boolean {
  return API_KEY_ACTIONS.includes(action);
}

/** Decisions that belong to the platform rather than to an organization's members. */
export type PlatformAction =
  | 'organizations.review'
  | 'organizations.set_plan'
  | 'signing_keys.rotate'
  | 'signing_keys.revoke'
  | 'mailbox.read';

/** What a platform admin may do in the admin area. */
const PLATFORM_ADMIN_ACTIONS: readonly PlatformAction[] = [
  'organizations.review',
  'organizations.set_plan',
  'mailbox.read',
];

/**
 * What the operator may do from the command line (`laurel org:approve`, `org:plan`,
 * `keys:generate`, `keys:rotate`, `keys:revoke`, `apikey:create`): the platform's decisions, and an
 * organization's keys under the same rules its owner meets (the plan's API key cap, keys
 * generated once).
 */
const OPERATOR_ACTIONS: readonly (Action | PlatformAction)[] = [
  'organizations.review',
  'organizations.set_plan',
  'signing_keys.generate',
  'signing_keys.rotate',
  'signing_keys.revoke',
  'api_keys.manage',
];

export function operatorCan(action: Action | PlatformAction): boolean {
  return OPERATOR_ACTIONS.includes(action);
}

export function platformAdminCan(action: PlatformAction): boolean {
  return PLATFORM_ADMIN_ACTIONS.includes(action);
}

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Which role may invite which: inviting an owner is its own, owner-only permission. */
export function canInviteAs(actor: Role, invitedRole: Role): boolean {
  return can(actor, invitedRole === 'owner' ? 'members.invite_owner' : 'members.invite');
}

/**
 * Owners remove anyone but owners; admins remove issuers and viewers. Leaving (removing
 * oneself) is a separate action with its own last-owner rule.
 */
export function canRemoveMember(actor: Role, target: Role): boolean {
  if (!can(actor, 'members.remove') || target === 'owner') return false;
  return actor === 'owner' || target === 'issuer' || target === 'viewer';
}

/** Owners change roles of non-owners; an owner's own role is never changed by another member. */
export function canChangeRole(actor: Role, target: Role, newRole: Role): boolean {
  if (target === 'owner') return false;
  return newRole === 'owner'
    ? can(actor, 'members.promote_owner')
    : can(actor, 'members.change_role');
}

/**
 * Whether a member of `role` leaving (or stepping down) would leave the organization without
 * an owner: the last owner must promote someone else first.
 */
export function wouldOrphan(role: Role, ownerCount: number): boolean {
  return role === 'owner' && ownerCount <= 1;
}

/** Each action of the matrix with whether the caller may do it: what a page may offer them. */
export type Permissions = Readonly<Record<Action, boolean>>;

function permissionSet(allowed: (action: Action) => boolean): Permissions {
  const out = {} as Record<Action, boolean>;
  for (const action of Object.keys(PERMISSIONS) as Action[]) out[action] = allowed(action);
  return out;
}

export const permissionsOf = (role: Role): Permissions => permissionSet((a) => can(role, a));
export const API_KEY_PERMISSIONS: Permissions = permissionSet(apiKeyCan);
export const OPERATOR_PERMISSIONS: Permissions = permissionSet(operatorCan);
