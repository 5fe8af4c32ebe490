import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { eddsaRdfc2022 } from './cryptosuite.ts';
import { MULTIKEY_V1_CONTEXT } from './document-loader.ts';
import type { KeyResolver } from './key-resolver.ts';
import type { Canonize, DocumentLoader, JsonLdObject } from './jsonld-types.ts';

type ProofFailure =
  /** The document carries no single proof naming a verification method. */
  | 'NO_PROOF'
  /** The resolver does not know the verification method the proof names. */
  | 'UNKNOWN_KEY'
  /** Signature, canonicalization, proof purpose or issuer binding failed. */
  | 'INVALID_PROOF';

export type ProofCheck =
  | { verified: true; verificationMethod: string; controller: string }
  | { verified: false; failure: ProofFailure; message: string };

export interface VerifyOptions {
  resolveKey: KeyResolver;
  /** The static context loader; keys come from `resolveKey`, never from it. */
  documentLoader: DocumentLoader;
  canonize?: Canonize;
  /**
   * 'issuer' (default): the key's controller must be the credential's issuer, as a
   * credential verifier needs. 'assertion': only that the controller authorises the key
   * for assertionMethod — for documents whose issuer is not a key controller, such as the
   * W3C cryptosuite vectors.
   */
  binding?: 'issuer' | 'assertion';
}

function fail(failure: ProofFailure, message: string): ProofCheck {
  return { verified: false, failure, message };
}

function proofMethodId(document: JsonLdObject): string | undefined {
  // One proof, written as an object or (as the OB 3.0 schema wants) a one-element array.
  const proof =
    Array.isArray(document.proof) && document.proof.length === 1
      ? (document.proof[0] as unknown)
      : document.proof;
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) return undefined;
  const vm = (proof as JsonLdObject).verificationMethod;
  return typeof vm === 'string' ? vm : undefined;
}

/**
 * Proofs already found valid, for documents made immutable by `immutableDocument` only: such a
 * document cannot change, so its proof checked with the same key, controller and binding holds
 * again. Laurel's own status list is one (every credential on it reads the same signed list on
 * every view). The key is still resolved on every call, so a revoked key stops matching at once.
 */
const validProofs = new WeakMap<JsonLdObject, Set<string>>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.values(value).forEach(deepFreeze);
  Object.freeze(value);
}

/**
 * `document` frozen all the way down, so that verifyCredentialProof may remember that its proof
 * is valid. A document frozen only at the top could still have its proof or subject changed.
 */
export function immutableDocument<T extends JsonLdObject>(document: T): T {
  deepFreeze(document);
  if (!validProofs.has(document)) validProofs.set(document, new Set());
  return document;
}

/**
 * Checks only the eddsa-rdfc-2022 proof: signature over the canonical document, key
 * authorised for assertionMethod, and (by default) issuer = key controller. Expiry,
 * status and issuer standing are separate checks. Never throws for a bad document.
 */
export async function verifyCredentialProof(
  document: JsonLdObject,
  { resolveKey, documentLoader, canonize, binding = 'issuer' }: VerifyOptions,
): Promise<ProofCheck> {
  const methodId = proofMethodId(document);
  if (!methodId) return fail('NO_PROOF', 'expected one proof with a verificationMethod id');
  const resolved = await resolveKey(methodId);
  if (!resolved) return fail('UNKNOWN_KEY', `unknown verification method ${methodId}`);
  const { method, controller } = resolved;
  // The purpose trusts the controller we hand it, so the pairing is checked here.
  if (method.controller !== controller.id) {
    return fail('INVALID_PROOF', `${methodId} is not controlled by ${controller.id}`);
  }

  // The key itself is in `method`; the controller's authorization of it in assertionMethod.
  const checked = JSON.stringify([binding, method, controller.id, controller.assertionMethod]);
  if (validProofs.get(document)?.has(checked)) {
    return { verified: true, verificationMethod: methodId, controller: controller.id };
  }

  const loader: DocumentLoader = (url) =>
    url === methodId
      ? Promise.resolve({
          contextUrl: null,
          documentUrl: url,
          document: { '@context': MULTIKEY_V1_CONTEXT, ...method },
        })
      : documentLoader(url);
  const purpose =
    binding === 'issuer'
      ? new CredentialIssuancePurpose({ controller })
      : new jsigs.purposes.AssertionProofPurpose({ controller });
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022(canonize) });

  const result = await jsigs.verify(document, { suite, purpose, documentLoader: loader });
  if (result.verified) {
    // Only immutable documents have an entry to add to.
    validProofs.get(document)?.add(checked);
    return { verified: true, verificationMethod: methodId, controller: controller.id };
  }
  const errors = result.error?.errors ?? (result.error ? [result.error] : []);
  const message = errors.map((e) => e.message).join('; ') || 'proof did not verify';
  return fail('INVALID_PROOF', message);
}
