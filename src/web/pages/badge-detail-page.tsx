import type { Permissions } from '../../core/authz/permissions.ts';
import type { BadgeView } from '../../core/badges/queries.ts';
import type { Badge, CredentialWithBadge, Organization } from '../../core/entities.ts';
import {
  Banner,
  BadgeThumb,
  Card,
  CellPrimary,
  DataTable,
  DescriptionList,
  DialogLink,
  EmptyState,
  LinkButton,
} from '../components/index.ts';
import { achievementPath, badgePagePath, verifyPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { CredentialStatusPill } from './credential-parts.tsx';
import { ExternalLink, OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { BadgeAboutCard } from './badge-about.tsx';
import { BadgeStatePill, badgeImageSrc, expiryText } from './badge-parts.tsx';
import { badgePath, badgesPath, credentialsPath, issueCredentialPath } from '../app-paths.ts';

export interface BadgeDetailPageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
  badge: Badge;
  /** What the viewer may do with this badge. */
  badgeMay: BadgeView['may'];
  /** The most recent credentials issued from it, and how many there are in all. */
  credentials: { items: CredentialWithBadge[]; total: number };
  now: Date;
}

export function BadgeDetailPage({
  page,
  org,
  may,
  badge,
  badgeMay,
  credentials,
  now,
}: BadgeDetailPageProps) {
  const { issue: canIssue, edit: canEdit, delete: canDelete } = badgeMay;
  const issueHref = issueCredentialPath(org.id, badge.id);
  return (
    <AppPage page={page} title={`${badge.name} · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={may}
        section="badges"
        title={
          <span className="badge-title">
            <BadgeThumb src={badgeImageSrc(badge)} size="lg" />
            {badge.name}
          </span>
        }
        crumbs={[{ label: 'Badge templates', href: badgesPath(org.id) }, { label: badge.name }]}
        badges={<BadgeStatePill badge={badge} />}
        actions={
          canIssue || canEdit || canDelete ? (
            <>
              {canIssue ? (
                <LinkButton href={issueHref} variant="primary" icon="send">
                  Issue this credential
                </LinkButton>
              ) : null}
              {canEdit ? (
                <LinkButton href={badgePath(org.id, badge.id, 'edit')} icon="edit">
                  Edit
                </LinkButton>
              ) : null}
              {canDelete ? (
                <DialogLink
                  href={badgePath(org.id, badge.id, 'delete')}
                  variant="danger-outline"
                  icon="trash"
                >
                  {credentials.total > 0 ? 'Deactivate' : 'Delete'}
                </DialogLink>
              ) : null}
            </>
          ) : undefined
        }
      />
      {!badge.isActive ? (
        <Banner kind="info" title="This badge is deactivated">
          No new credentials can be issued from it. The {credentials.total.toLocaleString('en-US')}{' '}
          issued from it stay valid and verifiable.
        </Banner>
      ) : null}
      <div className="columns mt-6">
        <div className="stack">
          <BadgeAboutCard badge={badge} />
          <Card
            title="Recent credentials"
            level={2}
            subtitle={`${credentials.total.toLocaleString('en-US')} issued from this badge.`}
            actions={
              credentials.total > 0 ? (
                <LinkButton
                  href={credentialsPath(org.id, { badgeId: badge.id })}
                  size="sm"
                  variant="ghost"
                  iconEnd="arrow-right"
                >
                  View all
                </LinkButton>
              ) : undefined
            }
            flush
          >
            <DataTable
              caption="Recent credentials from this badge"
              rows={credentials.items}
              rowKey={(c) => c.id}
              empty={
                <EmptyState level={3} icon="send" title="Nothing issued yet">
                  Credentials issued from this badge will be listed here.
                </EmptyState>
              }
              columns={[
                {
                  key: 'recipient',
                  header: 'Recipient',
                  cell: (c) => <CellPrimary title={c.recipientName} sub={c.recipientEmail} />,
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (c) => <CredentialStatusPill credential={c} now={now} />,
                },
                {
                  key: 'issued',
                  header: 'Issued',
                  nowrap: true,
                  cell: (c) => formatDay(c.issuedAt),
                },
                {
                  key: 'id',
                  header: 'Credential ID',
                  nowrap: true,
                  cell: (c) => (
                    <a className="mono" href={verifyPath(c.shortId)}>
                      {c.shortId}
                    </a>
                  ),
                },
              ]}
            />
          </Card>
        </div>
        <div className="stack">
          <Card title="Details" level={2}>
            <DescriptionList
              compact
              items={[
                { term: 'Expiry', details: expiryText(badge.expiresInDays) },
                { term: 'Slug', details: <span className="mono">{badge.slug}</span> },
                {
                  term: 'External URL',
                  details: badge.externalUrl ? <ExternalLink href={badge.externalUrl} /> : '—',
                },
                {
                  term: 'Public page',
                  details: (
                    <span className="mono break-all">{badgePagePath(org.slug, badge.slug)}</span>
                  ),
                },
                {
                  term: 'Open Badges JSON',
                  details: (
                    <a className="mono break-all" href={achievementPath(org.slug, badge.slug)}>
                      {achievementPath(org.slug, badge.slug)}
                    </a>
                  ),
                },
                { term: 'Created', details: formatDay(badge.createdAt) },
                { term: 'Last changed', details: formatDay(badge.updatedAt) },
              ]}
            />
          </Card>
          {canEdit ? (
            <Card title="Editing" level={2}>
              <p className="text-secondary">
                {credentials.total > 0
                  ? 'Credentials have been issued from this badge, so only its external URL can change. Existing credentials are never re-signed.'
                  : 'Until a credential is issued from it, everything but the name and slug can change.'}
              </p>
            </Card>
          ) : null}
        </div>
      </div>
    </AppPage>
  );
}
