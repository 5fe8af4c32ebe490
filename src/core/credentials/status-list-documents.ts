import type { CoreDeps } from '../deps.ts';

/**
 * The signed status list credential /issuers/{slug}/status/{n} serves. The signed copy is
 * cached in its row; when a revocation has bumped the version since, the list is re-signed
 * from the credentials' revocations with the organization's active key. Version is read
 * before the bits, so a revocation landing in between is never marked as signed.
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
  const document = await deps.documents.signStatusList(
    { organization, listNumber, length: list.length, revokedIndexes, issuedAt: deps.clock.now() },
    key,
  );
  await stores.statusLists.saveSigned(list.id, signed.version, document);
  return { document, version: signed.version };
}
