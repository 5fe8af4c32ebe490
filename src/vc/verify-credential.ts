// The one verification function: Laurel's own credentials and any other issuer's go through
// the same four checks, each reported on its own so a page can say which failed. A check is
// 'passed' only when it was made and held; 'failed' when the document or what it points to
// says no; 'could_not_check' when we could not find out (a server down, a format we do not
// support). Each check judges the document's claims, so only `verified` says "trust this".
import { UnknownDocumentError } from './document-loader.ts';
import { KeyResolutionError, type KeyResolver } from './key-resolver.ts';
import type { Canonize, DocumentLoader, JsonLdObject } from './jsonld-types.ts';
import { StatusListError, checkStatus } from './status-list.ts';
import { verifyCredentialProof, type ProofCheck } from './verify.ts';
import type {
  CheckOutcome,
  CheckResult,
  VerificationReport,
} from '../core/credentials/verification.ts';
import { parseUrl } from './parse-url.ts';

// The report's shape is the core's (one definition for every caller).
export type { VerificationReport } from '../core/credentials/verification.ts';

export type IssuerStanding = 'approved' | 'suspended' | 'not_approved';

export interface CredentialVerifierOptions {
  now: Date;
  /** The static contexts loader. */
  documentLoader: DocumentLoader;
  /**
   * The canonicalizer for every proof this verification checks: the standard one unless the
   * document is one Laurel stored itself (shapeCanonize gives identical N-Quads, faster).
   */
  canonize?: Canonize;
  /** Decides which keys are trusted (local DID documents, did:key, remote did:web). */
  resolveKey: KeyResolver;
  /** The signed BitstringStatusListCredential at `url`, or undefined when it cannot be had; may throw with a reason. */
  loadStatusList(url: string): Promise<JsonLdObject | undefined>;
  /** The issuer's standing on this platform; undefined when it is not an issuer we know. */
  issuerStanding(issuerId: string): Promise<IssuerStanding | undefined>;
}

const passed = (reason?: string): CheckResult =>
  reason === undefined ? { outcome: 'passed' } : { outcome: 'passed', reason };
const failed = (reason: string): CheckResult => ({ outcome: 'failed', reason });
const unchecked = (reason: string): CheckResult => ({ outcome: 'could_not_check', reason });

const RANK: Record<CheckOutcome, number> = { passed: 0, could_not_check: 1, failed: 2 };

function record(value: unknown): JsonLdObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonLdObject)
    : undefined;
}

function strings(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `issuer` as VC 2.0 allows it: the id itself, or an object carrying it. */
function issuerIdOf(document: JsonLdObject): string | undefined {
  const { issuer } = document;
  if (typeof issuer === 'string') return issuer;
  const id = record(issuer)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Runs a check so that a bug or a throwing port reports "not checked" instead of throwing. */
async function guarded(check: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check();
  } catch (error) {
    return unchecked(`the check stopped on an unexpected error: ${message(error)}`);
  }
}

// ---- signature ---------------------------------------------------------------------------

/**
 * The structural part of "signed Open Badge credential": a proof over a document that is
 * not an OpenBadgeCredential (a status list, any other VC) must not read as a valid badge,
 * so shape problems fail the signature check rather than pass it silently.
 */
function shapeProblem(document: JsonLdObject): string | undefined {
  const types = strings(document.type);
  // AchievementCredential is OB 3.0's other name for the same type.
  if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) {
    return 'the credential is not an OpenBadgeCredential';
  }
  if (issuerIdOf(document) === undefined) return 'the credential names no issuer';
  if (!record(document.credentialSubject)) return 'the credential has no single credentialSubject';
  return undefined;
}

/**
 * Proofs Laurel cannot check, which are not forgeries for that: another suite than
 * eddsa-rdfc-2022, or several proofs (a set or chain). A missing or typeless proof is left
 * to verifyCredentialProof, which fails it.
 */
