import { can } from '../../core/authz/permissions.ts';
import type { Role } from '../../core/authz/roles.ts';
import type { QuotaUsage } from '../../core/credentials/quota.ts';
import type { RecipientCheck } from '../../core/credentials/recipient-check.ts';
import { credentialStatus, type CredentialStatus } from '../../core/credentials/status.ts';
import type { Badge, CredentialWithBadge, Organization } from '../../core/entities.ts';
import type { EmailDelivery } from '../../core/ports/stores/outbox.ts';
import {
  Banner,
  BadgeThumb,
  Button,
  Card,
  CellPrimary,
  CheckboxField,
  ConfirmDialog,
  CsrfInput,
  DataTable,
  DialogLink,
  EmptyState,
  Field,
  Form,
  FormActions,
  LinkButton,
  Pagination,
  RequiredNote,
  SelectField,
  TextAreaField,
  Usage,
} from '../components/index.ts';
import { verifyPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { badgeImageSrc, expiryText } from './badge-pages.tsx';
import {
  CredentialStatusPill,
  DeliveryState,
  IssueSubmitButton,
  Lineage,
  RecipientCheckBanner,
  STATUS_FILTERS,
} from './credential-parts.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';

const credentialsPath = (org: Organization) => `/organizations/${org.id}/credentials`;

/* ─────────────────────────── List ─────────────────────────── */

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
}

export interface CredentialFilters {
  search: string;
  badgeId: string;
  status: CredentialStatus | '';
}

export interface CredentialsPageProps {
  page: PageContext;
  org: Organization;
  role: Role;
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
  const { page, org, role, rows, total, filters, now } = props;
  const canIssue = can(role, 'credentials.issue');
  const canRevoke = can(role, 'credentials.revoke');
  const canResend = can(role, 'credentials.resend');
  const filtered = Boolean(filters.search || filters.badgeId || filters.status);
  const first = (props.pageNumber - 1) * props.pageSize;
  const base = credentialsPath(org);

