// What the verifier needs from our own records, so a credential of ours is checked against
// the keys and lists we publish without a round trip through the network.
import type { CoreDeps } from '../deps.ts';
import type { Organization } from '../entities.ts';
import type { SigningKey } from '../ports/stores/signing-keys.ts';
import { localIssuerSlug, localStatusList } from '../public-urls.ts';
import { publishedIssuerKeys } from '../signing-keys/signing-keys.ts';
import { currentStatusList } from './status-list-documents.ts';

/** One of our issuers by DID, with its published keys; undefined when the DID is not ours or unknown. */
export async function localIssuerByDid(
  deps: CoreDeps,
  did: string,
): Promise<{ organization: Organization; keys: SigningKey[] } | undefined> {
  const slug = localIssuerSlug(deps.publicUrl, did);
  return slug === undefined ? undefined : publishedIssuerKeys(deps, slug);
}

/** One of our signed status lists by URL, as JSON text; undefined when not ours or unknown. */
export async function localStatusListByUrl(
  deps: CoreDeps,
  url: string,
): Promise<string | undefined> {
  const at = localStatusList(deps.publicUrl, url);
  if (!at) return undefined;
  return (await currentStatusList(deps, at.orgSlug, at.listNumber))?.document;
}
