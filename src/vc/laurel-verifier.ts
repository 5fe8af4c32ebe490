// The CredentialVerifier port: the one verification function, wired to where keys and
// status lists come from. Our own issuers are answered from our records (authoritatively:
// a DID of ours never goes to the network); any other issuer through the guarded fetcher.
import type { Clock } from '../core/clock.ts';
import type { Organization } from '../core/entities.ts';
import type { CredentialVerifier, KnownRecords } from '../core/ports/credential-verifier.ts';
import type { SigningKey } from '../core/ports/stores/signing-keys.ts';
import { localIssuerSlug, localStatusList } from '../core/public-urls.ts';
import { rdfcCanonize, shapeCanonize } from './canonize.ts';
import { buildDidDocument } from './did-document.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { Canonize, JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments, type KeyResolver } from './key-resolver.ts';
import { remoteKeyResolver, remoteStatusListLoader } from './remote/remote-resolvers.ts';
import type { FetchJson } from './remote/safe-fetch.ts';
import { verifyCredential, type IssuerStanding } from './verify-credential.ts';
import { immutableDocument } from './verify.ts';
import { Recent } from '../core/recent.ts';

/** Our own records; `known` is what the caller of this verification already read of them. */
interface LocalSources {
  issuerByDid(
    did: string,
    known: KnownRecords | undefined,
  ): Promise<{ organization: Organization; keys: SigningKey[] } | undefined>;
  statusListByUrl(url: string, known: KnownRecords | undefined): Promise<string | undefined>;
}

export interface LaurelVerifierOptions {
  publicUrl: string;
  clock: Clock;
  local: LocalSources;
  /** Fetches other issuers' DID documents and status lists (safe-fetch in production). */
  fetchJson: FetchJson;
  /**
   * The canonicalizer for what Laurel stored itself and for what anyone presents; the shape
   * canonicalizer and the standard path unless a test counts their calls.
   */
  canonizers?: { stored: Canonize; presented: Canonize };
}

function standingOf(org: Organization): IssuerStanding {
  if (org.status === 'approved') return 'approved';
  return org.status === 'suspended' ? 'suspended' : 'not_approved';
}

/** Signed lists kept parsed; each instance serves a handful of lists at a time. */
const PARSED_LISTS = 64;

/**
 * One of our signed status lists as a frozen object, the same object for the same text, so a
 * proof found valid once is not checked again on every view (see verifyCredentialProof).
 */
function listParser(): (text: string) => JsonLdObject {
  const parsed = new Recent<string, JsonLdObject>(PARSED_LISTS);
  return (text) => parsed.getOrSet(text, () => immutableDocument(JSON.parse(text) as JsonLdObject));
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
  canonizers = { stored: shapeCanonize, presented: rdfcCanonize },
}: LaurelVerifierOptions): CredentialVerifier {
  const documentLoader = createDocumentLoader();
  const remoteKey = remoteKeyResolver(fetchJson);
  const remoteStatusList = remoteStatusListLoader(fetchJson);
  const isOurs = (did: string) => localIssuerSlug(publicUrl, did) !== undefined;
  const parseList = listParser();

  // The same published keys (a cached list) resolve through the same DID document, built once.
  const resolvers = new WeakMap<SigningKey[], { did: string; resolve: KeyResolver }>();
  const keysResolver = (did: string, keys: SigningKey[]): KeyResolver => {
    const built = resolvers.get(keys);
    if (built?.did === did) return built.resolve;
    const resolve = resolverFromControllerDocuments([buildDidDocument(did, keys)]);
    resolvers.set(keys, { did, resolve });
    return resolve;
  };

  const resolveKeyWith =
    (known: KnownRecords | undefined): KeyResolver =>
    async (methodId) => {
      const did = didOf(methodId);
      if (!isOurs(did)) return remoteKey(methodId);
      const issuer = await local.issuerByDid(did, known);
      // Revoked keys are not published, so they resolve to nothing: what they signed fails.
      return issuer ? keysResolver(did, issuer.keys)(methodId) : undefined;
    };

  return {
    verify: (document, origin, known) =>
      verifyCredential(document, {
        now: clock.now(),
        documentLoader,
        // Only what Laurel signed and stored takes the fast path; what anyone presents is
        // checked the standard way, as any other verifier would.
        canonize: canonizers[origin],
        resolveKey: resolveKeyWith(known),
        async loadStatusList(url) {
          if (localStatusList(publicUrl, url) === undefined) return remoteStatusList(url);
          const text = await local.statusListByUrl(url, known);
          return text === undefined ? undefined : parseList(text);
        },
        async issuerStanding(issuerId) {
          if (!isOurs(issuerId)) return undefined;
          const issuer = await local.issuerByDid(issuerId, known);
          return issuer ? standingOf(issuer.organization) : undefined;
        },
      }),
  };
}