function unsupportedProof(document: JsonLdObject): string | undefined {
  const { proof } = document;
  if (Array.isArray(proof) && proof.length > 1) {
    return 'Laurel checks credentials that carry exactly one proof';
  }
  const single = record(Array.isArray(proof) ? proof[0] : proof);
  if (!single) return undefined;
  const suite = single.type === 'DataIntegrityProof' ? single.cryptosuite : single.type;
  return typeof suite === 'string' && suite !== 'eddsa-rdfc-2022'
    ? `Laurel does not check ${suite} proofs`
    : undefined;
}

/**
 * Verifies a proof, telling "could not check" (the key could not be fetched, a context we
 * do not bundle) apart from "does not verify" (wrong key, tampered document, key not in
 * the issuer's DID document, issuer not the key's controller).
 */
async function checkProof(
  document: JsonLdObject,
  {
    resolveKey,
    documentLoader,
    canonize,
  }: Pick<CredentialVerifierOptions, 'resolveKey' | 'documentLoader' | 'canonize'>,
): Promise<{ result: CheckResult; proof?: Extract<ProofCheck, { verified: true }> }> {
  const unsupported = unsupportedProof(document);
  if (unsupported) return { result: unchecked(unsupported) };
  const unknownContexts: string[] = [];
  const recordingLoader: DocumentLoader = (url) =>
    documentLoader(url).catch((error: unknown) => {
      if (error instanceof UnknownDocumentError) unknownContexts.push(url);
      throw error;
    });
  let check: ProofCheck;
  try {
    check = await verifyCredentialProof(document, {
      resolveKey,
      documentLoader: recordingLoader,
      ...(canonize ? { canonize } : {}),
    });
  } catch (error) {
    if (error instanceof KeyResolutionError) {
      return { result: unchecked(`the signing key could not be resolved: ${error.message}`) };
    }
    throw error;
  }
  if (check.verified) return { result: passed(), proof: check };
  if (unknownContexts.length > 0) {
    return {
      result: unchecked(
        `the document uses a JSON-LD context Laurel does not have: ${unknownContexts[0]!}`,
      ),
    };
  }
  switch (check.failure) {
    case 'NO_PROOF':
      return { result: failed('the document carries no single proof naming its key') };
    case 'UNKNOWN_KEY':
      return {
        result: failed(`the key that signed it is not one its issuer publishes: ${check.message}`),
      };
    case 'INVALID_PROOF':
      return { result: failed(`the signature does not verify: ${check.message}`) };
  }
}

async function checkSignature(
  document: JsonLdObject,
  options: CredentialVerifierOptions,
): Promise<CheckResult> {
  const problem = shapeProblem(document);
  if (problem) return failed(problem);
  const { result, proof } = await checkProof(document, options);
  // The issuance purpose already binds issuer to controller; this keeps it true by construction.
  if (proof && proof.controller !== issuerIdOf(document)) {
    return failed(`the key's controller ${proof.controller} is not the issuer`);
  }
  return result;
}

// ---- expiration --------------------------------------------------------------------------

// XML Schema dateTimeStamp, as VC 2.0 requires: a time zone is mandatory. Date.parse alone
// would take "2025" or "March 1" and guess.
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_TIME_STAMP.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function checkExpiration(document: JsonLdObject, now: Date): CheckResult {
  // An invalid clock compares false with everything, which would pass any date.
  if (Number.isNaN(now.getTime())) return unchecked('the current time is not known');
  const { validFrom, validUntil } = document;
  const from = validFrom === undefined ? undefined : parseDateTime(validFrom);
  if (validFrom !== undefined && from === undefined) return failed('validFrom is not a date-time');
  const until = validUntil === undefined ? undefined : parseDateTime(validUntil);
  if (validUntil !== undefined && until === undefined) {
    return failed('validUntil is not a date-time');
  }
  if (from !== undefined && from > now.getTime()) {
    return failed(`the credential is not valid until ${String(validFrom)}`);
  }
  if (until !== undefined && until < now.getTime()) {
    return failed(`the credential expired on ${String(validUntil)}`);
  }
  return until === undefined ? passed('the credential has no expiry date') : passed();
}

