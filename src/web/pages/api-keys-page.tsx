import { MAX_API_KEY_NAME_LENGTH, apiAccess } from '../../core/api-keys/api-keys.ts';
import type { Permissions } from '../../core/authz/permissions.ts';
import type { ApiKey, Organization } from '../../core/entities.ts';
import { effectivePlan, withinLimit } from '../../core/plans/plans.ts';
import {
  Banner,
  Button,
  Card,
  ConfirmDialog,
  CopyField,
  DataTable,
  DialogLink,
  EmptyState,
  Field,
  Form,
  FormActions,
  LinkButton,
  Pill,
  Usage,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { apiKeysPath, organizationCardPath, revokeApiKeyPath } from '../app-paths.ts';

/** How a key is shown after creation: its prefix, an ellipsis and its last four characters. */
function maskedKey(k: Pick<ApiKey, 'prefix' | 'last4'>): string {
  return `${k.prefix}…${k.last4}`;
}

export interface ApiKeysPageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
  keys: ApiKey[];
  /** The key just generated: its full value, shown this once. */
  created?: { apiKey: ApiKey; key: string } | undefined;
  form?:
    | {
        values: Record<string, string | undefined>;
        errors: Record<string, string>;
        message: string;
      }
    | undefined;
  now: Date;
}

export function ApiKeysPage({ page, org, may, keys, created, form, now }: ApiKeysPageProps) {
  const plan = effectivePlan(org.subscription, now);
  const hasApi = apiAccess(org, now).ok;
  const active = keys.filter((k) => !k.revokedAt);
  const atCap = !withinLimit(plan.activeApiKeys, active.length);
  const canGenerate = hasApi && !atCap;
  const billing = (
    <LinkButton href={organizationCardPath(org.id, 'billing')} size="sm" variant="secondary">
      See plan and billing
    </LinkButton>
  );
  return (
    <AppPage page={page} title={`API keys · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={may}
        section="api-keys"
        title="API keys"
        subtitle="A key acts as this organization on the v1 API: issue, revoke and read credentials and badges from your own systems. Only owners manage keys."
        crumbs={[{ label: 'API keys' }]}
      />
      <div className="stack">
        <FormError message={form?.message} />
        {!hasApi ? (
          <Banner
            kind="info"
            title="API keys are available on the Professional and Enterprise plans"
            actions={billing}
          >
            Your organization is on the {plan.name} plan, which has no API access. Upgrade to
            automate issuance with the v1 API.
          </Banner>
        ) : null}
        {created ? (
          <Card title="Your new API key" level={2} className="card--success">
            <Banner kind="warning" title="Copy it now: it is shown once only">
              Once you leave this page, only its prefix and last 4 characters remain visible. Store
              it in a secrets manager or an environment variable, never in source control.
            </Banner>
            <CopyField
              label={`Key “${created.apiKey.name}”`}
              name="new-key"
              value={created.key}
              hint="Select the field and copy the whole key."
            />
          </Card>
        ) : null}
        <Card
          title="Keys"
          level={2}
          subtitle="Find a key by its prefix. Revoked keys stay listed; requests with them are refused."
          flush
        >
          <DataTable
            caption="API keys"
            rows={keys}
            rowKey={(k) => k.id}
            empty={
              <EmptyState level={3} icon="key" title="No API keys yet">
                {hasApi
                  ? 'Generate a key to call the v1 API.'
                  : `The ${plan.name} plan includes no API keys.`}
              </EmptyState>
            }
            columns={[
              { key: 'name', header: 'Name', cell: (k) => k.name },
              {
                key: 'key',
                header: 'Key',
                nowrap: true,
                cell: (k) => <span className="token">{maskedKey(k)}</span>,
              },
              {
                key: 'created',
                header: 'Created',
                nowrap: true,
                cell: (k) => formatDay(k.createdAt),
              },
              {
                key: 'used',
                header: 'Last used',
                nowrap: true,
                cell: (k) =>
                  k.lastUsedAt ? (
                    formatDay(k.lastUsedAt)
                  ) : (
                    <span className="text-muted">Never</span>
                  ),
              },
              {
                key: 'status',
                header: 'Status',
                cell: (k) =>
                  k.revokedAt ? (
                    <span className="status-cell">
                      <Pill tone="danger" icon="ban" size="sm">
                        Revoked
                      </Pill>
                      <span className="cell-primary__sub">{formatDay(k.revokedAt)}</span>
                    </span>
                  ) : (
                    <Pill tone="success" icon="check-circle" size="sm">
                      Active
                    </Pill>
                  ),
              },
              {
                key: 'actions',
                header: 'Actions',
                headerHidden: true,
                align: 'end',
                cell: (k) =>
                  k.revokedAt ? null : (
                    <DialogLink
                      href={revokeApiKeyPath(org.id, k.id)}
                      size="sm"
                      variant="danger-outline"
                      icon="ban"
                    >
                      Revoke<span className="visually-hidden"> {k.name}</span>
                    </DialogLink>
                  ),
              },
            ]}
          />
        </Card>
        <div className="grid grid--2">
          <Card title="Generate new key" level={2}>
            {hasApi ? (
              <Usage
                label="Active keys"
                used={active.length}
                limit={plan.activeApiKeys}
                alert={false}
                hint={atCap ? 'Revoke an unused key first, or upgrade.' : undefined}
              />
            ) : (
              <p className="text-secondary">The {plan.name} plan includes no API keys.</p>
            )}
            <Form
              action={apiKeysPath(org.id)}
              csrfToken={page.csrfToken}
              noValidate
              label="Generate new key"
            >
              <Field
                label="Name"
                name="name"
                value={form?.values.name}
                error={form?.errors.name}
                required
                maxLength={MAX_API_KEY_NAME_LENGTH}
                autoComplete="off"
                disabled={!canGenerate}
                hint="For your reference only, e.g. production, staging, analytics-pipeline."
              />
              <FormActions>
                <Button variant="primary" icon="key" disabled={!canGenerate}>
                  Generate new key
                </Button>
              </FormActions>
            </Form>
          </Card>
          <Card title="Use the key" level={2}>
            <p className="text-secondary">
              Send it in the Authorization header of every v1 API request:
            </p>
            <pre className="code-block">
              <code>Authorization: Bearer crd_live_…</code>
            </pre>
          </Card>
        </div>
      </div>
    </AppPage>
  );
}

export function RevokeKeyDialog(props: {
  org: Organization;
  apiKey: ApiKey;
  csrfToken: string;
  mode: 'modal' | 'page';
}) {
  const { org, apiKey } = props;
  return (
    <ConfirmDialog
      title={`Revoke the key “${apiKey.name}”?`}
      action={revokeApiKeyPath(org.id, apiKey.id)}
      csrfToken={props.csrfToken}
      confirmLabel="Revoke key"
      tone="danger"
      icon="ban"
      mode={props.mode}
      cancelHref={apiKeysPath(org.id)}
    >
      <p>
        Requests that use <span className="token">{maskedKey(apiKey)}</span> will be refused at
        once. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

export function RevokeKeyPage(props: { page: PageContext; org: Organization; apiKey: ApiKey }) {
  return (
    <AppPage page={props.page} title={`Revoke API key · ${props.org.name}`} narrow>
      <RevokeKeyDialog
        org={props.org}
        apiKey={props.apiKey}
        csrfToken={props.page.csrfToken}
        mode="page"
      />
    </AppPage>
  );
}
