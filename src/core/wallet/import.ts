import { verifyDocument } from '../credentials/verify.ts';
import type { VerificationReport } from '../credentials/verification.ts';
import type { CoreDeps } from '../deps.ts';
import type { ImportedCredential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { FileStorage, Stores } from '../ports.ts';
import { err, ok, type Failure, type Result } from '../result.ts';
import { proofValueOf, readCredentialFacts } from './credential-facts.ts';
import { newImportedImageKey } from './images.ts';

/** How an imported credential's picture reaches file storage. */
export interface WalletFiles {
  storage: FileStorage;
  /** Checks an image by the badge-image rules (libvips reads it; an SVG comes back as a PNG). */
  prepareImage(
    bytes: Buffer,
  ): Promise<{ ok: true; bytes: Buffer; contentType: string } | { ok: false; message: string }>;
}

export interface ImportInput {
  /** The credential's JSON as it came (pasted, a file, or taken out of a baked image): its proof covers it. */
  text: string;
  /** The baked PNG or SVG it came in, kept as its picture. */
  bakedImage?: Buffer;
}

const ALREADY_IN_WALLET = 'This credential is already in your wallet.';

/**
 * What the checks must say for a credential to enter a wallet. The signature must verify:
 * anything else (failed, or could not be checked) proves nothing about who issued it. A
 * revoked (or suspended) credential is refused with the issuer's word for it. An expired one
 * is accepted: it was earned, and the wallet shows it as expired. Neither a status list that
 * could not be reached nor the issuer's standing (known only for Laurel's own issuers) blocks
 * an import; verifying the credential later still reports them.
 */
function refusal(report: VerificationReport): Failure<ErrorCode> | undefined {
  const { signature, revocation } = report;
  if (signature.outcome !== 'passed') {
    const why = signature.reason ?? 'no reason was given';
    return {
      code: 'VALIDATION_ERROR',
      message: `The credential’s signature could not be verified: ${why}.`,
      details: { reason: 'SIGNATURE_NOT_VERIFIED', signature },
    };
  }
  if (revocation.outcome === 'failed') {
    const why = revocation.reason ?? 'its issuer withdrew it';
    return {
      code: 'VALIDATION_ERROR',
      message: `This credential cannot be imported: ${why}.`,
      details: { reason: 'REVOKED', revocation },
    };
  }
  return undefined;
}

/**
 * Whether the wallet already holds this signed credential, however its JSON is laid out:
 * as an import, or (one of Laurel's own) as a credential the user claimed.
 */
async function alreadyHeld(
  s: Stores,
  userId: string,
  document: Record<string, unknown>,
): Promise<boolean> {
  const signature = proofValueOf(document);
  if (signature === undefined) return false;
  const same = (text: string | undefined) => {
    try {
      return text !== undefined && proofValueOf(JSON.parse(text)) === signature;
    } catch {
      return false;
    }
  };
  if ((await s.importedCredentials.listDocuments(userId)).some(same)) return true;
  const id =
    typeof document.id === 'string'
      ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(document.id)?.[1]
      : undefined;
  const ours = id ? await s.credentials.findByPublicId(id) : undefined;
  return ours?.claimedBy === userId && same(await s.credentials.findDocument(ours.id));
}

/** Stores the picture, when there is one Laurel accepts; a picture is never a reason to refuse the credential. */
async function storePicture(files: WalletFiles, bytes: Buffer | undefined): Promise<string | null> {
  if (!bytes) return null;
  const image = await files.prepareImage(bytes);
  if (!image.ok) return null;
  const key = newImportedImageKey();
  await files.storage.put(key, image.bytes, image.contentType);
  return key;
}

/**
 * Imports another issuer's (or Laurel's own) Open Badges 3.0 credential into the user's
 * wallet: read, verified with the one verification function, then stored with the text
 * exactly as given (outer whitespace aside) and its picture, if any. Nothing is stored
 * when it is refused. A remote image URL is never fetched.
 */
export async function importCredential(
  deps: CoreDeps,
  files: WalletFiles,
  userId: string,
  input: ImportInput,
): Promise<Result<ImportedCredential, ErrorCode>> {
  const facts = readCredentialFacts(input.text);
  if (!facts.ok) return facts;
  const f = facts.value;
  const refused = refusal(await verifyDocument(deps, f.document));
  if (refused) return { ok: false, error: refused };

  const imagePath = await storePicture(files, input.bakedImage ?? f.embeddedImage?.bytes);
  let created: ImportedCredential | undefined;
  try {
    created = await deps.uow.transaction(async (s) => {
      // One import per wallet at a time, so the duplicate check cannot be raced past.
      await s.locks.hold(`wallet-import:${userId}`);
      if (await alreadyHeld(s, userId, f.document)) return undefined;
      return s.importedCredentials.create(
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
    });
  } finally {
    if (!created && imagePath) await files.storage.delete(imagePath);
  }
  return created ? ok(created) : err('CONFLICT', ALREADY_IN_WALLET, { reason: 'ALREADY_IMPORTED' });
}
