import { userActor, type UserActor } from '../authz/actor.ts';
import { DAY, MINUTE, addMs } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import type { User } from '../entities.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { hashToken, newToken } from '../tokens.ts';

/** A session ends after a week without use, and a month after sign-in whatever happens. */
export const SESSION_IDLE_MS = 7 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** Last-seen is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 5 * MINUTE;

export interface SignedIn {
  user: User;
  /** The user as the caller of use cases. */
  actor: UserActor;
  sessionId: string;
}

/** Starts a session; the returned token goes in the cookie and is never stored. */
export async function startSession(s: Stores, userId: string, now: Date): Promise<string> {
  const token = newToken();
  await s.sessions.create(
    { tokenHash: hashToken(token), userId, expiresAt: addMs(now, SESSION_ABSOLUTE_MS) },
    now,
  );
  return token;
}

/** The signed-in user of a cookie token, or undefined when it is unknown, idle too long or expired. */
export async function resolveSession(deps: CoreDeps, token: string): Promise<SignedIn | undefined> {
  const s = deps.uow.stores;
  const now = deps.clock.now();
  const session = await s.sessions.findByTokenHash(hashToken(token));
  if (!session) return undefined;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  if (session.expiresAt.getTime() <= now.getTime() || idleSince > SESSION_IDLE_MS) {
    await s.sessions.delete(session.id);
    return undefined;
  }
  const user = await s.users.findById(session.userId);
  if (!user) return undefined;
  if (idleSince > TOUCH_EVERY_MS) await s.sessions.touch(session.id, now);
  return { user, actor: userActor(user.id), sessionId: session.id };
}

export async function signOut(deps: CoreDeps, sessionId: string): Promise<void> {
  await deps.uow.stores.sessions.delete(sessionId);
}
