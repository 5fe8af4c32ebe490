import type { Permissions } from '../../core/authz/permissions.ts';
import type { QuotaUsage } from '../../core/credentials/quota.ts';
import type { RecipientCheck } from '../../core/credentials/recipient-check.ts';
import type { Badge, Organization } from '../../core/entities.ts';
import type { ErrorReason } from '../../core/errors.ts';
import {
  Banner,
  BadgeThumb,
  Card,
  CheckboxField,
  EmptyState,
  Field,
  Form,
  FormActions,
  LinkButton,
  RequiredNote,
  SelectField,
  Usage,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { badgeImageSrc, expiryText } from './badge-parts.tsx';
import { IssueSubmitButton, RecipientCheckBanner } from './credential-parts.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import {
  badgesActionPath,
  credentialsPath,
  issueCredentialPath,
  organizationCardPath,
  organizationPath,
  recipientCheckPath,
} from '../app-paths.ts';

export interface IssueFormState {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message?: string | undefined;
  reason?: ErrorReason | undefined;
}

export interface IssuePageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
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
  const { page, org, may, badges, quota, form, check } = props;
  const base = credentialsPath(org.id);
  const notApproved = statusWarning(org);
  const blocked = Boolean(notApproved) || !props.hasSigningKeys;
  const quotaFull = quota.used >= quota.limit;
  const v = form.values;
  const e = form.errors;
  const checkUrl = recipientCheckPath(org.id);
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
        may={may}
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
              <a href={organizationPath(org.id)} className="banner__link">
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
              <a href={organizationCardPath(org.id, 'signing-keys')} className="banner__link">
                {may['signing_keys.generate'] ? 'Generate signing keys' : 'See Signing keys'}
              </a>
            }
          >
            Every credential is signed with the organization’s key.{' '}
            {may['signing_keys.generate']
              ? 'Generate it once on the organization page.'
              : 'An owner generates it once on the organization page.'}
          </Banner>
        ) : null}
        {quotaFull ? (
          <Banner
            kind="warning"
            title="Monthly quota used up"
            actions={
              <a href={organizationCardPath(org.id, 'billing')} className="banner__link">
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
                  may['badges.create'] ? (
                    <LinkButton
                      href={badgesActionPath(org.id, 'new')}
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
                action={issueCredentialPath(org.id)}
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
