import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { credentialQrCode } from '../../core/credentials/qr-code.ts';
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
    const found = await credentialQrCode(deps, request.params.id, request.auth?.user.id ?? null);
    if (!found.ok) return sendPublicError(reply, found.error);
    const { shortId, verificationUrl } = found.value;
    const png = await QRCode.toBuffer(verificationUrl, {
      type: 'png',
      errorCorrectionLevel: 'Q',
      margin: 4,
      width: 512,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${shortId}-qr.png"`)
      .type('image/png')
      .send(png);
  });
}
