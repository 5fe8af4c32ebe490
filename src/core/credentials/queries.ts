import type { CoreDeps } from '../deps.ts';
import type { CredentialWithBadge } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize, authorizeAccess } from '../authz/access.ts';
import type { Actor } from '../authz/actor.ts';
import type { CredentialListFilter } from '../ports/stores/credentials.ts';
import type { EmailDelivery } from '../ports/stores/outbox.ts';
import { err, ok, type Result } from '../result.ts';

export interface CredentialDetail {
  credential: CredentialWithBadge;
  /** The signed document exactly as issued. */
  document: string;
  /** The state of its most recent email. */
  delivery: EmailDelivery | undefined;
  /** What the viewer may do with it: a revoked credential has nothing left to resend or revoke. */
  may: { resend: boolean; revoke: boolean };
}

export async function listCredentials(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  filter: Omit<CredentialListFilter, 'now'>,
): Promise<Result<{ items: CredentialWithBadge[]; total: number }, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorize(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  return ok(await s.credentials.list(organizationId, { ...filter, now: deps.clock.now() }));
}

/** One credential of the organization by UUID; another organization's id answers NOT_FOUND. */
export async function getCredential(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  credentialId: string,
): Promise<Result<CredentialDetail, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorizeAccess(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  const { may } = access.value;
  const credential = await s.credentials.findInOrganization(organizationId, credentialId);
  if (!credential) return err('NOT_FOUND', 'Credential not found.');
  const [document, delivery] = await Promise.all([
    s.credentials.findDocument(credential.id),
    credential.emailOutboxId
      ? s.outbox.findDelivery(credential.emailOutboxId)
      : Promise.resolve(undefined),
  ]);
  if (document === undefined) throw new Error(`credential ${credential.id} has no document`);
  const open = credential.revokedAt === null;
  return ok({
    credential,
    document,
    delivery,
    may: {
      resend: may['credentials.resend'] && open,
      revoke: may['credentials.revoke'] && open,
    },
  });
}

/**
 * The state of the most recent email of credentials the caller already read through a query
 * above (listCredentials and revokeCredential do not carry it), one outbox row per credential.
 */
export async function emailDelivery(
  deps: CoreDeps,
  credential: Pick<CredentialWithBadge, 'emailOutboxId'>,
): Promise<EmailDelivery | undefined> {
  return credential.emailOutboxId
    ? deps.uow.stores.outbox.findDelivery(credential.emailOutboxId)
    : undefined;
}

/**
 * How many times each credential of the organization was verified, for a page of the list (one
 * query); never-verified ones are absent.
 */
export async function verificationCounts(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  credentialIds: readonly string[],
): Promise<Result<Map<string, number>, ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorize(s, organizationId, actor, 'credentials.view');
  if (!access.ok) return access;
  return ok(await s.verificationEvents.countForCredentials(organizationId, credentialIds));
}