// ---- revocation --------------------------------------------------------------------------

interface ListCheck {
  list?: JsonLdObject;
  /** Why the list cannot be used, when it cannot. */
  problem?: string;
}

/**
 * Loads and authenticates one status list: its proof must verify with the same key
 * resolver, and it must come from the credential's issuer. A list we cannot load or trust
 * says nothing about the credential, so every problem here is "could not check".
 */
async function loadList(
  url: string,
  issuerId: string | undefined,
  options: CredentialVerifierOptions,
): Promise<ListCheck> {
  let loaded: unknown;
  try {
    loaded = await options.loadStatusList(url);
  } catch (error) {
    return { problem: `the status list ${url} could not be loaded: ${message(error)}` };
  }
  const list = record(loaded);
  if (!list) return { problem: `the status list ${url} is not available` };
  const { result } = await checkProof(list, options);
  if (result.outcome !== 'passed') {
    return {
      problem: `the status list ${url} cannot be trusted: ${result.reason ?? 'no reason given'}`,
    };
  }
  const listIssuer = issuerIdOf(list);
  if (issuerId === undefined || listIssuer !== issuerId) {
    return {
      problem: `the status list ${url} is issued by ${String(listIssuer)}, not the credential's issuer`,
    };
  }
  return { list };
}

/** The one-bit purposes status-list.ts reads, and what a set bit means. */
const PURPOSE_FAILURE: ReadonlyMap<string, string> = new Map([
  ['revocation', 'the issuer has revoked the credential'],
  ['suspension', 'the issuer has suspended the credential'],
]);

