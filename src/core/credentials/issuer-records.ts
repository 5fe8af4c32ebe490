import type { CoreDeps } from '../deps.ts';
import type { KnownRecords } from '../ports/credential-verifier.ts';
import type { IssuedCredentialRecord } from '../ports/stores/credentials.ts';
import { publishedKeys } from '../signing-keys/signing-keys.ts';
import { currentStatusList } from './status-list-documents.ts';

/** What the verifier would read of our records for this credential, from the copies where current. */
export async function knownRecordsFor(
  deps: CoreDeps,
  r: IssuedCredentialRecord,
): Promise<KnownRecords> {
  const cache = deps.issuerRecords;
  const { organization, statusList } = r;
  let keys = cache.keys.get(organization.id);
  if (keys?.stamp !== r.keysStamp) {
    // Read after the stamp, so these keys are at least as new as it says.
    const all = await deps.uow.stores.signingKeys.listForOrganization(organization.id);
    keys = { stamp: r.keysStamp, keys: publishedKeys(all) };
    cache.keys.set(organization.id, keys);
  }
  let list = cache.statusLists.get(statusList.id);
  if (list?.version !== statusList.version) {
    // Signs the list first when a revocation left it stale; the version is read afresh.
    list = await currentStatusList(deps, organization.slug, statusList.listNumber);
    if (list) cache.statusLists.set(statusList.id, list);
  }
  return {
    issuer: { organization, keys: keys.keys },
    ...(list && {
      statusList: {
        orgSlug: organization.slug,
        listNumber: statusList.listNumber,
        document: list.document,
      },
    }),
  };
}
