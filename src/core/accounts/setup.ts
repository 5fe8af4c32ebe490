import type { CoreDeps } from '../deps.ts';
import type { User } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { ok, type Result } from '../result.ts';
import type { NewAccountInput } from './account-input.ts';
import { createAccount } from './register.ts';
import { startSession } from './sessions.ts';

/** /setup exists only until the first platform admin does. */
export async function needsSetup(deps: CoreDeps): Promise<boolean> {
  return (await deps.uow.stores.users.countPlatformAdmins()) === 0;
}

/**
 * Creates the first platform admin, verified, and signs them in: `token` is the new
 * session's. The check runs inside the creating transaction, so once an admin exists /setup
 * refuses everyone.
 */
export async function setupFirstAdmin(
  deps: CoreDeps,
  input: NewAccountInput,
): Promise<Result<{ user: User; token: string }, ErrorCode>> {
  const created = await createAccount(deps, input, {
    verified: true,
    platformAdmin: true,
    onlyIfNoPlatformAdmin: true,
  });
  if (!created.ok) return created;
  const user = created.value;
  const token = await deps.uow.transaction((s) => startSession(s, user.id, deps.clock.now()));
  return ok({ user, token });
}
