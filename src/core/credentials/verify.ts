import type { CoreDeps } from '../deps.ts';
import type { Badge, Credential, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import type { IssuedCredentialRecord } from '../ports/stores/credentials.ts';
import { knownRecordsFor } from './issuer-records.ts';
import { credentialStatus, type CredentialStatus } from './status.ts';
import type { VerificationReport } from './verification.ts';
import { canViewCredential } from './visibility.ts';

export interface IssuedCredential {
  credential: Credential;
  organization: Organization;
  badge: Badge;
  /** The signed document exactly as issued. */
  document: string;
}

export interface VerifiedCredential extends IssuedCredential {
  status: CredentialStatus;
  report: VerificationReport;
}

/** The credential with its organization, badge and document in one query, if the viewer may see it. */
async function findIssuedRecord(
  deps: CoreDeps,
  publicId: string,
  viewerUserId: string | null,
): Promise<Result<IssuedCredentialRecord, ErrorCode>> {
  const s = deps.uow.stores;
  const record = await s.credentials.findIssued(publicId);
  if (!record) return err('NOT_FOUND', 'Credential not found.');
  if (!(await canViewCredential(s, record.credential, viewerUserId))) {
    return err('FORBIDDEN', 'This credential is private.');
  }
  return ok(record);
}

/**
 * One of our credentials by UUID or CRD- id, if the viewer may see it. A private credential
 * answers FORBIDDEN with nothing about it; a missing one NOT_FOUND.
 */
export async function findIssuedCredential(
  deps: CoreDeps,
  publicId: string,
  viewerUserId: string | null,
): Promise<Result<IssuedCredential, ErrorCode>> {
  const found = await findIssuedRecord(deps, publicId, viewerUserId);
  if (!found.ok) return found;
  const { credential, organization, badge, document } = found.value;
  return ok({ credential, organization, badge, document });
}

/**
 * Verifies one of our credentials the way an outside verifier would: the stored signed
 * document through the one verification function, next to the status from our records. The
 * issuer and status list the verifier needs come with the credential's own query where the
 * process's copies are current (issuer-records.ts), so a view is a query or two.
 */
export async function verifyIssuedCredential(
  deps: CoreDeps,
  publicId: string,
  viewerUserId: string | null,
): Promise<Result<VerifiedCredential, ErrorCode>> {
  const found = await findIssuedRecord(deps, publicId, viewerUserId);
  if (!found.ok) return found;
  const { credential, organization, badge, document } = found.value;
  const known = await knownRecordsFor(deps, found.value);
  const report = await deps.verifier.verify(JSON.parse(document), 'stored', known);
  return ok({
    credential,
    organization,
    badge,
    document,
    status: credentialStatus(credential, deps.clock.now()),
    report,
  });
}

/** Any OB 3.0 credential, ours or another issuer's (a baked image, an import). */
export function verifyDocument(deps: CoreDeps, document: unknown): Promise<VerificationReport> {
  return deps.verifier.verify(document, 'presented');
}

/** A credential linked to another by renewal; `shortId` is null when the viewer may not open it. */
export interface LinkedCredential {
  shortId: string | null;
}

/**
 * The credentials a renewal chain links to this one (supersedes / superseded by), named by
 * CRD- id only where the viewer may open them, so a public page never names a private one.
 */
export async function renewalLinks(
  deps: CoreDeps,
  credential: Pick<Credential, 'supersedesCredentialId' | 'supersededByCredentialId'>,
  viewerUserId: string | null,
): Promise<{
  supersedes: LinkedCredential | undefined;
  supersededBy: LinkedCredential | undefined;
}> {
  const s = deps.uow.stores;
  const linked = async (id: string | null): Promise<LinkedCredential | undefined> => {
    const other = id ? await s.credentials.findByPublicId(id) : undefined;
    if (!other) return undefined;
    return { shortId: (await canViewCredential(s, other, viewerUserId)) ? other.shortId : null };
  };
  const [supersedes, supersededBy] = await Promise.all([
    linked(credential.supersedesCredentialId),
    linked(credential.supersededByCredentialId),
  ]);
  return { supersedes, supersededBy };
}