async function checkEntry(
  entry: unknown,
  issuerId: string | undefined,
  lists: Map<string, Promise<ListCheck>>,
  options: CredentialVerifierOptions,
): Promise<CheckResult> {
  const e = record(entry);
  const types = e ? strings(e.type) : [];
  if (!e || types.length === 0) return failed('a credentialStatus entry is malformed');
  if (!types.includes('BitstringStatusListEntry')) {
    return unchecked(`Laurel cannot check status entries of type ${types.join(', ')}`);
  }
  const purpose = e.statusPurpose;
  const setMeans = typeof purpose === 'string' ? PURPOSE_FAILURE.get(purpose) : undefined;
  if (setMeans === undefined) {
    return unchecked(`Laurel cannot check status entries of purpose ${JSON.stringify(purpose)}`);
  }
  if (e.statusSize !== undefined && Number(e.statusSize) !== 1) {
    return unchecked(
      `Laurel cannot check status entries of statusSize ${JSON.stringify(e.statusSize)}`,
    );
  }
  const url = e.statusListCredential;
  if (
    typeof url !== 'string' ||
    parseUrl(url) === undefined ||
    typeof e.statusListIndex !== 'string' ||
    !/^[0-9]+$/.test(e.statusListIndex)
  ) {
    return failed('a credentialStatus entry lacks a status list URL or a decimal index');
  }

  let pending = lists.get(url);
  if (!pending) {
    pending = loadList(url, issuerId, options);
    lists.set(url, pending);
  }
  const { list, problem } = await pending;
  if (!list) return unchecked(problem ?? `the status list ${url} cannot be used`);
  try {
    const { status } = checkStatus(e, list, { now: options.now });
    return status === 'set' ? failed(setMeans) : passed();
  } catch (error) {
    // The entry was checked above, so what checkStatus refuses is the list (wrong id or
    // purpose, expired, malformed, too short for the index).
    if (error instanceof StatusListError) {
      return unchecked(`the status list ${url} cannot be used: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Every entry is checked; the worst outcome wins (failed over could_not_check over passed).
 * A credential without entries cannot be revoked by list, so it passes and says so.
 */
async function checkRevocation(
  document: JsonLdObject,
  options: CredentialVerifierOptions,
): Promise<CheckResult> {
  const { credentialStatus } = document;
  const entries =
    credentialStatus === undefined
      ? []
      : Array.isArray(credentialStatus)
        ? credentialStatus
        : [credentialStatus];
  if (entries.length === 0) return passed('the credential carries no status entry');
  const issuerId = issuerIdOf(document);
  const lists = new Map<string, Promise<ListCheck>>();
  const results = await Promise.all(
    entries.map((entry) => guarded(() => checkEntry(entry, issuerId, lists, options))),
  );
  const worst = Math.max(...results.map((r) => RANK[r.outcome]));
  const chosen = results.filter((r) => RANK[r.outcome] === worst);
  const reasons = [...new Set(chosen.map((r) => r.reason).filter((r) => r !== undefined))];
  const outcome = chosen[0]!.outcome;
  if (outcome === 'passed') return passed();
  return { outcome, reason: reasons.join('; ') };
}

// ---- issuer status -----------------------------------------------------------------------

async function checkIssuerStatus(
  issuerId: string | undefined,
  options: CredentialVerifierOptions,
): Promise<CheckResult> {
  if (issuerId === undefined) return failed('the credential names no issuer');
  let standing: IssuerStanding | undefined;
  try {
    standing = await options.issuerStanding(issuerId);
  } catch (error) {
    return unchecked(`the issuer's standing could not be looked up: ${message(error)}`);
  }
  switch (standing) {
    case 'approved':
      return passed();
    case 'suspended':
      return failed('the issuer is suspended');
    case 'not_approved':
      return failed('the issuer is not approved');
    case undefined:
      return unchecked('not a Laurel issuer, so its standing is not known here');
    default:
      return unchecked(`unknown issuer standing ${JSON.stringify(standing)}`);
  }
}

// ---- the report --------------------------------------------------------------------------

/** The same result for all four checks, when the input is not a credential we can read. */
function uniform(result: CheckResult): VerificationReport {
  return {
    signature: result,
    expiration: result,
    revocation: result,
    issuerStatus: result,
    verified: false,
    issuerId: undefined,
  };
}

/** A compact JWS whose header is a JSON object (base64url of `{"` is `eyJ`). */
const JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/**
 * Verifies an Open Badges 3.0 credential (parsed JSON) with the four checks: signature
 * (proof, key, issuer binding and OpenBadgeCredential shape), expiration, revocation (every
 * status entry against its signed list) and the issuer's standing. Never throws; `verified`
 * is true only when all four passed.
 */
export async function verifyCredential(
  document: unknown,
  options: CredentialVerifierOptions,
): Promise<VerificationReport> {
  // OB 3.0 also allows VC-JWT; such a credential is not forged, just not one we check.
  if (typeof document === 'string' && JWS.test(document.trim())) {
    return uniform(unchecked('Laurel does not check JWT-secured credentials'));
  }
  const credential = record(document);
  if (!credential) return uniform(failed('the document is not a JSON object'));
  const issuerId = issuerIdOf(credential);
  // Without the VC type there is nothing whose dates or status could pass.
  if (!strings(credential.type).includes('VerifiableCredential')) {
    return { ...uniform(failed('the document is not a verifiable credential')), issuerId };
  }
  const [signature, expiration, revocation, issuerStatus] = await Promise.all([
    guarded(() => checkSignature(credential, options)),
    guarded(() => Promise.resolve(checkExpiration(credential, options.now))),
    guarded(() => checkRevocation(credential, options)),
    guarded(() => checkIssuerStatus(issuerId, options)),
  ]);
  const verified = [signature, expiration, revocation, issuerStatus].every(
    (c) => c.outcome === 'passed',
  );
  return { signature, expiration, revocation, issuerStatus, verified, issuerId };
}
