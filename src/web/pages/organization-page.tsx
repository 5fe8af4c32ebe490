import { fullName } from '../../core/entities.ts';
import type { QuotaUsage } from '../../core/credentials/quota.ts';
import type { OrgAccess } from '../../core/authz/access.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import type { SigningKey } from '../../core/ports/stores/signing-keys.ts';
import {
  Banner,
  Button,
  Card,
  CheckboxField,
  CsrfInput,
  DescriptionList,
  FileField,
  Form,
  FormActions,
  LinkButton,
  OrgTabs,
  PageHeader,
  PlanBadge,
  RoleBadge,
  Stat,
  StatsRow,
  StatusPill,
  Usage,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { formatDay } from './org-parts.tsx';
import { hiddenSections } from './org-sections.ts';
import { OrganizationFields } from './organization-fields.tsx';
import { OrganizationStatusBanner } from './organization-status-banner.tsx';
import { SigningKeysCard } from './signing-keys-card.tsx';
import { AppPage } from './shell.tsx';
import {
  badgesActionPath,
  issueCredentialPath,
  organizationActionPath,
  organizationPath,
} from '../app-paths.ts';

export function OrganizationPage(props: {
  page: PageContext;
  access: OrgAccess;
  signingKeys: SigningKey[];
  /** The issuer's DID and where its DID document is published. */
  did: string;
  didUrl: string;
  now: Date;
  /** Unique recipients counted this month against the plan's limit. */
  quota: QuotaUsage;
  /** Verifications of the organization's credentials in the last 30 days. */
  verifications: number;
  form?:
    | {
        values: Record<string, string | undefined>;
        errors: Record<string, string>;
        message: string;
      }
    | undefined;
}) {
  const { page, now, form } = props;
  const { organization: org, membership, may } = props.access;
  const canEdit = may['organization.update'];
  const canBill = may['billing.manage'];
  const canIssue = may['credentials.issue'];
  const canCreateBadge = may['badges.create'];
  const quota = props.quota;
  const plan = effectivePlan(org.subscription, now);
  const values = form?.values ?? {
    name: org.name,
    slug: org.slug,
    website: org.website ?? '',
    description: org.description ?? '',
    linkedinCompanyId: org.linkedinCompanyId ?? '',
  };
  return (
    <AppPage page={page} title={org.name}>
      <PageHeader
        title={
          <span className="org-title">
            {org.logoPath ? (
              <img className="logo-tile" src={`/logos/${org.id}`} alt="" width={40} height={40} />
            ) : null}
            {org.name}
          </span>
        }
        breadcrumbs={[{ label: 'Dashboard', href: '/dashboard' }, { label: org.name }]}
        badges={
          <>
            <StatusPill status={org.status} />
            <PlanBadge plan={plan.id} />
            <RoleBadge role={membership.role} />
          </>
        }
        meta={<span className="mono">/o/{org.slug}</span>}
        actions={
          canIssue || canCreateBadge ? (
            <>
              {canIssue ? (
                <LinkButton href={issueCredentialPath(org.id)} variant="primary" icon="send">
                  Issue credential
                </LinkButton>
              ) : null}
              {canCreateBadge ? (
                <LinkButton href={badgesActionPath(org.id, 'new')} icon="plus">
                  New badge
                </LinkButton>
              ) : null}
            </>
          ) : undefined
        }
      />
      <OrgTabs orgId={org.id} active="overview" hide={hiddenSections(may)} />
      <div className="stack">
        <OrganizationStatusBanner org={org} canEdit={canEdit} csrfToken={page.csrfToken} />
        {props.signingKeys.length === 0 ? (
          <Banner
            kind="warning"
            title="Generate signing keys before you start issuing"
            actions={<a href="#signing-keys">Go to Signing keys</a>}
          >
            Credentials cannot be issued until the organization has signing keys.
          </Banner>
        ) : null}

        <div className="columns">
          <div className="stack">
            <Card
              title="Details"
              level={2}
              subtitle={
                canEdit
                  ? 'Owners and admins can edit these.'
                  : 'Only owners and admins can edit these.'
              }
            >
              <FormError message={form?.message} />
              {canEdit ? (
                <Form
                  action={organizationPath(org.id)}
                  csrfToken={page.csrfToken}
                  noValidate
                  label="Organization details"
                >
                  <OrganizationFields
                    values={values}
                    errors={form?.errors}
                    slugLocked={props.signingKeys.length > 0}
                    linkedin
                  />
                  <FormActions>
                    <Button variant="primary">Save changes</Button>
                  </FormActions>
                </Form>
              ) : (
                <DescriptionList
                  items={[
                    { term: 'Name', details: org.name },
                    { term: 'Slug', details: org.slug },
                    {
                      term: 'Website',
                      details: org.website ? (
                        <a href={org.website} rel="noopener noreferrer nofollow">
                          {org.website}
                        </a>
                      ) : (
                        '—'
                      ),
                    },
                    { term: 'Description', details: org.description ?? '—' },
                    { term: 'LinkedIn company ID', details: org.linkedinCompanyId ?? '—' },
                  ]}
                />
              )}
            </Card>
            <SigningKeysCard
              orgId={org.id}
              may={may}
              keys={props.signingKeys}
              did={props.did}
              didUrl={props.didUrl}
              csrfToken={page.csrfToken}
            />
            {canEdit ? (
              <Card
                title="Logo"
                level={2}
                subtitle="Shown on your public page and on credentials. PNG, JPEG or WebP, at most 5 MB."
              >
                <form
                  method="post"
                  action={`${organizationActionPath(org.id, 'logo')}?_csrf=${encodeURIComponent(page.csrfToken)}`}
                  encType="multipart/form-data"
                  className="form"
                >
                  <FileField
                    label="Logo image"
                    name="logo"
                    accept="image/png,image/jpeg,image/webp"
                    required
                  />
                  <FormActions>
                    <Button variant="secondary" icon="upload">
                      Upload logo
                    </Button>
                  </FormActions>
                </form>
                {org.logoPath ? (
                  <form method="post" action={organizationActionPath(org.id, 'logo/delete')}>
                    <CsrfInput token={page.csrfToken} />
                    <Button variant="danger-outline" size="sm" icon="trash">
                      Remove logo
                    </Button>
                  </form>
                ) : null}
              </Card>
            ) : null}
          </div>

          <div className="stack">
            <StatsRow>
              <Stat
                label="Verifications (30 days)"
                value={props.verifications.toLocaleString('en-US')}
                icon="shield-check"
                hint="Checks of your credentials on their verification page, the API and embeds."
              />
            </StatsRow>
            <Card title="Billing" level={2} id="billing">
              <DescriptionList
                compact
                items={[
                  { term: 'Plan', details: <PlanBadge plan={plan.id} /> },
                  {
                    term: 'Subscription',
                    details:
                      org.subscription.source === 'FREE'
                        ? 'FREE'
                        : `${org.subscription.source}${org.subscription.grantExpiresAt ? ` until ${org.subscription.grantExpiresAt.toISOString().slice(0, 10)}` : ''}`,
                  },
                  {
                    term: 'Badge templates',
                    details:
                      plan.badgeTemplates === null
                        ? 'Unlimited'
                        : plan.badgeTemplates.toLocaleString('en-US'),
                  },
                  {
                    term: 'Owners',
                    details: plan.owners === null ? 'Unlimited' : String(plan.owners),
                  },
                  {
                    term: 'API keys',
                    details: plan.features.api
                      ? plan.activeApiKeys === null
                        ? 'Unlimited'
                        : String(plan.activeApiKeys)
                      : 'Not included',
                  },
                ]}
              />
              <Usage
                label="Unique recipients this month"
                used={quota.used}
                limit={quota.limit}
                hint={`Resets on ${formatDay(quota.resetsAt)}. Each recipient email counts once per calendar month.`}
              />
              <p className="muted">
                {canBill
                  ? org.subscription.source === 'GRANTED' || org.subscription.source === 'PARTNER'
                    ? 'This plan was granted by the platform. Contact the granting party to extend or change it.'
                    : 'Plan changes are made by a platform administrator for now.'
                  : 'Contact an owner to change billing.'}
              </p>
            </Card>
            <Card title="Email notifications" level={2}>
              {canEdit ? (
                <form
                  method="post"
                  action={organizationActionPath(org.id, 'notifications')}
                  className="form"
                >
                  <CsrfInput token={page.csrfToken} />
                  <CheckboxField
                    label="Send emails for this organization"
                    name="enabled"
                    checked={org.emailsEnabled}
                    hint="Turning this off disables all organization emails, including credential issuance emails. Use with caution."
                  />
                  <FormActions>
                    <Button variant="secondary" size="sm">
                      Save
                    </Button>
                  </FormActions>
                </form>
              ) : (
                <p>{org.emailsEnabled ? 'Emails are on.' : 'Emails are off.'}</p>
              )}
              {!org.emailsEnabled ? (
                <Banner kind="warning">
                  Email notifications are off: no emails about this organization are being sent.
                </Banner>
              ) : null}
            </Card>
            <Card title="You" level={2}>
              <p>
                Signed in as {page.user ? fullName(page.user) : ''} ·{' '}
                <RoleBadge role={membership.role} size="sm" />
              </p>
            </Card>
          </div>
        </div>
      </div>
    </AppPage>
  );
}
