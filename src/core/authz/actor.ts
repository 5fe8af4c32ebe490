/**
 * Who calls a use case. Every use case takes one, first after its dependencies, and asks
 * `core/authz/access.ts` what it may do:
 * - a signed-in person, whose rights come from their memberships (the permission matrix) and,
 *   for the platform's own decisions, from being a platform admin;
 * - an API key, acting as its organization for what API_KEY_ACTIONS lists;
 * - the operator, who runs `laurel …` commands with the server's own configuration and may do
 *   what OPERATOR_ACTIONS lists.
 */
export type Actor = UserActor | ApiKeyActor | OperatorActor;

/**
 * A signed-in person. Use cases about a person's own account (profile, wallet, password) take
 * only this kind: no API key or operator acts as somebody.
 */
export interface UserActor {
  kind: 'user';
  userId: string;
}

export interface ApiKeyActor {
  kind: 'api_key';
  apiKeyId: string;
  organizationId: string;
}

export interface OperatorActor {
  kind: 'operator';
}

export const userActor = (userId: string): UserActor => ({ kind: 'user', userId });

/** The command line's actor. */
export const OPERATOR: OperatorActor = { kind: 'operator' };

/** The user id to record as the one who did something; null for an API key or the operator. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
