// The CredentialVerifier port: the one verification function, wired to where keys and
// status lists come from. Our own issuers are answered from our records (authoritatively:
// a DID of ours never goes to the network); any other issuer through the guarded fetcher.
import type { Clock } from '../core/clock.ts';
import type { Organization } from '../core/entities.ts';
import type { CredentialVerifier } from '../core/ports/credential-verifier.ts';
import type { SigningKey } from '../core/ports/stores/signing-keys.ts';
import { localIssuerSlug, localStatusList } from '../core/public-urls.ts';
import { rdfcCanonize, shapeCanonize } from './canonize.ts';
import { buildDidDocument } from './did-document.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments, type KeyResolver } from './key-resolver.ts';
import { remoteKeyResolver, remoteStatusListLoader } from './remote/remote-resolvers.ts';
import type { FetchJson } from './remote/safe-fetch.ts';
import { verifyCredential, type IssuerStanding } from './verify-credential.ts';

interface LocalSources {
  issuerByDid(did: string): Promise<{ organization: Organization; keys: SigningKey[] } | undefined>;
  statusListByUrl(url: string): Promise<string | undefined>;
}

export interface LaurelVerifierOptions {
  publicUrl: string;
  clock: Clock;
  local: LocalSources;
  /** Fetches other issuers' DID documents and status lists (safe-fetch in production). */
  fetchJson: FetchJson;
}

function standingOf(org: Organization): IssuerStanding {
  if (org.status === 'approved') return 'approved';
  return org.status === 'suspended' ? 'suspended' : 'not_approved';
}

function didOf(methodId: string): string {
  const hash = methodId.indexOf('#');
  return hash < 0 ? methodId : methodId.slice(0, hash);
}

export function createLaurelVerifier({
  publicUrl,
  clock,
  local,
  fetchJson,
}: LaurelVerifierOptions): CredentialVerifier {
  const documentLoader = createDocumentLoader();
  const remoteKey = remoteKeyResolver(fetchJson);
  const remoteStatusList = remoteStatusListLoader(fetchJson);
  const isOurs = (did: string) => localIssuerSlug(publicUrl, did) !== undefined;

  const resolveKey: KeyResolver = async (methodId) => {
    const did = didOf(methodId);
    if (!isOurs(did)) return remoteKey(methodId);
    const issuer = await local.issuerByDid(did);
    // Revoked keys are not published, so they resolve to nothing: what they signed fails.
    return issuer
      ? resolverFromControllerDocuments([buildDidDocument(did, issuer.keys)])(methodId)
      : undefined;
  };

  return {
    verify: (document, origin) =>
      verifyCredential(document, {
        now: clock.now(),
        documentLoader,
        // Only what Laurel signed and stored takes the fast path; what anyone presents is
        // checked the standard way, as any other verifier would.
        canonize: origin === 'stored' ? shapeCanonize : rdfcCanonize,
        resolveKey,
        async loadStatusList(url) {
          if (localStatusList(publicUrl, url) === undefined) return remoteStatusList(url);
          const text = await local.statusListByUrl(url);
          return text === undefined ? undefined : (JSON.parse(text) as JsonLdObject);
        },
        async issuerStanding(issuerId) {
          if (!isOurs(issuerId)) return undefined;
          const issuer = await local.issuerByDid(issuerId);
          return issuer ? standingOf(issuer.organization) : undefined;
        },
      }),
  };
}
