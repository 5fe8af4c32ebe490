import { allowedReviewActions } from '../../core/organizations/review.ts';
import {
  ORGANIZATION_STATUSES,
  type Organization,
  type OrganizationStatus,
} from '../../core/entities.ts';
import { PLAN_IDS, PLANS, effectivePlan } from '../../core/plans/plans.ts';
import {
  Button,
  Card,
  CellPrimary,
  CsrfInput,
  DataTable,
  EmptyState,
  PageHeader,
  PlanBadge,
  StatusPill,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';
import { adminOrganizationActionPath } from '../app-paths.ts';

const STATUS_LABELS: Record<OrganizationStatus, string> = {
  pending_review: 'Pending review',
  approved: 'Approved',
  rejected: 'Rejected',
  suspended: 'Suspended',
};

function ReviewActions({ org, csrfToken }: { org: Organization; csrfToken: string }) {
  const action = (
    name: string,
    label: string,
    variant: 'primary' | 'secondary' | 'danger-outline',
  ) => (
    <form
      method="post"
      action={adminOrganizationActionPath(org.id, 'review')}
      className="inline-form"
    >
      <CsrfInput token={csrfToken} />
      <input type="hidden" name="action" value={name} />
      <Button size="sm" variant={variant}>
        {label}
        <span className="visually-hidden"> {org.name}</span>
      </Button>
    </form>
  );
  const withReason = (name: 'reject' | 'suspend', label: string) => (
    <details className="disclosure">
      <summary className="btn btn--sm btn--danger-outline">
        {label}…<span className="visually-hidden"> {org.name}</span>
      </summary>
      <form
        method="post"
        action={adminOrganizationActionPath(org.id, 'review')}
        className="form disclosure__panel"
      >
        <CsrfInput token={csrfToken} />
        <input type="hidden" name="action" value={name} />
        <label className="label" htmlFor={`${name}-${org.id}`}>
          Reason{name === 'reject' ? ' (sent to the owners)' : ''}
        </label>
        <textarea
          id={`${name}-${org.id}`}
          name="reason"
          className="textarea"
          rows={3}
          required={name === 'reject'}
          maxLength={1000}
        />
        <Button size="sm" variant="danger">
          Confirm {label.toLowerCase()}
        </Button>
      </form>
    </details>
  );
  const allowed = allowedReviewActions(org.status);
  return (
    <div className="button-row button-row--end">
      {allowed.includes('approve') ? action('approve', 'Approve', 'primary') : null}
      {allowed.includes('reject') ? withReason('reject', 'Reject') : null}
      {allowed.includes('suspend') ? withReason('suspend', 'Suspend') : null}
      {allowed.includes('reinstate') ? action('reinstate', 'Reinstate', 'primary') : null}
    </div>
  );
}

function PlanForm({ org, csrfToken, now }: { org: Organization; csrfToken: string; now: Date }) {
  const current = effectivePlan(org.subscription, now).id;
  return (
    <form
      method="post"
      action={adminOrganizationActionPath(org.id, 'plan')}
      className="inline-form"
    >
      <CsrfInput token={csrfToken} />
      <label className="visually-hidden" htmlFor={`plan-${org.id}`}>
        Plan for {org.name}
      </label>
      <select
        id={`plan-${org.id}`}
        name="plan"
        defaultValue={current}
        className="select select--sm"
      >
        {PLAN_IDS.map((p) => (
          <option key={p} value={p}>
            {PLANS[p].name}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`until-${org.id}`}>
        Plan end date for {org.name} (optional)
      </label>
      <input id={`until-${org.id}`} type="date" name="grantExpiresAt" className="input input--sm" />
      <Button size="sm" variant="secondary">
        Set plan
      </Button>
    </form>
  );
}

export function AdminOrganizationsPage(props: {
  page: PageContext;
  organizations: Organization[];
  status: OrganizationStatus | undefined;
  now: Date;
}) {
  const { page, organizations, status, now } = props;
  return (
    <AppPage page={page} title="Organizations review">
      <PageHeader
        title="Organizations"
        subtitle="Review new organizations, and suspend, reinstate or grant plans."
      />
      <nav className="tabs" aria-label="Filter by status">
        <ul className="tabs__list">
          <li>
            <a
              className="tabs__link"
              href="/admin"
              aria-current={status === undefined ? 'page' : undefined}
            >
              All
            </a>
          </li>
          {ORGANIZATION_STATUSES.map((s) => (
            <li key={s}>
              <a
                className="tabs__link"
                href={`/admin?status=${s}`}
                aria-current={status === s ? 'page' : undefined}
              >
                {STATUS_LABELS[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {organizations.length === 0 ? (
        <EmptyState icon="building" title="Nothing here" bordered>
          No organization has this status.
        </EmptyState>
      ) : (
        <Card flush>
          <DataTable
            caption="Organizations"
            rows={organizations}
            rowKey={(o) => o.id}
            columns={[
              {
                key: 'org',
                header: 'Organization',
                cell: (o) => (
                  <CellPrimary
                    title={o.name}
                    sub={
                      <>
                        <span className="mono">{o.slug}</span>
                        {o.website ? (
                          <>
                            {' · '}
                            <a href={o.website} rel="noopener noreferrer nofollow">
                              {o.website}
                            </a>
                          </>
                        ) : null}
                      </>
                    }
                  />
                ),
              },
              {
                key: 'status',
                header: 'Status',
                cell: (o) => (
                  <>
                    <StatusPill status={o.status} size="sm" />
                    {o.statusReason ? <div className="muted small">{o.statusReason}</div> : null}
                  </>
                ),
              },
              {
                key: 'plan',
                header: 'Plan',
                cell: (o) => <PlanBadge plan={effectivePlan(o.subscription, now).id} size="sm" />,
              },
              {
                key: 'created',
                header: 'Created',
                nowrap: true,
                cell: (o) => o.createdAt.toISOString().slice(0, 10),
              },
              {
                key: 'review',
                header: 'Review',
                cell: (o) => <ReviewActions org={o} csrfToken={page.csrfToken} />,
              },
              {
                key: 'setplan',
                header: 'Grant plan',
                cell: (o) => <PlanForm org={o} csrfToken={page.csrfToken} now={now} />,
              },
            ]}
          />
        </Card>
      )}
    </AppPage>
  );
}
