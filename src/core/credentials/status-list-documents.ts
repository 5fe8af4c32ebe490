import type { CoreDeps } from '../deps.ts';

/**
 * The signed status list credential /issuers/{slug}/status/{n} serves. The signed copy is
 * cached in its row; when a revocation has bumped the version since, the list is re-signed
 * from the credentials' revocations with the organization's active key. Version is read
 * before the bits, so a revocation landing in between is never marked as signed.
 *
 * Its validFrom is when that version came about, not when it is signed: signing waits for
 * the first fetch, and a verifier that read its clock a moment before that fetch (or whose
 * clock runs a little behind ours) must still accept the list. It is never later than now,
 * in case the instance that made the change has a clock ahead of this one.
 */
export async function currentStatusList(
  deps: CoreDeps,
  orgSlug: string,
  listNumber: number,
): Promise<{ document: string; version: number } | undefined> {
  const { stores } = deps.uow;
  const organization = await stores.organizations.findBySlug(orgSlug);
  if (!organization) return undefined;
  const list = await stores.statusLists.findByNumber(organization.id, listNumber);
  if (!list) return undefined;
  const signed = await stores.statusLists.findSigned(list.id);
  if (!signed) return undefined;
  if (signed.document !== null && signed.signedVersion === signed.version) {
    return { document: signed.document, version: signed.version };
  }
  const key = await stores.signingKeys.activeForSigning(organization.id);
  // Lists exist only for organizations that have signed credentials; with every key
  // revoked there is nothing to sign with, and an unsigned list must not be served.
  if (!key) return undefined;
  const revokedIndexes = await stores.credentials.revokedIndexes(list.id);
  const now = deps.clock.now();
  const validFrom = signed.versionChangedAt < now ? signed.versionChangedAt : now;
  const document = await deps.documents.signStatusList(
    { organization, listNumber, length: list.length, revokedIndexes, validFrom },
    key,
  );
  await stores.statusLists.saveSigned(list.id, signed.version, document);
  return { document, version: signed.version };
}