  function Actions({ row }: { row: CredentialRow }) {
    const c = row.credential;
    if (c.revokedAt) return null;
    const label = <span className="visually-hidden"> {`${c.shortId} (${c.recipientName})`}</span>;
    return (
      <div className="row-actions">
        {canResend ? (
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
            <form method="post" action={`${base}/${c.id}/resend`} className="row-actions__item">
              <CsrfInput token={page.csrfToken} />
              <Button size="sm" variant="secondary" icon="send">
                Resend email{label}
              </Button>
            </form>
          )
        ) : null}
        {canRevoke ? (
          <DialogLink href={`${base}/${c.id}/revoke`} size="sm" variant="danger-outline" icon="ban">
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
        role={role}
        section="credentials"
        title="Credentials"
        subtitle="Everything this organization has issued. Each credential links to its public verification page."
        crumbs={[{ label: 'Credentials' }]}
        actions={
          canIssue ? (
            <LinkButton href={`${base}/issue`} variant="primary" icon="send">
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
                      <LinkButton href={`${base}/issue`} variant="primary" icon="send">
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

/* ─────────────────────────── Revoke ─────────────────────────── */

export function RevokeDialog(props: {
  org: Organization;
  credential: CredentialWithBadge;
  csrfToken: string;
  mode: 'modal' | 'page';
  reason?: string | undefined;
  error?: string | undefined;
}) {
  const { org, credential: c } = props;
  return (
    <ConfirmDialog
      title={`Revoke ${c.shortId}?`}
      action={`${credentialsPath(org)}/${c.id}/revoke`}
      csrfToken={props.csrfToken}
      confirmLabel="Confirm Revoke"
      tone="danger"
      icon="ban"
      mode={props.mode}
      cancelHref={credentialsPath(org)}
    >
      <p>
        <strong>{c.badgeName}</strong>, issued to {c.recipientName} ({c.recipientEmail}) on{' '}
        {formatDay(c.issuedAt)}. Its verification page will show it as revoked. Revocation cannot be
        undone; issuing again later creates a renewal.
      </p>
      <TextAreaField
        label="Reason"
        name="reason"
        id={`revoke-reason-${c.id}`}
        required
        rows={3}
        maxLength={500}
        value={props.reason}
        error={props.error}
        hint="Stored on the credential and may be shown publicly on the verification page, e.g. “Issued in error — wrong recipient email.”"
      />
    </ConfirmDialog>
  );
}

export function RevokePage(props: {
  page: PageContext;
  org: Organization;
  credential: CredentialWithBadge;
  reason?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <AppPage
      page={props.page}
      title={`Revoke ${props.credential.shortId} · ${props.org.name}`}
      narrow
    >
      <RevokeDialog
        org={props.org}
        credential={props.credential}
        csrfToken={props.page.csrfToken}
        mode="page"
        reason={props.reason}
        error={props.error}
      />
    </AppPage>
  );
}

/* ─────────────────────────── Issue ─────────────────────────── */

export interface IssueFormState {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message?: string | undefined;
  reason?: string | undefined;
}

export interface IssuePageProps {
  page: PageContext;
  org: Organization;
  role: Role;
  /** Active badges to choose from. */
  badges: Badge[];
  hasSigningKeys: boolean;
  quota: QuotaUsage;
  form: IssueFormState;
  /** The recipient check for the values shown, when there are a badge and a valid email. */
  check?: { result: RecipientCheck; priorShortId?: string | undefined } | undefined;
  now: Date;
}

function statusWarning(org: Organization): string | undefined {
  switch (org.status) {
    case 'approved':
      return undefined;
    case 'pending_review':
      return 'Your organization is pending review. You can set everything up, but issuing opens once a platform admin approves it.';
    case 'rejected':
      return 'Your organization was not approved, so it cannot issue credentials. Update its details and resubmit it for review.';
    case 'suspended':
      return 'Your organization is suspended, so issuing is paused.';
  }
}

export function IssuePage(props: IssuePageProps) {
  const { page, org, role, badges, quota, form, check } = props;
  const base = credentialsPath(org);
  const notApproved = statusWarning(org);
  const blocked = Boolean(notApproved) || !props.hasSigningKeys;
  const quotaFull = quota.used >= quota.limit;
  const v = form.values;
  const e = form.errors;
  const checkUrl = `${base}/check`;
  const checkAttrs = (include: string, trigger: string) =>
    blocked
      ? undefined
      : {
          'hx-get': checkUrl,
          'hx-trigger': trigger,
          'hx-include': include,
          'hx-target': '#recipient-check',
          'hx-swap': 'innerHTML',
          'hx-sync': 'closest form:replace',
        };
  const red = check?.result.state === 'active_non_expiring';
  const selected = badges.find((b) => b.id === v.badgeId);
  return (
    <AppPage page={page} title={`Issue credential · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        role={role}
        section="credentials"
        title="Issue credential"
        subtitle="Award a badge to one recipient. They get an email with a View & Verify link."
        crumbs={[{ label: 'Credentials', href: base }, { label: 'Issue credential' }]}
      />
      <div className="stack">
        {notApproved ? (
          <Banner
            kind="warning"
            title="Your organization cannot issue credentials yet"
            actions={
              <a href={`/organizations/${org.id}`} className="banner__link">
                Go to the organization page
              </a>
            }
          >
            {notApproved}
          </Banner>
        ) : null}
        {!props.hasSigningKeys ? (
          <Banner
            kind="warning"
            title="Generate signing keys before issuing credentials"
            actions={
              <a href={`/organizations/${org.id}#signing-keys`} className="banner__link">
                {can(role, 'signing_keys.generate') ? 'Generate signing keys' : 'See Signing keys'}
              </a>
            }
          >
            Every credential is signed with the organization’s key.{' '}
            {can(role, 'signing_keys.generate')
              ? 'Generate it once on the organization page.'
              : 'An owner generates it once on the organization page.'}
          </Banner>
        ) : null}
        {quotaFull ? (
          <Banner
            kind="warning"
            title="Monthly quota used up"
            actions={
              <a href={`/organizations/${org.id}#billing`} className="banner__link">
                See plan and billing
              </a>
            }
          >
            All {quota.limit.toLocaleString('en-US')} unique recipients of this month are used.
            Issuing to someone new is refused until {formatDay(quota.resetsAt)}; re-issuing to this
            month’s recipients still works.
          </Banner>
        ) : null}
        <FormError message={form.message} />

        <div className="columns">
          <Card title="Recipient and badge" level={2}>
            {badges.length === 0 ? (
              <EmptyState
                level={3}
                icon="award"
                title="No active badges to issue"
                actions={
                  can(role, 'badges.create') ? (
                    <LinkButton
                      href={`/organizations/${org.id}/badges/new`}
                      variant="primary"
                      icon="plus"
                    >
                      New badge
                    </LinkButton>
                  ) : undefined
                }
              >
                Credentials are issued from a badge template. Create one first.
              </EmptyState>
            ) : (
              <Form
                action={`${base}/issue`}
                csrfToken={page.csrfToken}
                noValidate
                label="Issue credential"
              >
                <RequiredNote />
                <SelectField
                  label="Badge"
                  name="badgeId"
                  options={badges.map((b) => ({ value: b.id, label: b.name }))}
                  value={v.badgeId}
                  placeholder="Choose a badge…"
                  required
                  error={e.badgeId}
                  attrs={checkAttrs('#f-recipientEmail', 'change')}
                />
                {selected ? (
                  <div className="selected-badge">
                    <BadgeThumb src={badgeImageSrc(selected)} size="sm" />
                    <span className="text-secondary text-sm">
                      {expiryText(selected.expiresInDays)}
                    </span>
                  </div>
                ) : null}
                <div className="form-row">
                  <Field
                    label="Recipient name"
                    name="recipientName"
                    value={v.recipientName}
                    error={e.recipientName}
                    required
                    autoComplete="off"
                    maxLength={200}
                  />
                  <Field
                    label="Recipient email"
                    name="recipientEmail"
                    type="email"
                    value={v.recipientEmail}
                    error={e.recipientEmail}
                    required
                    autoComplete="off"
                    spellCheck={false}
                    attrs={checkAttrs('#f-badgeId', 'input changed delay:400ms, change')}
                  />
                </div>
                <div id="recipient-check" className="recipient-check-slot" aria-live="polite">
                  {check ? (
                    <RecipientCheckBanner check={check.result} priorShortId={check.priorShortId} />
                  ) : null}
                </div>
                <Field
                  label="Evidence URL"
                  name="evidenceUrl"
                  type="url"
                  value={v.evidenceUrl}
                  error={e.evidenceUrl}
                  optional
                  placeholder="https://"
                  hint="A link to proof of the achievement: a project, a transcript, a test result (http or https)."
                />
                <CheckboxField
                  label="Make this credential publicly verifiable"
                  name="isPublic"
                  checked={v.isPublic === undefined ? true : v.isPublic === 'on'}
                  hint="Anyone with the verification link can view it (recommended). Unchecked, only the recipient sees the details when signed in. This is fixed at issue time."
                />
                <FormActions>
                  <IssueSubmitButton disabled={blocked || red} />
                  <LinkButton href={base} variant="ghost">
                    Cancel
                  </LinkButton>
                </FormActions>
              </Form>
            )}
          </Card>
          <div className="stack">
            <Card title="This month" level={2}>
              <Usage
                label="Unique recipients"
                used={quota.used}
                limit={quota.limit}
                hint={`Resets on ${formatDay(quota.resetsAt)}. Re-issuing to the same email in the same month does not count again.`}
              />
            </Card>
            <Card title="Before you issue" level={2}>
              <ul className="check-list">
                <li>
                  The recipient check tells you whether this is a first credential, a renewal, or a
                  duplicate.
                </li>
                <li>
                  A renewal supersedes the recipient’s earlier credential of the badge, and links
                  the two.
                </li>
                <li>The recipient gets an email with a View &amp; Verify link.</li>
              </ul>
            </Card>
          </div>
        </div>
      </div>
    </AppPage>
  );
}
