import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReactNode } from 'react';
import { credentialStatus, type CredentialStatus } from '../../core/credentials/status.ts';
import { findIssuedCredential, type IssuedCredential } from '../../core/credentials/verify.ts';
import { recordVerification } from '../../core/credentials/verification-events.ts';
import { verificationUrl } from '../../core/public-urls.ts';
import { httpStatus } from '../errors.ts';
import { ASSET_BASE, renderPage } from '../../web/components/index.ts';
import { badgeImageSrc } from '../../web/pages/badge-parts.tsx';
import { CREDENTIAL_STATUS } from '../../web/pages/credential-parts.tsx';
import { formatDay } from '../../web/pages/org-parts.tsx';
import type { AppContext } from '../context.ts';

/** The card's whole document: no script, one stylesheet, nothing inline (the CSP below allows nothing else). */
function EmbedDocument({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The full verification page is the one to index, not its widget. */}
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href={`${ASSET_BASE}/embed.css`} />
      </head>
      <body>
        <main className="embed-card">{children}</main>
      </body>
    </html>
  );
}

function EmbedCard({
  issued,
  status,
  fullPageUrl,
}: {
  issued: IssuedCredential;
  status: CredentialStatus;
  fullPageUrl: string;
}) {
  const { credential: c, badge, organization } = issued;
  const image = badgeImageSrc(badge);
  return (
    <EmbedDocument title={`${badge.name}: ${CREDENTIAL_STATUS[status].label} credential · Laurel`}>
      <div className="embed-card__top">
        {image ? (
          <img
            className="embed-card__image"
            src={image}
            alt={`${badge.name} badge`}
            width={64}
            height={64}
          />
        ) : null}
        <div className="embed-card__heading">
          <p className={`embed-status embed-status--${status}`}>
            <span className="visually-hidden">Status: </span>
            {CREDENTIAL_STATUS[status].label}
          </p>
          <h1 className="embed-card__title">{badge.name}</h1>
          <p className="embed-card__issuer">Issued by {organization.name}</p>
        </div>
      </div>
      <dl className="embed-card__facts">
        <dt>Recipient</dt>
        <dd>{c.recipientName}</dd>
        <dt>Issued</dt>
        <dd>
          <time dateTime={c.issuedAt.toISOString()}>{formatDay(c.issuedAt)}</time>
        </dd>
        {c.revokedAt ? (
          <>
            <dt>Revoked</dt>
            <dd>
              <time dateTime={c.revokedAt.toISOString()}>{formatDay(c.revokedAt)}</time>
            </dd>
          </>
        ) : c.expiresAt ? (
          <>
            <dt>{status === 'expired' ? 'Expired' : 'Expires'}</dt>
            <dd>
              <time dateTime={c.expiresAt.toISOString()}>{formatDay(c.expiresAt)}</time>
            </dd>
          </>
        ) : null}
        <dt>Credential ID</dt>
        <dd>{c.shortId}</dd>
      </dl>
      <a className="embed-card__link" href={fullPageUrl} target="_blank" rel="noopener">
        View full verification on Laurel
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    </EmbedDocument>
  );
}

/** What a private or missing credential's widget says: nothing about the credential itself. */
function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <EmbedDocument title={`${title} · Laurel`}>
      <h1 className="embed-card__title">{title}</h1>
      <p className="embed-card__message">{message}</p>
    </EmbedDocument>
  );
}

function sendEmbed(reply: FastifyReply, element: ReactNode, status = 200): FastifyReply {
  // Revocation must show in the widget at once: never cached.
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(element));
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
      helmet: {
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
    async (request, reply) => {
      const found = await findIssuedCredential(deps, request.params.id, null);
      if (!found.ok) {
        const card =
          found.error.code === 'NOT_FOUND' ? (
            <Unavailable title="Credential not found" message="No credential has this ID." />
          ) : (
            <Unavailable
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
