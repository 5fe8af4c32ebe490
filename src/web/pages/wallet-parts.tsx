import type { ReactNode } from 'react';
import type { ImportedCredential, WalletCredential } from '../../core/entities.ts';
import { importedImagePath } from '../../core/wallet/images.ts';
import { BadgeThumb, Icon } from '../components/index.ts';
import { badgeImagePath, verifyPath } from '../public-paths.ts';
import { CredentialStatusPill } from './credential-parts.tsx';
import { formatDay } from './org-parts.tsx';

/** A grid of credential cards, labelled for the section it sits in. */
export function WalletGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="badge-grid wallet-grid" aria-label={label}>
      {children}
    </ul>
  );
}

/** When it expired and when it was revoked, in words beside the status pill. */
function Taglines({ credential: c, now }: { credential: WalletCredential; now: Date }) {
  const expired = c.expiresAt && c.expiresAt.getTime() <= now.getTime() ? c.expiresAt : null;
  if (!expired && !c.revokedAt) return null;
  return (
    <p className="wallet-card__taglines">
      {c.revokedAt ? <span className="text-danger">Revoked {formatDay(c.revokedAt)}</span> : null}
      {expired ? <span>Expired {formatDay(expired)}</span> : null}
    </p>
  );
}

/**
 * One of Laurel's credentials in a wallet or on a profile: badge image, name (linking to its
 * verification page, where a pending one is claimed), issuer, issue date and status.
 * `children` are the card's own actions (they sit above the card-wide link).
 */
export function WalletCredentialCard({
  credential: c,
  now,
  children,
}: {
  credential: WalletCredential;
  now: Date;
  children?: ReactNode;
}) {
  return (
    <li className="badge-card wallet-card">
      <BadgeThumb src={c.badgeHasImage ? badgeImagePath(c.badgeId) : null} size="lg" />
      <h3 className="badge-card__title">
        <a href={verifyPath(c.shortId)}>{c.badgeName}</a>
      </h3>
      <p className="wallet-card__issuer">{c.organizationName}</p>
      <p className="badge-card__meta">
        <Icon name="calendar" size="sm" />
        Issued {formatDay(c.issuedAt)}
      </p>
      <CredentialStatusPill credential={c} now={now} />
      <Taglines credential={c} now={now} />
      {children ? <div className="badge-card__actions">{children}</div> : null}
    </li>
  );
}

/** A credential from another issuer the owner imported: it has no verification page here. */
export function ImportedCredentialCard({ credential: c }: { credential: ImportedCredential }) {
  return (
    <li className="badge-card wallet-card">
      <BadgeThumb src={importedImagePath(c)} size="lg" />
      <h3 className="badge-card__title">{c.achievementName}</h3>
      <p className="wallet-card__issuer">{c.issuerName}</p>
      <p className="badge-card__meta">
        <Icon name="calendar" size="sm" />
        {c.validFrom ? `Issued ${formatDay(c.validFrom)}` : `Imported ${formatDay(c.importedAt)}`}
      </p>
    </li>
  );
}
