import type { CoreDeps } from '../deps.ts';
import type { User } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { Result } from '../result.ts';
import type { NewAccountInput } from './account-input.ts';
import { createAccount } from './register.ts';

/** /setup exists only until the first platform admin does. */
export async function needsSetup(deps: CoreDeps): Promise<boolean> {
  return (await deps.uow.stores.users.countPlatformAdmins()) === 0;
}

/**
 * Creates the first platform admin, verified. The check runs inside the creating
 * transaction, so once an admin exists /setup refuses everyone.
 */
export function setupFirstAdmin(
  deps: CoreDeps,
  input: NewAccountInput,
): Promise<Result<User, ErrorCode>> {
  return createAccount(deps, input, {
    verified: true,
    platformAdmin: true,
    onlyIfNoPlatformAdmin: true,
  });
}
