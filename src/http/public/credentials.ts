import type { FastifyInstance, FastifyReply } from 'fastify';
import { badgeImage, bakeableBadgeImage } from '../../core/credentials/achievements.ts';
import {
  findIssuedCredential,
  verifyIssuedCredential,
  type VerifiedCredential,
} from '../../core/credentials/verify.ts';
import { maskEmail } from '../../core/credentials/mask-email.ts';
import { recordVerification } from '../../core/credentials/verification-events.ts';
import type { VerificationReport } from '../../core/credentials/verification.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import { verificationUrl } from '../../core/public-urls.ts';
import { bakeImage } from '../../vc/baking/index.ts';
import type { AppContext } from '../context.ts';
import { sendPublicError, sendPublicImage, sendPublicJson } from '../reply.ts';
import { verifyBakedImage } from './baked-image-verification.ts';

/** The documented flags next to the detailed checks, each passed / failed / could_not_check with its reason. */
function verificationBody(report: VerificationReport) {
  return {
    signatureValid: report.signature.outcome === 'passed',
    notRevoked: report.revocation.outcome === 'passed',
    notExpired: report.expiration.outcome === 'passed',
    issuerApproved: report.issuerStatus.outcome === 'passed',
    verified: report.verified,
    checks: {
      signature: report.signature,
      expiration: report.expiration,
      revocation: report.revocation,
      issuerStatus: report.issuerStatus,
    },
  };
}

/** GET /api/verify/{id}: the shape of verifying-a-credential.md. The recipient's email is masked. */
function verifyResponse(ctx: AppContext, v: VerifiedCredential) {
  const { credential: c, badge, organization, document } = v;
  return {
    status: v.status,
    credential: {
      id: c.id,
      credentialId: c.shortId,
      badgeId: badge.id,
      badgeName: badge.name,
      issuerName: organization.name,
      issuerSlug: organization.slug,
      recipientName: c.recipientName,
      recipientEmail: maskEmail(c.recipientEmail),
      issuanceDate: c.issuedAt.toISOString(),
      expirationDate: c.expiresAt?.toISOString() ?? null,
      claimedAt: c.claimedAt?.toISOString() ?? null,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revocationReason: c.revocationReason,
      evidenceUrl: c.evidenceUrl,
      tags: badge.tags,
      verificationUrl: verificationUrl(ctx.config.publicUrl, c.shortId),
      supersedesCredentialId: c.supersedesCredentialId,
      supersededByCredentialId: c.supersededByCredentialId,
    },
    verification: verificationBody(v.report),
    ob3Credential: JSON.parse(document) as unknown,
    features: {
      qrCodeEnabled: effectivePlan(organization.subscription, ctx.deps.clock.now()).features
        .qrCodes,
    },
  };
}

function imageRefused(reply: FastifyReply, message: string) {
  return sendPublicError(reply, { code: 'VALIDATION_ERROR', message });
}

export function registerCredentialDocuments(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const viewer = (request: { auth: { user: { id: string } } | null }) =>
    request.auth?.user.id ?? null;

  app.get<{ Params: { id: string } }>('/api/verify/:id', async (request, reply) => {
    const viewerId = viewer(request);
    const result = await verifyIssuedCredential(deps, request.params.id, viewerId);
    if (!result.ok) return sendPublicError(reply, result.error);
    // Only a GET is a verification (Fastify also answers HEAD here).
    if (request.method === 'GET')
      await recordVerification(deps, result.value.credential, 'api', viewerId);
    // Status changes (revocation, expiry) must show at once: never cached.
    return sendPublicJson(reply, 'application/json', verifyResponse(ctx, result.value), 0).header(
      'cache-control',
      'no-store',
    );
  });

  app.get<{ Params: { id: string } }>('/credentials/:id/ob3', async (request, reply) => {
    const result = await findIssuedCredential(deps, request.params.id, viewer(request));
    if (!result.ok) return sendPublicError(reply, result.error);
    // The signed bytes as issued: parsing and re-serialising could change them.
    return sendPublicJson(reply, 'application/ld+json', result.value.document, 0).header(
      'cache-control',
      'no-store',
    );
  });

  app.get<{ Params: { id: string } }>('/api/credentials/:id/baked', async (request, reply) => {
    const result = await findIssuedCredential(deps, request.params.id, viewer(request));
    if (!result.ok) return sendPublicError(reply, result.error);
    const { badge, credential, document } = result.value;
    const image = await bakeableBadgeImage(deps, badge);
    if (!image)
      return sendPublicError(reply, {
        code: 'NOT_FOUND',
        message: 'This credential’s badge has no image to bake.',
      });
    const baked = bakeImage(image, document);
    const extension = baked.type === 'png' ? 'png' : 'svg';
    return (
      reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${credential.shortId}.${extension}"`)
        .header('x-content-type-options', 'nosniff')
        // A baked SVG is served as a download and never runs as a page.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .type(baked.type === 'png' ? 'image/png' : 'image/svg+xml')
        .send(baked.bytes)
    );
  });

  // Any issuer's baked PNG or SVG: extract, then the one verification function.
  app.post(
    '/api/credentials/verify-image',
    { config: { csrfExempt: true } },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file)
        return imageRefused(reply, 'Upload a baked PNG or SVG image in the "image" field.');
      const bytes = await file.toBuffer().catch(() => undefined);
      if (!bytes || file.file.truncated)
        return imageRefused(reply, 'The image is larger than 5 MB.');
      const verified = await verifyBakedImage(deps, bytes);
      if (!verified.ok) return sendPublicError(reply, verified.error);
      const { report, credential } = verified.value;
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'no-store')
        .send({
          verification: verificationBody(report),
          issuer: report.issuerId ?? null,
          ob3Credential: credential,
        });
    },
  );

  app.get<{ Params: { badgeId: string } }>('/badge-images/:badgeId', async (request, reply) => {
    return sendPublicImage(reply, await badgeImage(deps, request.params.badgeId));
  });
}
