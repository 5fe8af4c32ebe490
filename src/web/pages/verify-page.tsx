import { maskEmail } from '../../core/credentials/mask-email.ts';
import type { LinkedCredential, VerifiedCredential } from '../../core/credentials/verify.ts';
import type { Organization } from '../../core/entities.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { badgeImageUrl } from '../../core/public-urls.ts';
import type { Failure } from '../../core/result.ts';
import {
  ASSET_BASE,
  BadgeThumb,
  Banner,
  Card,
  DescriptionList,
  Layout,
  LinkButton,
  MetaItem,
  PageHeader,
} from '../components/index.ts';
import { organizationPublicPath, verifyPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { badgeImageSrc } from './badge-parts.tsx';
import { CredentialStatusPill } from './credential-parts.tsx';
import { OpenGraphTags, type OpenGraph } from './open-graph.tsx';
import { ExternalLink, formatDay } from './org-parts.tsx';
import { appNav } from './shell.tsx';
import { SkillList } from './skill-list.tsx';
import {
  ClaimCard,
  ClaimRefusal,
  DownloadsCard,
  PrivateSharingCard,
  ShareCard,
  VerificationChecks,
  type RecipientShareLinks,
} from './verify-parts.tsx';

const COPY_SCRIPT = `${ASSET_BASE}/copy-link.js`;

export interface VerifyPageProps {
  page: PageContext;
  verified: VerifiedCredential;
  now: Date;
  /** Absolute base for Open Graph URLs. */
  publicUrl: string;
  verificationUrl: string;
  supersedes: LinkedCredential | undefined;
  supersededBy: LinkedCredential | undefined;
  /** The signed-in viewer is the account that claimed it. */
  isClaimer: boolean;
  /** LinkedIn, X and embed links: for the recipient of a public credential only, else null. */
  recipientShare: RecipientShareLinks | null;
  /** The issuer's plan includes QR codes. */
  qrCodes: boolean;
  claimFailure?: Failure<ErrorCode> | undefined;
}

/** The issuer's public page: only an approved organization has one (the others answer 404). */
function issuerPagePath(org: Organization): string | null {
  return org.status === 'approved' ? organizationPublicPath(org.slug) : null;
}

function IssuerName({ organization: org }: { organization: Organization }) {
  const href = issuerPagePath(org);
  return href ? <a href={href}>{org.name}</a> : <>{org.name}</>;
}

/** Link previews for a public credential: what a post on LinkedIn, X or Slack shows. */
function credentialOpenGraph(v: VerifiedCredential, publicUrl: string, url: string): OpenGraph {
  const { badge, organization: org } = v;
  return {
    title: `${badge.name} — ${org.name}`,
    description: `${v.credential.recipientName} earned ${badge.name} from ${org.name}. Verify this Open Badges credential on Laurel.`,
    url,
    image: badge.imagePath ? badgeImageUrl(publicUrl, badge.id) : null,
    imageAlt: badge.name,
  };
}

function LinkedId({ linked }: { linked: LinkedCredential }) {
  return linked.shortId ? (
    <a href={verifyPath(linked.shortId)}>{linked.shortId}</a>
  ) : (
    <>a credential that is private</>
  );
}

/** Revocation, expiry, renewal links and the recipient's own note, above the details. */
function Callouts(props: VerifyPageProps) {
  const { credential: c, status } = props.verified;
  return (
    <>
      {c.revokedAt ? (
        <Banner kind="danger" title={`Revoked on ${formatDay(c.revokedAt)}`}>
          <p>
            {c.revocationReason ? `Reason: ${c.revocationReason}` : 'The issuer gave no reason.'}
          </p>
        </Banner>
      ) : null}
      {status === 'expired' && c.expiresAt ? (
        <Banner kind="warning" title={`Expired on ${formatDay(c.expiresAt)}`}>
          <p>
            It was valid until then. The issuer can renew it with a credential that supersedes this
            one.
          </p>
        </Banner>
      ) : null}
      {props.supersededBy ? (
        <Banner
          kind="info"
          title={
            <>
              Superseded by <LinkedId linked={props.supersededBy} />
            </>
          }
        >
          <p>A renewal replaces this credential.</p>
        </Banner>
      ) : null}
      {props.supersedes ? (
        <Banner
          kind="info"
          title={
            <>
              Supersedes <LinkedId linked={props.supersedes} />
            </>
          }
        >
          <p>This credential renews an earlier one.</p>
        </Banner>
      ) : null}
      {props.isClaimer && c.claimedAt ? (
        <Banner
          kind="success"
          title="This credential is yours"
          actions={<a href="/dashboard">Go to your dashboard</a>}
        >
          <p>You claimed it on {formatDay(c.claimedAt)}.</p>
        </Banner>
      ) : null}
      {!c.isPublic ? (
        <Banner kind="neutral" title="Private credential">
          <p>Only its recipient and the issuing organization can see this page, when signed in.</p>
        </Banner>
      ) : null}
      {props.claimFailure ? (
        <ClaimRefusal
          failure={props.claimFailure}
          issuerHref={issuerPagePath(props.verified.organization)}
        />
      ) : null}
    </>
  );
}

function Details({ verified: v, now }: Pick<VerifyPageProps, 'verified' | 'now'>) {
  const { credential: c, badge, organization: org } = v;
  const expired = c.expiresAt !== null && c.expiresAt.getTime() <= now.getTime();
  return (
    <Card title="Credential details">
      <p className="prose pre-line">{badge.description}</p>
      <DescriptionList
        items={[
          {
            term: 'Recipient',
            details: (
              <>
                {c.recipientName}{' '}
                <span className="text-secondary">({maskEmail(c.recipientEmail)})</span>
              </>
            ),
          },
          { term: 'Issuer', details: <IssuerName organization={org} /> },
          { term: 'Issued', details: formatDay(c.issuedAt) },
          {
            term: 'Expires',
            details: c.expiresAt
              ? `${formatDay(c.expiresAt)}${expired ? ' (expired)' : ''}`
              : 'Never expires',
          },
          {
            term: 'Claimed',
            details: c.claimedAt ? `Claimed on ${formatDay(c.claimedAt)}` : 'Not claimed yet',
          },
          { term: 'Credential ID', details: <span className="mono">{c.shortId}</span> },
          ...(c.evidenceUrl
            ? [{ term: 'Evidence', details: <ExternalLink href={c.evidenceUrl} /> }]
            : []),
        ]}
      />
      <section aria-labelledby="verify-skills" className="stack-sm">
        <h3 id="verify-skills" className="subheading">
          Skills
        </h3>
        {badge.tags.length > 0 ? (
          <SkillList tags={badge.tags} />
        ) : (
          <p className="text-muted">No skills listed.</p>
        )}
      </section>
    </Card>
  );
}

/** The public verification page of one credential (verifying-a-credential.md, claiming-a-credential.md). */
export function VerifyPage(props: VerifyPageProps) {
  const { page, verified: v, now } = props;
  const { credential: c, badge, organization: org } = v;
  return (
    <Layout
      title={`${badge.name} · ${org.name}`}
      description={c.isPublic ? `A verifiable credential issued by ${org.name}.` : undefined}
      user={page.user}
      csrfToken={page.csrfToken}
      flash={page.flash}
      nav={appNav(page)}
      head={
        <>
          <script src={COPY_SCRIPT} defer></script>
          {c.isPublic ? (
            <OpenGraphTags og={credentialOpenGraph(v, props.publicUrl, props.verificationUrl)} />
          ) : null}
        </>
      }
    >
      <PageHeader
        title={
          <span className="badge-title">
            <BadgeThumb src={badgeImageSrc(badge)} alt="" size="lg" />
            {badge.name}
          </span>
        }
        badges={<CredentialStatusPill credential={c} now={now} />}
        meta={
          <MetaItem icon="building">
            Issued by <IssuerName organization={org} />
          </MetaItem>
        }
      />
      <div className="stack">
        <Callouts {...props} />
        <div className="columns">
          <div className="stack">
            <Details verified={v} now={now} />
            <VerificationChecks report={v.report} />
          </div>
          <div className="stack">
            {v.status === 'pending' ? (
              <ClaimCard
                signedInEmail={page.user?.email ?? null}
                shortId={c.shortId}
                csrfToken={page.csrfToken}
              />
            ) : null}
            {c.isPublic ? (
              <ShareCard verificationUrl={props.verificationUrl} recipient={props.recipientShare} />
            ) : (
              <PrivateSharingCard verificationUrl={props.verificationUrl} />
            )}
            <DownloadsCard
              shortId={c.shortId}
              hasImage={badge.imagePath !== null}
              qrCodes={props.qrCodes}
            />
          </div>
        </div>
      </div>
    </Layout>
  );
}

/**
 * A private credential to a viewer who may not see it: a notice and nothing about the
 * credential, not even its id (the visitor may have typed its UUID). "Sign in" comes back
 * here through `?sign-in`, so the page need not name the id in a redirect parameter.
 */
export function PrivateCredentialPage({ page }: { page: PageContext }) {
  return (
    <Layout
      title="Private credential"
      user={page.user}
      csrfToken={page.csrfToken}
      flash={page.flash}
      nav={appNav(page)}
      narrow
    >
      <h1 className="page-title">Private credential</h1>
      <Banner
        kind="info"
        title="The issuer made this credential private"
        actions={
          page.user ? undefined : (
            <LinkButton href="?sign-in" variant="primary" icon="log-in">
              Sign in
            </LinkButton>
          )
        }
      >
        {page.user ? (
          <p>
            Only its recipient and the issuing organization can see it, and the account you are
            signed in with is neither. If it was issued to you, sign out and sign in with the email
            address it was sent to.
          </p>
        ) : (
          <p>
            Only its recipient can see it. If it was issued to you, sign in with the email address
            it was sent to.
          </p>
        )}
      </Banner>
    </Layout>
  );
}
