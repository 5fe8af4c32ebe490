import type { CoreDeps } from '../../core/deps.ts';
import { verifyDocument } from '../../core/credentials/verify.ts';
import type { VerificationReport } from '../../core/credentials/verification.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { BakingError, extractCredential, parseCredentialText } from '../../vc/baking/index.ts';

export interface BakedImageVerification {
  /** The credential found in the image, as it was baked (its claims are only as good as the report). */
  credential: Record<string, unknown>;
  report: VerificationReport;
}

function parsed(text: string) {
  try {
    return parseCredentialText(text);
  } catch {
    return undefined;
  }
}

/**
 * The credential text baked into a PNG or SVG, as it was baked. An image that carries none,
 * or one we cannot read, is a VALIDATION_ERROR saying why.
 */
export function credentialTextFromImage(bytes: Uint8Array): Result<string, ErrorCode> {
  let text: string | undefined;
  try {
    text = extractCredential(bytes);
  } catch (e) {
    if (e instanceof BakingError)
      return err('VALIDATION_ERROR', `The image could not be read: ${e.message}.`);
    throw e;
  }
  return text === undefined
    ? err('VALIDATION_ERROR', 'The image carries no Open Badges credential.')
    : ok(text);
}

/** Any issuer's baked PNG or SVG: the credential extracted, then the one verification function. */
export async function verifyBakedImage(
  deps: CoreDeps,
  bytes: Uint8Array,
): Promise<Result<BakedImageVerification, ErrorCode>> {
  const text = credentialTextFromImage(bytes);
  if (!text.ok) return text;
  const credential = parsed(text.value);
  if (!credential)
    return err('VALIDATION_ERROR', 'The credential baked into the image is not valid JSON.');
  if (credential.format === 'jwt')
    return err('VALIDATION_ERROR', 'Credentials in VC-JWT form are not supported yet.');
  return ok({
    credential: credential.credential,
    report: await verifyDocument(deps, credential.credential),
  });
}
