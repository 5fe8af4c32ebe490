import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { findIssuedCredential } from '../../core/credentials/verify.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import { verificationUrl } from '../../core/public-urls.ts';
import type { AppContext } from '../context.ts';
import { sendPublicError } from '../reply.ts';

/**
 * GET /api/credentials/{id}/qr (qr-codes.md): a PNG of the verification URL only, so a scan
 * always shows the current status. Error correction 'Q' (medium-high) keeps it readable when
 * scaled or printed on colour; a margin of 4 modules is the standard quiet zone.
 */
export function registerQrCodes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  app.get<{ Params: { id: string } }>('/api/credentials/:id/qr', async (request, reply) => {
    const found = await findIssuedCredential(
      deps,
      request.params.id,
      request.auth?.user.id ?? null,
    );
    if (!found.ok) return sendPublicError(reply, found.error);
    const { credential, organization } = found.value;
    // Asked on every download, so a downgrade takes effect at once.
    if (!effectivePlan(organization.subscription, deps.clock.now()).features.qrCodes) {
      return sendPublicError(reply, {
        code: 'FORBIDDEN',
        message:
          'QR codes are available when the issuing organization is on the Professional or Enterprise plan.',
        details: { reason: 'PLAN_REQUIRED' },
      });
    }
    const png = await QRCode.toBuffer(verificationUrl(ctx.config.publicUrl, credential.shortId), {
      type: 'png',
      errorCorrectionLevel: 'Q',
      margin: 4,
      width: 512,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${credential.shortId}-qr.png"`)
      .type('image/png')
      .send(png);
  });
}
