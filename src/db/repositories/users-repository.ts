import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../core/email-address.ts';
import type { User } from '../../core/entities.ts';
import type { UsersStore } from '../../core/ports/stores/users.ts';
import type { DbOrTrx } from '../database.ts';
import { bool, date, dateOrNull, flag, iso } from './mapping.ts';

// Never includes password_hash: that column is read by findPasswordHash alone.
const USER_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'email_verified_at',
  'is_platform_admin',
  'created_at',
  'profile_slug',
  'linkedin_url',
  'avatar_path',
] as const;

type UserRow = {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  email_verified_at: string | null;
  is_platform_admin: number;
  created_at: string;
  profile_slug: string | null;
  linkedin_url: string | null;
  avatar_path: string | null;
};

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    emailVerifiedAt: dateOrNull(r.email_verified_at),
    isPlatformAdmin: bool(r.is_platform_admin),
    createdAt: date(r.created_at),
    profileSlug: r.profile_slug,
    linkedinUrl: r.linkedin_url,
    avatarPath: r.avatar_path,
  };
}

export function createUsersStore(db: DbOrTrx): UsersStore {
  return {
    async create(u, now) {
      const row = {
        id: randomUUID(),
        email: u.email.trim(),
        email_normalized: normalizeEmail(u.email),
        first_name: u.firstName,
        last_name: u.lastName,
        password_hash: u.passwordHash,
        email_verified_at: u.emailVerifiedAt ? iso(u.emailVerifiedAt) : null,
        is_platform_admin: flag(u.isPlatformAdmin),
        created_at: iso(now),
        updated_at: iso(now),
        profile_slug: null,
        linkedin_url: null,
        avatar_path: null,
      };
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },
    async findById(id) {
      const r = await db
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toUser(r);
    },
    async findByEmail(email) {
      const r = await db
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('email_normalized', '=', normalizeEmail(email))
        .executeTakeFirst();
      return r && toUser(r);
    },
    async findPasswordHash(userId) {
      const r = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirst();
      return r?.password_hash;
    },
    async markEmailVerified(userId, now) {
      await db
        .updateTable('users')
        .set({ email_verified_at: iso(now), updated_at: iso(now) })
        .where('id', '=', userId)
        .where('email_verified_at', 'is', null)
        .execute();
    },
    async updatePassword(userId, passwordHash, now) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: iso(now) })
        .where('id', '=', userId)
        .execute();
    },
    async setPlatformAdmin(userId, isAdmin, now) {
      await db
        .updateTable('users')
        .set({ is_platform_admin: flag(isAdmin), updated_at: iso(now) })
        .where('id', '=', userId)
        .execute();
    },
    async countPlatformAdmins() {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('is_platform_admin', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async findByProfileSlug(slug) {
      const r = await db
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where('profile_slug', '=', slug)
        .executeTakeFirst();
      return r && toUser(r);
    },
    async profileSlugTaken(slug, exceptUserId) {
      const r = await db
        .selectFrom('users')
        .select('id')
        .where('profile_slug', '=', slug)
        .where('id', '!=', exceptUserId)
        .executeTakeFirst();
      return r !== undefined;
    },
    async updateProfile(userId, p, now) {
      await db
        .updateTable('users')
        .set({
          first_name: p.firstName,
          last_name: p.lastName,
          profile_slug: p.profileSlug,
          linkedin_url: p.linkedinUrl,
          updated_at: iso(now),
        })
        .where('id', '=', userId)
        .execute();
    },
    async setAvatar(userId, avatarPath, now) {
      await db
        .updateTable('users')
        .set({ avatar_path: avatarPath, updated_at: iso(now) })
        .where('id', '=', userId)
        .execute();
    },
  };
}
