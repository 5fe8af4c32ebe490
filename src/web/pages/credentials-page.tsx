import type { Permissions } from '../../core/authz/permissions.ts';
import { credentialStatus, type CredentialStatus } from '../../core/credentials/status.ts';
import type { Badge, CredentialWithBadge, Organization } from '../../core/entities.ts';
import type { EmailDelivery } from '../../core/ports/stores/outbox.ts';
import {
  Button,
  Card,
  CellPrimary,
  CsrfInput,
  DataTable,
  DialogLink,
  EmptyState,
  Field,
  LinkButton,
  Pagination,
  SelectField,
} from '../components/index.ts';
import { verifyPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import {
  CredentialStatusPill,
  DeliveryState,
  Lineage,
  STATUS_FILTERS,
} from './credential-parts.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { credentialActionPath, credentialsPath, issueCredentialPath } from '../app-paths.ts';

export interface CredentialRow {
  credential: CredentialWithBadge;
  delivery: EmailDelivery | undefined;
  /** CRD- ids of the credentials this one renewed and that renewed it. */
  supersedes?: string | undefined;
  supersededBy?: string | undefined;
  /** When its email may be resent; null when it may be now. */
  resendAvailableAt: Date | null;
  /** How often its verification page and API were used (verification events). */
  verifications: number;
  /** What the viewer may do with it (nothing, once it is revoked). */
  may: { resend: boolean; revoke: boolean };
}

export interface CredentialFilters {
  search: string;
  badgeId: string;
  status: CredentialStatus | '';
}

export interface CredentialsPageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
  rows: CredentialRow[];
  total: number;
  filters: CredentialFilters;
  /** Every badge of the organization, for the filter. */
  badges: Badge[];
  pageNumber: number;
  pageSize: number;
  now: Date;
  /** A refused action (resend in the cooldown, …). */
  failure?: string | undefined;
}

