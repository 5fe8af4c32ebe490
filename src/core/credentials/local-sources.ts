// What the verifier needs from our own records, so a credential of ours is checked against
// the keys and lists we publish without a round trip through the network.
import type { CoreDeps } from '../deps.ts';
import type { Organization } from '../entities.ts';
import type { KnownRecords } from '../ports/credential-verifier.ts';
import type { SigningKey } from '../ports/stores/signing-keys.ts';
import { localIssuerSlug, localStatusList } from '../public-urls.ts';
import { publishedIssuerKeys } from '../signing-keys/signing-keys.ts';
import { currentStatusList } from './status-list-documents.ts';

/**
 * One of our issuers by DID, with its published keys; undefined when the DID is not ours or
 * unknown. What the caller already read (`known`) answers for its own DID only.
 */
export async function localIssuerByDid(
  deps: CoreDeps,
  did: string,
  known?: KnownRecords,
): Promise<{ organization: Organization; keys: SigningKey[] } | undefined> {
  const slug = localIssuerSlug(deps.publicUrl, did);
  if (slug === undefined) return undefined;
  if (known?.issuer?.organization.slug === slug) return known.issuer;
  return publishedIssuerKeys(deps, slug);
}

/** One of our signed status lists by URL, as JSON text; undefined when not ours or unknown. */
export async function localStatusListByUrl(
  deps: CoreDeps,
  url: string,
  known?: KnownRecords,
): Promise<string | undefined> {
  const at = localStatusList(deps.publicUrl, url);
  if (!at) return undefined;
  const list = known?.statusList;
  if (list?.orgSlug === at.orgSlug && list.listNumber === at.listNumber) return list.document;
  return (await currentStatusList(deps, at.orgSlug, at.listNumber))?.document;
}
