import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import { effectivePlan } from '../plans/plans.ts';
import { verificationUrl } from '../public-urls.ts';
import { err, ok, type Result } from '../result.ts';
import { findIssuedCredential } from './verify.ts';

/** What a credential's QR code encodes (qr-codes.md): its verification URL only, so a scan shows the current status. */
export interface CredentialQrCode {
  shortId: string;
  verificationUrl: string;
}

/**
 * The QR code of one of our credentials, for whoever may see the credential, while the
 * issuing organization's plan includes QR codes. Asked on every download, so a downgrade
 * takes effect at once.
 */
export async function credentialQrCode(
  deps: CoreDeps,
  publicId: string,
  viewerUserId: string | null,
): Promise<Result<CredentialQrCode, ErrorCode>> {
  const found = await findIssuedCredential(deps, publicId, viewerUserId);
  if (!found.ok) return found;
  const { credential, organization } = found.value;
  if (!effectivePlan(organization.subscription, deps.clock.now()).features.qrCodes) {
    return err(
      'FORBIDDEN',
      'QR codes are available when the issuing organization is on the Professional or Enterprise plan.',
      { reason: 'PLAN_REQUIRED' },
    );
  }
  return ok({
    shortId: credential.shortId,
    verificationUrl: verificationUrl(deps.publicUrl, credential.shortId),
  });
}
