import type { User } from '../../entities.ts';

interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  isPlatformAdmin: boolean;
}

export interface UsersStore {
  create(user: NewUser, now: Date): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /** The password hash, read only by sign-in and password change. */
  findPasswordHash(userId: string): Promise<string | undefined>;
  markEmailVerified(userId: string, now: Date): Promise<void>;
  updatePassword(userId: string, passwordHash: string, now: Date): Promise<void>;
  setPlatformAdmin(userId: string, isAdmin: boolean, now: Date): Promise<void>;
  countPlatformAdmins(): Promise<number>;
  findByProfileSlug(slug: string): Promise<User | undefined>;
  profileSlugTaken(slug: string, exceptUserId: string): Promise<boolean>;
  /** Check the slug under a lock first: a unique index refuses a taken one. */
  updateProfile(userId: string, p: ProfileChanges, now: Date): Promise<void>;
  setAvatar(userId: string, avatarPath: string | null, now: Date): Promise<void>;
}

interface ProfileChanges {
  firstName: string;
  lastName: string;
  profileSlug: string | null;
  linkedinUrl: string | null;
}