function listQuery(filters: CredentialFilters, pageNumber: number): string {
  const q = new URLSearchParams();
  if (filters.search) q.set('q', filters.search);
  if (filters.badgeId) q.set('badgeId', filters.badgeId);
  if (filters.status) q.set('status', filters.status);
  if (pageNumber > 1) q.set('page', String(pageNumber));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function CredentialsPage(props: CredentialsPageProps) {
  const { page, org, may, rows, total, filters, now } = props;
  const canIssue = may['credentials.issue'];
  const canRevoke = may['credentials.revoke'];
  const canResend = may['credentials.resend'];
  const filtered = Boolean(filters.search || filters.badgeId || filters.status);
  const first = (props.pageNumber - 1) * props.pageSize;
  const base = credentialsPath(org.id);

  function Actions({ row }: { row: CredentialRow }) {
    const c = row.credential;
    if (!row.may.resend && !row.may.revoke) return null;
    const label = <span className="visually-hidden"> {`${c.shortId} (${c.recipientName})`}</span>;
    return (
      <div className="row-actions">
        {row.may.resend ? (
          !org.emailsEnabled ? (
            <span className="row-actions__item">
              <Button size="sm" variant="secondary" icon="send" disabled>
                Resend email{label}
              </Button>
              <span className="row-actions__note">Emails are off</span>
            </span>
          ) : row.resendAvailableAt ? (
            <span className="row-actions__item">
              <Button size="sm" variant="secondary" icon="send" disabled>
                Resend email{label}
              </Button>
              <span className="row-actions__note">
                Available {formatDay(row.resendAvailableAt)}
              </span>
            </span>
          ) : (
            <form
              method="post"
              action={credentialActionPath(org.id, c.id, 'resend')}
              className="row-actions__item"
            >
              <CsrfInput token={page.csrfToken} />
              <Button size="sm" variant="secondary" icon="send">
                Resend email{label}
              </Button>
            </form>
          )
        ) : null}
        {row.may.revoke ? (
          <DialogLink
            href={credentialActionPath(org.id, c.id, 'revoke')}
            size="sm"
            variant="danger-outline"
            icon="ban"
          >
            Revoke{label}
          </DialogLink>
        ) : null}
      </div>
    );
  }

  const badgeOptions = props.badges.map((b) => ({
    value: b.id,
    label: b.isActive ? b.name : `${b.name} (deactivated)`,
  }));
  return (
    <AppPage page={page} title={`Credentials · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={may}
        section="credentials"
        title="Credentials"
        subtitle="Everything this organization has issued. Each credential links to its public verification page."
        crumbs={[{ label: 'Credentials' }]}
        actions={
          canIssue ? (
            <LinkButton href={issueCredentialPath(org.id)} variant="primary" icon="send">
              Issue credential
            </LinkButton>
          ) : undefined
        }
      />
      <div className="stack">
        <FormError message={props.failure} />
        <form
          method="get"
          action={base}
          className="filter-bar"
          role="search"
          aria-label="Filter credentials"
        >
          <Field
            label="Search"
            name="q"
            type="search"
            icon="search"
            value={filters.search}
            placeholder="Name, email or CRD- ID"
          />
          <SelectField
            label="Badge"
            name="badgeId"
            id="filter-badge"
            options={badgeOptions}
            value={filters.badgeId}
            placeholder="All badges"
          />
          <SelectField
            label="Status"
            name="status"
            id="filter-status"
            options={STATUS_FILTERS}
            value={filters.status}
            placeholder="All statuses"
          />
          <div className="filter-bar__actions">
            <Button variant="secondary" icon="filter">
              Apply filters
            </Button>
            {filtered ? (
              <LinkButton href={base} variant="ghost">
                Clear
              </LinkButton>
            ) : null}
          </div>
        </form>
        <Card flush className="credentials-table">
          <DataTable
            caption="Credentials"
            rows={rows}
            rowKey={(r) => r.credential.id}
            empty={
              filtered ? (
                <EmptyState
                  level={2}
                  icon="search"
                  title="No credentials match"
                  actions={<LinkButton href={base}>Clear filters</LinkButton>}
                >
                  Try another name, email or credential ID, or a different badge or status.
                </EmptyState>
              ) : (
                <EmptyState
                  level={2}
                  icon="shield-check"
                  title="No credentials yet"
                  actions={
                    canIssue ? (
                      <LinkButton href={issueCredentialPath(org.id)} variant="primary" icon="send">
                        Issue credential
                      </LinkButton>
                    ) : undefined
                  }
                >
                  Credentials you issue appear here, with their status and email delivery.
                </EmptyState>
              )
            }
            columns={[
              {
                key: 'recipient',
                header: 'Recipient',
                nowrap: true,
                cell: (r) => (
                  <CellPrimary
                    title={r.credential.recipientName}
                    sub={r.credential.recipientEmail}
                  />
                ),
              },
              {
                key: 'credential',
                header: 'Credential',
                cell: (r) => (
                  <span className="credential-cell">
                    <a className="mono" href={verifyPath(r.credential.shortId)}>
                      {r.credential.shortId}
                    </a>
                    <span className="cell-primary__sub">{r.credential.badgeName}</span>
                    <span className="cell-primary__sub">
                      Verified {r.verifications.toLocaleString('en-US')}{' '}
                      {r.verifications === 1 ? 'time' : 'times'}
                    </span>
                    <Lineage supersedes={r.supersedes} supersededBy={r.supersededBy} />
                  </span>
                ),
              },
              {
                key: 'status',
                header: 'Status',
                cell: (r) => (
                  <span className="status-cell">
                    <CredentialStatusPill credential={r.credential} now={now} />
                    {!r.credential.isPublic ? (
                      <span className="cell-primary__sub">Private</span>
                    ) : null}
                    {r.credential.revocationReason ? (
                      <span className="status-reason">{r.credential.revocationReason}</span>
                    ) : null}
                  </span>
                ),
              },
              {
                key: 'dates',
                header: 'Issued',
                nowrap: true,
                cell: (r) => (
                  <span className="cell-primary__text">
                    <span>{formatDay(r.credential.issuedAt)}</span>
                    <span className="cell-primary__sub">
                      {r.credential.revokedAt
                        ? `Revoked ${formatDay(r.credential.revokedAt)}`
                        : r.credential.expiresAt
                          ? `${credentialStatus(r.credential, now) === 'expired' ? 'Expired' : 'Expires'} ${formatDay(r.credential.expiresAt)}`
                          : 'No expiry'}
                    </span>
                  </span>
                ),
              },
              {
                key: 'email',
                header: 'Email',
                cell: (r) => <DeliveryState delivery={r.delivery} />,
              },
              ...(canRevoke || canResend
                ? [
                    {
                      key: 'actions',
                      header: 'Actions',
                      headerHidden: true,
                      align: 'end' as const,
                      nowrap: true,
                      cell: (r: CredentialRow) => <Actions row={r} />,
                    },
                  ]
                : []),
            ]}
          />
          {total > 0 ? (
            <Pagination
              summary={`Showing ${(first + 1).toLocaleString('en-US')}–${(first + rows.length).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`}
              prevHref={
                props.pageNumber > 1 ? `${base}${listQuery(filters, props.pageNumber - 1)}` : null
              }
              nextHref={
                first + rows.length < total
                  ? `${base}${listQuery(filters, props.pageNumber + 1)}`
                  : null
              }
            />
          ) : null}
        </Card>
      </div>
    </AppPage>
  );
}
