import { failure, type Failure } from '../result.ts';
import type { Actor } from './actor.ts';
import type { Action } from './permissions.ts';

/**
 * What a person is told when the matrix refuses their role an action, kept beside the matrix
 * so every page and use case says the same. Actions without a sentence of their own get the
 * general one.
 */
const ROLE_REFUSALS: Partial<Record<Action, string>> = {
  'credentials.issue': 'Your role in this organization does not allow issuing credentials.',
  'credentials.revoke': 'Only owners and admins can revoke credentials.',
  'api_keys.manage':
    'Only owners of this organization manage its API keys. Ask an owner if you need one.',
};

const GENERAL_ROLE_REFUSAL = 'Your role in this organization does not allow this.';

/** The FORBIDDEN answer to a member whose role the matrix does not give `action`. */
export function roleRefusal(action: Action): Failure<'FORBIDDEN'> {
  return failure('FORBIDDEN', ROLE_REFUSALS[action] ?? GENERAL_ROLE_REFUSAL, {
    reason: 'ROLE',
    action,
  });
}

/** The FORBIDDEN answer to an actor who may not do `action`: a member's role, an API key, the operator. */
export function actionRefusal(actor: Actor['kind'], action: Action): Failure<'FORBIDDEN'> {
  switch (actor) {
    case 'user':
      return roleRefusal(action);
    case 'api_key':
      return failure('FORBIDDEN', 'API keys cannot do this.', { reason: 'API_KEY', action });
    case 'operator':
      return failure('FORBIDDEN', 'The operator cannot do this.', { reason: 'OPERATOR', action });
  }
}

/** A credential is revoked once, for good: revoking it again, or opening its revoke form. */
export function alreadyRevoked(): Failure<'CONFLICT'> {
  return failure('CONFLICT', 'This credential is already revoked.', { reason: 'ALREADY_REVOKED' });
}
