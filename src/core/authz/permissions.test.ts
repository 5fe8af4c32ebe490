import { describe, expect, it } from 'vitest';
import {
  API_KEY_PERMISSIONS,
  OPERATOR_PERMISSIONS,
  PERMISSIONS,
  apiKeyCan,
  can,
  canChangeRole,
  canInviteAs,
  canRemoveMember,
  operatorCan,
  permissionsOf,
  platformAdminCan,
  wouldOrphan,
  type Action,
} from './permissions.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * The permission matrix of the reference (organizations/members-and-roles.md), transcribed
 * cell by cell: Y = ✅ (Owner's ✅* included: leaving is allowed, the last-owner rule is
 * enforced by the use case), - = –. "Create / edit / delete badges" is split in three by the
 * † footnote: Issuers create but do not edit or delete.
 *
 *                                  Owner Admin Issuer Viewer
 */
const MATRIX: Record<Action, readonly ['Y' | '-', 'Y' | '-', 'Y' | '-', 'Y' | '-']> = {
  /* Update organization details          */ 'organization.update': ['Y', 'Y', '-', '-'],
  /* Generate signing keys                */ 'signing_keys.generate': ['Y', '-', '-', '-'],
  /* Invite owners                        */ 'members.invite_owner': ['Y', '-', '-', '-'],
  /* Invite admins / issuers / viewers    */ 'members.invite': ['Y', 'Y', '-', '-'],
  /* Change member roles (non-owners)     */ 'members.change_role': ['Y', '-', '-', '-'],
  /* Promote a member to owner            */ 'members.promote_owner': ['Y', '-', '-', '-'],
  /* Remove members                       */ 'members.remove': ['Y', 'Y', '-', '-'],
  /* Leave the organization (self)        */ 'organization.leave': ['Y', 'Y', 'Y', 'Y'],
  /* Create badges (partial† for Issuer)  */ 'badges.create': ['Y', 'Y', 'Y', '-'],
  /* Edit badges                          */ 'badges.edit': ['Y', 'Y', '-', '-'],
  /* Delete badges                        */ 'badges.delete': ['Y', 'Y', '-', '-'],
  /* Upload badge images                  */ 'badges.upload_image': ['Y', 'Y', 'Y', '-'],
  /* Issue credentials (single & bulk)    */ 'credentials.issue': ['Y', 'Y', 'Y', '-'],
  /* Revoke credentials                   */ 'credentials.revoke': ['Y', 'Y', '-', '-'],
  /* Resend credential email (issuing-a-credential.md: owners and admins) */ 'credentials.resend': [
    'Y',
    'Y',
    '-',
    '-',
  ],
  /* View credentials                     */ 'credentials.view': ['Y', 'Y', 'Y', 'Y'],
  /* View analytics                       */ 'analytics.view': ['Y', 'Y', 'Y', 'Y'],
  /* Manage API keys                      */ 'api_keys.manage': ['Y', '-', '-', '-'],
  /* Manage billing                       */ 'billing.manage': ['Y', '-', '-', '-'],
  /* Manage domain verification           */ 'domain.manage': ['Y', '-', '-', '-'],
};

const COLUMNS: readonly Role[] = ['owner', 'admin', 'issuer', 'viewer'];

const cells = (Object.keys(MATRIX) as Action[]).flatMap((action) =>
  COLUMNS.map((role, i) => ({ action, role, allowed: MATRIX[action][i] === 'Y' })),
);

describe('the permission matrix', () => {
  it('covers exactly the actions of the reference, and the four roles', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(MATRIX).sort());
    expect([...ROLES].sort()).toEqual([...COLUMNS].sort());
  });

  it.each(cells)('$role → $action: $allowed', ({ action, role, allowed }) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('lists no role twice for an action', () => {
    for (const roles of Object.values(PERMISSIONS)) expect(new Set(roles).size).toBe(roles.length);
  });
});

/**
 * Who may invite whom: "Invite owners" is Owner only; "Invite admins / issuers / viewers" is
 * Owner and Admin. Rows: the inviter; columns: the role on the invitation.
 */
const INVITE: Record<Role, Record<Role, boolean>> = {
  owner: { owner: true, admin: true, issuer: true, viewer: true },
  admin: { owner: false, admin: true, issuer: true, viewer: true },
  issuer: { owner: false, admin: false, issuer: false, viewer: false },
  viewer: { owner: false, admin: false, issuer: false, viewer: false },
};

