import type { ReactNode } from 'react';
import type { CredentialStatus } from '../../core/credentials/status.ts';
import type { IssuedCredential } from '../../core/credentials/verify.ts';
import { ASSET_BASE } from '../components/index.ts';
import { badgeImageSrc } from './badge-parts.tsx';
import { CREDENTIAL_STATUS } from './credential-parts.tsx';
import { formatDay } from './org-parts.tsx';

/** The card's whole document: no script, one stylesheet, nothing inline (the embed route's CSP allows nothing else). */
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

export function EmbedCard({
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
export function EmbedUnavailable({ title, message }: { title: string; message: string }) {
  return (
    <EmbedDocument title={`${title} · Laurel`}>
      <h1 className="embed-card__title">{title}</h1>
      <p className="embed-card__message">{message}</p>
    </EmbedDocument>
  );
}
