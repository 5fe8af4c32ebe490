import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReactElement } from 'react';
import { credentialStatus } from '../../core/credentials/status.ts';
import { findIssuedCredential } from '../../core/credentials/verify.ts';
import { recordVerification } from '../../core/credentials/verification-events.ts';
import { verificationUrl } from '../../core/public-urls.ts';
import type { AppContext } from '../../http/context.ts';
import { httpStatus } from '../../http/errors.ts';
import { sendHtml } from '../../http/reply.ts';
import { renderPage } from '../components/index.ts';
import { EmbedCard, EmbedUnavailable } from '../pages/embed-card.tsx';

function sendEmbed(reply: FastifyReply, element: ReactElement, status = 200): FastifyReply {
  // Revocation must show in the widget at once: never cached.
  return sendHtml(reply, renderPage(element), status);
}

/**
 * GET /api/embed/{id}: a small verification card other sites show in an <iframe>
 * (sharing-credentials.md, "Embed code"). Public credentials only, whoever asks: the
 * recipient's own session does not unlock a private one, since the card is shown to everyone.
 */
export function registerEmbed(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  app.get<{ Params: { id: string } }>(
    '/api/embed/:id',
    {
      // The one route any site may frame; the rest of Laurel keeps frame-ancestors 'none'.
      config: {
        securityHeaders: {
          contentSecurityPolicy: {
            useDefaults: false,
            directives: {
              defaultSrc: ["'none'"],
              styleSrc: ["'self'"],
              imgSrc: ["'self'", 'data:'],
              frameAncestors: ['*'],
              baseUri: ["'none'"],
              formAction: ["'none'"],
              upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
            },
          },
          frameguard: false,
          crossOriginResourcePolicy: { policy: 'cross-origin' },
        },
      },
    },
    async (request, reply) => {
      const found = await findIssuedCredential(deps, request.params.id, null);
      if (!found.ok) {
        const card =
          found.error.code === 'NOT_FOUND' ? (
            <EmbedUnavailable title="Credential not found" message="No credential has this ID." />
          ) : (
            <EmbedUnavailable
              title="Credential not available"
              message="This credential is private, so it cannot be shown here."
            />
          );
        return sendEmbed(reply, card, httpStatus(found.error.code));
      }
      const issued = found.value;
      const status = credentialStatus(issued.credential, deps.clock.now());
      // A HEAD request (a link checker) shows nobody the card, so it is not a verification.
      if (request.method === 'GET')
        await recordVerification(deps, issued.credential, 'embed', null);
      return sendEmbed(
        reply,
        <EmbedCard
          issued={issued}
          status={status}
          fullPageUrl={verificationUrl(ctx.config.publicUrl, issued.credential.shortId)}
        />,
      );
    },
  );
}
