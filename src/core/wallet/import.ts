import type { UserActor } from '../authz/actor.ts';
import { verifyDocument } from '../credentials/verify.ts';
import type { VerificationReport } from '../credentials/verification.ts';
import { canViewCredential } from '../credentials/visibility.ts';
import type { CoreDeps } from '../deps.ts';
import type { ImportedCredential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { localIssuerSlug, verificationUrl } from '../public-urls.ts';
import { err, failure, ok, type Failure, type Result } from '../result.ts';
import {
  ourCredentialIdOf,
  proofValueOf,
  readCredentialFacts,
  type CredentialFacts,
} from './credential-facts.ts';
import { newImportedImageKey } from './images.ts';
import { namesRecipient } from '../credentials/recipient-identity.ts';

export interface ImportInput {
  /** The credential's JSON as it came (pasted, a file, or taken out of a baked image): its proof covers it. */
  text: string;
  /** The baked PNG or SVG it came in, kept as its picture. */
  bakedImage?: Buffer;
}

const ALREADY_IN_WALLET = 'This credential is already in your wallet.';

/** The most imported credentials one wallet holds, so nobody can fill the database through it. */
export const MAX_IMPORTED_CREDENTIALS = 500;
const WALLET_FULL = `Your wallet holds ${MAX_IMPORTED_CREDENTIALS} imported credentials, the most it can hold. Remove one to import another.`;

const CLAIM_HERE =
  'Credentials issued on this Laurel are claimed from their verification page, not imported.';

/**
 * Refuses one of Laurel's own credentials (by its id, or by its issuer's DID): importing it
 * would put it on a public profile whatever its privacy, and whoever its recipient. The
 * recipient claims it instead, which checks both. Its page is named only to someone who may
 * see it; anyone else learns nothing about it.
 */
async function issuedHere(
  deps: CoreDeps,
  userId: string,
  f: CredentialFacts,
): Promise<Failure<ErrorCode> | undefined> {
  const s = deps.uow.stores;
  const id = ourCredentialIdOf(f.document);
  const ours = id ? await s.credentials.findByPublicId(id) : undefined;
  if (!ours && localIssuerSlug(deps.publicUrl, f.issuerId) === undefined) return undefined;
  const message =
    ours && (await canViewCredential(s, ours, userId))
      ? `This credential was issued on this Laurel: claim it from its verification page instead, ${verificationUrl(deps.publicUrl, ours.shortId)}`
      : CLAIM_HERE;
  return failure('CONFLICT', message, { reason: 'ISSUED_HERE' });
}

/**
 * Refuses a credential that names someone else's email address as its recipient. One that
 * names no address (only a DID, or nobody) is accepted: its signature still proves who issued
 * it, and there is nothing to compare the user with.
 */
async function issuedToSomeoneElse(
  deps: CoreDeps,
  userId: string,
  f: CredentialFacts,
): Promise<Failure<ErrorCode> | undefined> {
  const user = await deps.uow.stores.users.findById(userId);
  // The caller is signed in: a missing account is a bug, not a refusal.
  if (!user) throw new Error(`importCredential: no user ${userId}`);
  if (namesRecipient(f.document, user.email) !== false) return undefined;
  return failure(
    'VALIDATION_ERROR',
    'This credential was issued to a different email address than yours.',
    { reason: 'RECIPIENT_MISMATCH' },
  );
}

/**
 * What the checks must say for a credential to enter a wallet. The signature must verify:
 * anything else (failed, or could not be checked) proves nothing about who issued it. A
 * revoked (or suspended) credential is refused with the issuer's word for it. An expired one
 * is accepted: it was earned, and the wallet shows it as expired. Neither a status list that
 * could not be reached nor an issuer's standing (which Laurel knows only for its own issuers,
 * refused before this) blocks an import; verifying the credential later still reports them.
 */
function refusal(report: VerificationReport): Failure<ErrorCode> | undefined {
  const { signature, revocation } = report;
  if (signature.outcome !== 'passed') {
    const why = signature.reason ?? 'no reason was given';
    return failure(
      'VALIDATION_ERROR',
      `The credential’s signature could not be verified: ${why}.`,
      { reason: 'SIGNATURE_NOT_VERIFIED', signature },
    );
  }
  if (revocation.outcome === 'failed') {
    const why = revocation.reason ?? 'its issuer withdrew it';
    return failure('VALIDATION_ERROR', `This credential cannot be imported: ${why}.`, {
      reason: 'REVOKED',
      revocation,
    });
  }
  return undefined;
}

/** Whether the wallet's imported documents include this signed credential, however its JSON is laid out. */
function alreadyHeld(documents: string[], document: Record<string, unknown>): boolean {
  const signature = proofValueOf(document);
  if (signature === undefined) return false;
  return documents.some((text) => {
    try {
      return proofValueOf(JSON.parse(text)) === signature;
    } catch {
      return false;
    }
  });
}

/**
 * Stores the picture, when there is one Laurel accepts as a badge image; a picture is never a
 * reason to refuse the credential. It is drawn again as a PNG, and libvips writes no metadata
 * unless told to: the iTXt chunk (or SVG element) of a baked image carries the whole signed
 * credential, which its public picture must not, and an EXIF block stays out too.
 */
async function storePicture(deps: CoreDeps, bytes: Buffer | undefined): Promise<string | null> {
  if (!bytes) return null;
  const prepared = await deps.images.prepare(bytes, { svg: true, png: true });
  if (!prepared.ok) return null;
  const key = newImportedImageKey();
  await deps.files.put(key, prepared.image.bytes, prepared.image.contentType);
  return key;
}

/**
 * Imports another issuer's Open Badges 3.0 credential into the user's wallet: read, verified
 * with the one verification function, checked against the user's address, then stored with
 * the text exactly as given (outer whitespace aside) and its picture, if any. Nothing is
 * stored when it is refused. A remote image URL is never fetched.
 */
export async function importCredential(
  deps: CoreDeps,
  actor: UserActor,
  input: ImportInput,
): Promise<Result<ImportedCredential, ErrorCode>> {
  const { userId } = actor;
  const facts = readCredentialFacts(input.text);
  if (!facts.ok) return facts;
  const f = facts.value;
  const refused =
    (await issuedHere(deps, userId, f)) ??
    refusal(await verifyDocument(deps, f.document)) ??
    (await issuedToSomeoneElse(deps, userId, f));
  if (refused) return { ok: false, error: refused };

  const imagePath = await storePicture(deps, input.bakedImage ?? f.embeddedImage?.bytes);
  let outcome: Result<ImportedCredential, ErrorCode> | undefined;
  try {
    outcome = await deps.uow.transaction(async (s) => {
      // One import per wallet at a time, so neither the duplicate check nor the cap can be raced past.
      await s.locks.hold(`wallet-import:${userId}`);
      const held = await s.importedCredentials.listDocuments(userId);
      if (alreadyHeld(held, f.document))
        return err('CONFLICT', ALREADY_IN_WALLET, { reason: 'ALREADY_IMPORTED' });
      if (held.length >= MAX_IMPORTED_CREDENTIALS)
        return err('CONFLICT', WALLET_FULL, { reason: 'WALLET_FULL' });
      const created = await s.importedCredentials.create(
        {
          userId,
          document: input.text.trim(),
          issuerId: f.issuerId,
          issuerName: f.issuerName,
          achievementName: f.achievementName,
          achievementDescription: f.achievementDescription,
          imagePath,
          validFrom: f.validFrom,
          validUntil: f.validUntil,
        },
        deps.clock.now(),
      );
      return created
        ? ok(created)
        : err('CONFLICT', ALREADY_IN_WALLET, { reason: 'ALREADY_IMPORTED' });
    });
  } finally {
    if (!outcome?.ok && imagePath) await deps.files.delete(imagePath);
  }
  return outcome;
}