/** "Owners can remove anyone except other owners. Admins can remove issuers and viewers." */
const REMOVE: Record<Role, Record<Role, boolean>> = {
  owner: { owner: false, admin: true, issuer: true, viewer: true },
  admin: { owner: false, admin: false, issuer: true, viewer: true },
  issuer: { owner: false, admin: false, issuer: false, viewer: false },
  viewer: { owner: false, admin: false, issuer: false, viewer: false },
};

/**
 * "Change member roles (non-owners)" and "Promote a member to owner" are Owner only, and "you
 * cannot change another owner's role directly". Every (target → new role) change allowed per
 * actor; anything not listed is refused.
 */
const CHANGE: Record<Role, readonly string[]> = {
  owner: [
    'admin->owner',
    'admin->admin',
    'admin->issuer',
    'admin->viewer',
    'issuer->owner',
    'issuer->admin',
    'issuer->issuer',
    'issuer->viewer',
    'viewer->owner',
    'viewer->admin',
    'viewer->issuer',
    'viewer->viewer',
  ],
  admin: [],
  issuer: [],
  viewer: [],
};

const pairs = ROLES.flatMap((actor) => ROLES.map((target) => ({ actor, target })));

describe('canInviteAs', () => {
  it.each(pairs)('$actor invites as $target', ({ actor, target }) => {
    expect(canInviteAs(actor, target)).toBe(INVITE[actor][target]);
  });
});

describe('canRemoveMember', () => {
  it.each(pairs)('$actor removes a(n) $target', ({ actor, target }) => {
    expect(canRemoveMember(actor, target)).toBe(REMOVE[actor][target]);
  });
});

describe('canChangeRole', () => {
  const triples = pairs.flatMap(({ actor, target }) =>
    ROLES.map((newRole) => ({ actor, target, newRole })),
  );
  it.each(triples)('$actor changes a(n) $target to $newRole', ({ actor, target, newRole }) => {
    expect(canChangeRole(actor, target, newRole)).toBe(
      CHANGE[actor].includes(`${target}->${newRole}`),
    );
  });

  it('never lets anyone change an owner, whatever the new role', () => {
    for (const actor of ROLES)
      for (const newRole of ROLES) expect(canChangeRole(actor, 'owner', newRole)).toBe(false);
  });
});

describe('wouldOrphan', () => {
  it('is true only for the last owner', () => {
    expect(wouldOrphan('owner', 1)).toBe(true);
    expect(wouldOrphan('owner', 2)).toBe(false);
    for (const role of ['admin', 'issuer', 'viewer'] as const)
      expect(wouldOrphan(role, 1)).toBe(false);
  });
});

describe('API keys', () => {
  it('act for badges and credentials, never for the organization, its members or its keys', () => {
    const allowed = (Object.keys(PERMISSIONS) as Action[]).filter(apiKeyCan).sort();
    expect(allowed).toEqual([
      'badges.create',
      'badges.delete',
      'badges.edit',
      'credentials.issue',
      'credentials.resend',
      'credentials.revoke',
      'credentials.view',
    ]);
  });
});

describe('the operator and platform admins', () => {
  const platform = [
    'organizations.review',
    'organizations.set_plan',
    'signing_keys.rotate',
    'signing_keys.revoke',
    'mailbox.read',
  ] as const;

  it('the operator manages an organization’s keys and makes the platform’s decisions, but reads no mail', () => {
    expect((Object.keys(PERMISSIONS) as Action[]).filter(operatorCan).sort()).toEqual([
      'api_keys.manage',
      'signing_keys.generate',
    ]);
    expect(platform.filter(operatorCan)).toEqual([
      'organizations.review',
      'organizations.set_plan',
      'signing_keys.rotate',
      'signing_keys.revoke',
    ]);
  });

  it('platform admins review, set plans and read the mailbox; key rotation and revocation are the operator’s', () => {
    expect(platform.filter(platformAdminCan)).toEqual([
      'organizations.review',
      'organizations.set_plan',
      'mailbox.read',
    ]);
  });
});

describe('permission sets, what a page is told it may offer', () => {
  it('are the matrix, row by row, for each role; API keys and the operator by their lists', () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      for (const role of ROLES) expect(permissionsOf(role)[action]).toBe(can(role, action));
      expect(API_KEY_PERMISSIONS[action]).toBe(apiKeyCan(action));
      expect(OPERATOR_PERMISSIONS[action]).toBe(operatorCan(action));
    }
  });
});
