import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../core/email-address.ts';
import type { Invitation } from '../../core/entities.ts';
import type { InvitationsStore } from '../../core/ports/stores/invitations.ts';
import type { DbOrTrx } from '../database.ts';
import type { InvitationsTable } from '../schema.ts';
import { date, iso } from './mapping.ts';

const COLUMNS = [
  'invitations.id',
  'invitations.organization_id',
  'invitations.email',
  'invitations.role',
  'invitations.status',
  'invitations.invited_by',
  'invitations.created_at',
] as const;

type Row = Pick<
  InvitationsTable,
  'id' | 'organization_id' | 'email' | 'role' | 'status' | 'invited_by' | 'created_at'
>;

function toInvitation(r: Row): Invitation {
  return {
    id: r.id,
    organizationId: r.organization_id,
    email: r.email,
    role: r.role,
    status: r.status,
    invitedBy: r.invited_by,
    createdAt: date(r.created_at),
  };
}

export function createInvitationsStore(db: DbOrTrx): InvitationsStore {
  const withOrg = () =>
    db
      .selectFrom('invitations')
      .innerJoin('organizations', 'organizations.id', 'invitations.organization_id')
      .select([
        ...COLUMNS,
        'organizations.name as organization_name',
        'organizations.slug as organization_slug',
      ]);
  const toWithOrg = (r: Row & { organization_name: string; organization_slug: string }) => ({
    ...toInvitation(r),
    organizationName: r.organization_name,
    organizationSlug: r.organization_slug,
  });
  return {
    async create(i, now) {
      const row = {
        id: randomUUID(),
        organization_id: i.organizationId,
        email: i.email.trim(),
        email_normalized: normalizeEmail(i.email),
        role: i.role,
        token_hash: i.tokenHash,
        invited_by: i.invitedBy,
        status: 'pending' as const,
        created_at: iso(now),
        responded_at: null,
      };
      await db.insertInto('invitations').values(row).execute();
      return toInvitation(row);
    },
    async findPendingByTokenHash(tokenHash) {
      const r = await withOrg()
        .where('invitations.token_hash', '=', tokenHash)
        .where('invitations.status', '=', 'pending')
        .executeTakeFirst();
      return r && toWithOrg(r);
    },
    async findById(id) {
      const r = await withOrg().where('invitations.id', '=', id).executeTakeFirst();
      return r && toWithOrg(r);
    },
    async findPendingForEmail(organizationId, email) {
      const r = await db
        .selectFrom('invitations')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('email_normalized', '=', normalizeEmail(email))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return r && toInvitation(r);
    },
    async listPendingForEmail(email) {
      const rows = await withOrg()
        .where('invitations.email_normalized', '=', normalizeEmail(email))
        .where('invitations.status', '=', 'pending')
        .orderBy('invitations.created_at', 'desc')
        .execute();
      return rows.map(toWithOrg);
    },
    async listPendingForOrganization(organizationId) {
      const rows = await db
        .selectFrom('invitations')
        .select(COLUMNS)
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toInvitation);
    },
    async respond(id, status, now) {
      const r = await db
        .updateTable('invitations')
        .set({ status, responded_at: iso(now) })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countPendingOwnerInvitations(organizationId) {
      const r = await db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'pending')
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
