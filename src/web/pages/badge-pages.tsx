import { can } from '../../core/authz/permissions.ts';
import type { Role } from '../../core/authz/roles.ts';
import { MAX_BADGE_NAME_LENGTH, MAX_EXPIRES_IN_DAYS } from '../../core/badges/badge-input.ts';
import type { Badge, CredentialWithBadge, Organization } from '../../core/entities.ts';
import { effectivePlan, withinLimit } from '../../core/plans/plans.ts';
import {
  Banner,
  BadgeThumb,
  Button,
  Card,
  CellPrimary,
  ConfirmDialog,
  DataTable,
  DescriptionList,
  DialogLink,
  EmptyState,
  Field,
  FileField,
  FormActions,
  Icon,
  LinkButton,
  LockedField,
  Pagination,
  Pill,
  RequiredNote,
  TextAreaField,
} from '../components/index.ts';
import { achievementPath, badgeImagePath, badgePagePath, verifyPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { CredentialStatusPill } from './credential-parts.tsx';
import { FormError } from './form-error.tsx';
import { ExternalLink, OrgSubpageTop, formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { BadgeAboutCard } from './badge-about.tsx';
import { SkillList } from './skill-list.tsx';

const BADGE_IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml';

const badgesPath = (org: Organization) => `/organizations/${org.id}/badges`;
const badgePath = (org: Organization, b: Badge) => `/organizations/${org.id}/badges/${b.id}`;

/** The badge's public image; the version query makes an edited image show at once despite caching. */
export function badgeImageSrc(b: Badge): string | null {
  return b.imagePath ? `${badgeImagePath(b.id)}?v=${b.updatedAt.getTime().toString(36)}` : null;
}

export function expiryText(days: number | null): string {
  if (days === null) return 'Never expires';
  return `Expires ${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'} after issue`;
}

function BadgeStatePill({ badge }: { badge: Badge }) {
  return badge.isActive ? (
    <Pill tone="success" icon="check-circle">
      Active
    </Pill>
  ) : (
    <Pill tone="neutral" icon="pause-circle">
      Deactivated
    </Pill>
  );
}

/* ─────────────────────────── List ─────────────────────────── */

export interface BadgesPageProps {
  page: PageContext;
  org: Organization;
  role: Role;
  showing: 'active' | 'deactivated';
  badges: Badge[];
  counts: { active: number; deactivated: number };
  pageNumber: number;
  pageSize: number;
  now: Date;
}

export function BadgesPage(props: BadgesPageProps) {
  const { page, org, role, showing, badges, counts } = props;
  const plan = effectivePlan(org.subscription, props.now);
  const canCreate = can(role, 'badges.create');
  const canIssue = can(role, 'credentials.issue');
  const total = showing === 'active' ? counts.active : counts.deactivated;
  const first = (props.pageNumber - 1) * props.pageSize;
  const query = (n: number) =>
    `${badgesPath(org)}?${showing === 'deactivated' ? 'status=deactivated&' : ''}page=${n}`;
  const limitText =
    plan.badgeTemplates === null
      ? `Unlimited badge templates on the ${plan.name} plan.`
      : `${counts.active.toLocaleString('en-US')} of ${plan.badgeTemplates.toLocaleString('en-US')} active badge templates on the ${plan.name} plan.`;
  return (
    <AppPage page={page} title={`Badge templates · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        role={role}
        section="badges"
        title="Badge templates"
        subtitle="The things you award. Issue as many credentials from each as you like."
        crumbs={[{ label: 'Badge templates' }]}
        actions={
          canCreate ? (
            <LinkButton href={`${badgesPath(org)}/new`} variant="primary" icon="plus">
              New badge
            </LinkButton>
          ) : undefined
        }
      />
      <div className="stack">
        <div className="list-toolbar">
          <nav className="segmented" aria-label="Badge status">
            <a
              className="segmented__item"
              href={badgesPath(org)}
              aria-current={showing === 'active' ? 'page' : undefined}
            >
              Active <span className="segmented__count">{counts.active}</span>
            </a>
            <a
              className="segmented__item"
              href={`${badgesPath(org)}?status=deactivated`}
              aria-current={showing === 'deactivated' ? 'page' : undefined}
            >
              Deactivated <span className="segmented__count">{counts.deactivated}</span>
            </a>
          </nav>
          <p className="text-secondary text-sm">{limitText}</p>
        </div>
        {badges.length === 0 ? (
          showing === 'active' ? (
            <EmptyState
              bordered
              icon="award"
              title="No badge templates yet"
              actions={
                canCreate ? (
                  <LinkButton href={`${badgesPath(org)}/new`} variant="primary" icon="plus">
                    New badge
                  </LinkButton>
                ) : undefined
              }
            >
              A badge is a template: its image, name, description and criteria. Create one, then
              issue credentials from it.
            </EmptyState>
          ) : (
            <EmptyState bordered icon="pause-circle" title="No deactivated badges">
              Deleting a badge that has credentials deactivates it instead: it shows up here, its
              credentials stay valid.
            </EmptyState>
          )
        ) : (
          <ul
            className="badge-grid"
            aria-label={
              showing === 'active' ? 'Active badge templates' : 'Deactivated badge templates'
            }
          >
            {badges.map((b) => (
              <li key={b.id} className="badge-card">
                <BadgeThumb src={badgeImageSrc(b)} size="lg" />
                <h2 className="badge-card__title">
                  <a href={badgePath(org, b)}>{b.name}</a>
                </h2>
                <p className="badge-card__meta">
                  <Icon name="clock" size="sm" />
                  {expiryText(b.expiresInDays)}
                </p>
                <SkillList tags={b.tags} max={3} />
                <div className="badge-card__actions">
                  {b.isActive && canIssue ? (
                    <LinkButton
                      href={`/organizations/${org.id}/credentials/issue?badgeId=${b.id}`}
                      size="sm"
                      variant="secondary"
                      icon="send"
                    >
                      Issue<span className="visually-hidden"> {b.name}</span>
                    </LinkButton>
                  ) : null}
                  {!b.isActive ? <BadgeStatePill badge={b} /> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {total > props.pageSize ? (
          <Pagination
            summary={`Showing ${first + 1}–${first + badges.length} of ${total}`}
            prevHref={props.pageNumber > 1 ? query(props.pageNumber - 1) : null}
            nextHref={first + badges.length < total ? query(props.pageNumber + 1) : null}
          />
        ) : null}
      </div>
    </AppPage>
  );
}

/* ─────────────────────────── Detail ─────────────────────────── */

export interface BadgeDetailPageProps {
  page: PageContext;
  org: Organization;
  role: Role;
  badge: Badge;
  /** The most recent credentials issued from it, and how many there are in all. */
  credentials: { items: CredentialWithBadge[]; total: number };
  now: Date;
}

export function BadgeDetailPage({
  page,
  org,
  role,
  badge,
  credentials,
  now,
}: BadgeDetailPageProps) {
  const canIssue = can(role, 'credentials.issue') && badge.isActive;
  const canEdit = can(role, 'badges.edit');
  const canDelete = can(role, 'badges.delete') && (badge.isActive || credentials.total === 0);
  const issueHref = `/organizations/${org.id}/credentials/issue?badgeId=${badge.id}`;
  return (
    <AppPage page={page} title={`${badge.name} · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        role={role}
        section="badges"
        title={
          <span className="badge-title">
            <BadgeThumb src={badgeImageSrc(badge)} size="lg" />
            {badge.name}
          </span>
        }
        crumbs={[{ label: 'Badge templates', href: badgesPath(org) }, { label: badge.name }]}
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
                <LinkButton href={`${badgePath(org, badge)}/edit`} icon="edit">
                  Edit
                </LinkButton>
              ) : null}
              {canDelete ? (
                <DialogLink
                  href={`${badgePath(org, badge)}/delete`}
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
                  href={`/organizations/${org.id}/credentials?badgeId=${badge.id}`}
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

/* ─────────────────────────── Delete / deactivate ─────────────────────────── */

export function BadgeDeleteDialog(props: {
  org: Organization;
  badge: Badge;
  issued: number;
  csrfToken: string;
  mode: 'modal' | 'page';
}) {
  const { org, badge, issued } = props;
  const deactivate = issued > 0;
  return (
    <ConfirmDialog
      title={deactivate ? `Deactivate ${badge.name}?` : `Delete ${badge.name}?`}
      action={`${badgePath(org, badge)}/delete`}
      csrfToken={props.csrfToken}
      confirmLabel={deactivate ? 'Deactivate badge' : 'Delete badge'}
      tone="danger"
      icon={deactivate ? 'pause-circle' : 'trash'}
      mode={props.mode}
      cancelHref={badgePath(org, badge)}
    >
      {deactivate ? (
        <p>
          {issued.toLocaleString('en-US')} {issued === 1 ? 'credential has' : 'credentials have'}{' '}
          been issued from this badge, so it will be <strong>deactivated</strong> instead of
          deleted: hidden from the gallery and closed to new issuance. Existing credentials stay
          intact and verifiable.
        </p>
      ) : (
        <p>
          No credentials have been issued from this badge, so it will be deleted permanently, with
          its image.
        </p>
      )}
    </ConfirmDialog>
  );
}

/* ─────────────────────────── New / edit ─────────────────────────── */

/** The image preview slot: the chosen (or current) image, or why it was refused. */
export function BadgePreview({
  src,
  error,
  note,
}: {
  src: string | null;
  error?: string | undefined;
  note?: string | undefined;
}) {
  return (
    <>
      <span className="badge-preview__frame">
        {src ? (
          <img src={src} alt="Preview of the badge image" width={144} height={144} />
        ) : (
          <Icon name="award" size="xl" />
        )}
      </span>
      {error ? (
        <p className="field__error">
          <Icon name="x-circle" size="sm" />
          <span>{error}</span>
        </p>
      ) : (
        <p className="badge-preview__caption">
          {note ?? (src ? 'Preview' : 'No image chosen yet')}
        </p>
      )}
    </>
  );
}

export interface BadgeFormState {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message: string;
  /** details.reason of the refusal, for an upgrade link on PLAN_LIMIT. */
  reason?: string | undefined;
}

export interface BadgeFormPageProps {
  page: PageContext;
  org: Organization;
  role: Role;
  /** The badge being edited; absent for a new one. */
  badge?: Badge | undefined;
  /** How many credentials were issued from the badge being edited (they lock its signed fields). */
  issued?: number;
  /** Active badge templates, for the plan's limit on a new one. */
  activeBadges?: number;
  form?: BadgeFormState | undefined;
  now: Date;
}

const NAME_LOCK =
  'A badge’s name and slug never change, so it cannot be repurposed and its public URLs stay put. Create a new badge instead.';

export function BadgeFormPage(props: BadgeFormPageProps) {
  const { page, org, role, badge, form } = props;
  const editing = badge !== undefined;
  const issued = props.issued ?? 0;
  const signedLocked = editing && issued > 0;
  const plan = effectivePlan(org.subscription, props.now);
  const atLimit = !editing && !withinLimit(plan.badgeTemplates, props.activeBadges ?? 0);
  const v = form?.values ?? (badge ? badgeValues(badge) : {});
  const e = form?.errors ?? {};
  const csrf = encodeURIComponent(page.csrfToken);
  const action = editing
    ? `${badgePath(org, badge)}/edit?_csrf=${csrf}`
    : `${badgesPath(org)}/new?_csrf=${csrf}`;
  const lockReason = `Locked: ${issued.toLocaleString('en-US')} ${issued === 1 ? 'credential has' : 'credentials have'} been issued from this badge.`;
  const title = editing ? `Edit ${badge.name}` : 'New badge';
  const upgrade = (
    <LinkButton href={`/organizations/${org.id}#billing`} size="sm" variant="secondary">
      See plan and billing
    </LinkButton>
  );
  return (
    <AppPage page={page} title={`${title} · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        role={role}
        section="badges"
        title={title}
        subtitle={
          editing
            ? undefined
            : 'A reusable template: what you award, and what a recipient did to earn it.'
        }
        crumbs={[
          { label: 'Badge templates', href: badgesPath(org) },
          ...(editing
            ? [{ label: badge.name, href: badgePath(org, badge) }, { label: 'Edit' }]
            : [{ label: 'New badge' }]),
        ]}
      />
      <div className="stack">
        {form?.reason === 'PLAN_LIMIT' ? (
          <Banner kind="danger" role="alert" actions={upgrade}>
            {form.message}
          </Banner>
        ) : (
          <FormError message={form?.message} />
        )}
        {atLimit && form?.reason !== 'PLAN_LIMIT' ? (
          <Banner kind="warning" title="Badge template limit reached" actions={upgrade}>
            The {plan.name} plan allows {plan.badgeTemplates?.toLocaleString('en-US')} active badge
            templates per organization. Upgrade your plan to create more.
          </Banner>
        ) : null}
        {signedLocked ? (
          <Banner kind="info" title="Credentials have been issued from this badge">
            Only its external URL can change now: the rest is part of the{' '}
            {issued.toLocaleString('en-US')} signed {issued === 1 ? 'credential' : 'credentials'} or
            their expiry terms, and existing credentials are never re-signed. To change anything
            else, deactivate this badge and create a new one.
          </Banner>
        ) : null}
        <Card>
          <form
            className="form"
            method="post"
            action={action}
            encType="multipart/form-data"
            noValidate
            aria-label={title}
          >
            <RequiredNote />
            <fieldset className="form-section">
              <legend className="form-section__title">Image</legend>
              {signedLocked && badge ? (
                <LockedField
                  label="Badge image"
                  value={
                    <BadgeThumb
                      src={badgeImageSrc(badge)}
                      size="lg"
                      alt={`Current image of ${badge.name}`}
                    />
                  }
                  reason={lockReason}
                />
              ) : (
                <div className="badge-image-row">
                  <div className="badge-preview" id="badge-preview" aria-live="polite">
                    <BadgePreview
                      src={badge ? badgeImageSrc(badge) : null}
                      note={badge ? 'Current image' : undefined}
                    />
                  </div>
                  <FileField
                    label="Badge image"
                    name="image"
                    accept={BADGE_IMAGE_ACCEPT}
                    required={!editing}
                    optional={editing}
                    error={e.image}
                    hint={
                      editing
                        ? 'Choose a new image to replace the current one, or leave this empty to keep it. PNG, JPEG, WebP or SVG, at most 5 MB.'
                        : 'PNG, JPEG, WebP or SVG, at most 5 MB. Square images work best (512×512).'
                    }
                    attrs={{
                      'hx-post': `${badgesPath(org)}/preview?_csrf=${csrf}`,
                      'hx-encoding': 'multipart/form-data',
                      'hx-trigger': 'change',
                      'hx-target': '#badge-preview',
                      'hx-swap': 'innerHTML',
                    }}
                  />
                </div>
              )}
            </fieldset>

            <fieldset className="form-section">
              <legend className="form-section__title">About the badge</legend>
              {editing && badge ? (
                <div className="form-row">
                  <LockedField label="Name" value={badge.name} reason={NAME_LOCK} />
                  <LockedField
                    label="Slug"
                    value={badge.slug}
                    reason="Part of the public badge URL."
                    mono
                  />
                </div>
              ) : (
                <div className="form-row">
                  <Field
                    label="Name"
                    name="name"
                    value={v.name}
                    error={e.name}
                    required
                    maxLength={MAX_BADGE_NAME_LENGTH}
                    hint="The credential title, in emails, on the verification page and on LinkedIn."
                  />
                  <Field
                    label="Slug"
                    name="slug"
                    value={v.slug}
                    error={e.slug}
                    optional
                    mono
                    hint={`Leave empty to generate it from the name. Public URL: ${badgePagePath(org.slug, '{slug}')}`}
                  />
                </div>
              )}
              {signedLocked && badge ? (
                <>
                  <LockedField
                    label="Description"
                    value={<span className="pre-line">{badge.description}</span>}
                    reason={lockReason}
                  />
                  <LockedField
                    label="Criteria"
                    value={<span className="pre-line">{badge.criteria}</span>}
                    reason={lockReason}
                  />
                </>
              ) : (
                <>
                  <TextAreaField
                    label="Description"
                    name="description"
                    value={v.description}
                    error={e.description}
                    required
                    rows={4}
                    hint="What this badge represents. Plain text: Markdown is not rendered."
                  />
                  <TextAreaField
                    label="Criteria"
                    name="criteria"
                    value={v.criteria}
                    error={e.criteria}
                    required
                    rows={4}
                    hint="What a recipient did to earn it. Shown on the public verification page."
                  />
                </>
              )}
              <Field
                label="External URL"
                name="externalUrl"
                type="url"
                value={v.externalUrl}
                error={e.externalUrl}
                optional
                placeholder="https://"
                hint="A link to your own page about this badge (http or https)."
              />
            </fieldset>

            <fieldset className="form-section">
              <legend className="form-section__title">Credentials issued from it</legend>
              {signedLocked && badge ? (
                <div className="form-row">
                  <LockedField
                    label="Expires in days"
                    value={
                      badge.expiresInDays === null
                        ? 'Never expires'
                        : badge.expiresInDays.toLocaleString('en-US')
                    }
                    reason={lockReason}
                  />
                  <LockedField
                    label="Skills"
                    value={badge.tags.length > 0 ? badge.tags.join(', ') : 'None'}
                    reason={lockReason}
                  />
                </div>
              ) : (
                <div className="form-row">
                  <Field
                    label="Expires in days"
                    name="expiresInDays"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={MAX_EXPIRES_IN_DAYS}
                    value={v.expiresInDays}
                    error={e.expiresInDays}
                    optional
                    hint="Each credential expires this many days after it is issued (730 for two years). Leave empty for credentials that never expire."
                  />
                  <Field
                    label="Skills"
                    name="tags"
                    value={v.tags}
                    error={e.tags}
                    optional
                    hint="Separate skills with commas, e.g. kubernetes, cloud-native."
                  />
                </div>
              )}
            </fieldset>

            <FormActions>
              <Button variant="primary" icon={editing ? 'check' : 'plus'} disabled={atLimit}>
                {editing ? 'Save changes' : 'Create badge'}
              </Button>
              <LinkButton
                href={editing && badge ? badgePath(org, badge) : badgesPath(org)}
                variant="ghost"
              >
                Cancel
              </LinkButton>
            </FormActions>
          </form>
        </Card>
      </div>
    </AppPage>
  );
}

function badgeValues(b: Badge): Record<string, string> {
  return {
    name: b.name,
    slug: b.slug,
    description: b.description,
    criteria: b.criteria,
    externalUrl: b.externalUrl ?? '',
    expiresInDays: b.expiresInDays === null ? '' : String(b.expiresInDays),
    tags: b.tags.join(', '),
  };
}

/** The confirm box inside a page of its own, for browsers without JavaScript. */
export function BadgeDeletePage(props: {
  page: PageContext;
  org: Organization;
  badge: Badge;
  issued: number;
}) {
  const { page, org, badge } = props;
  return (
    <AppPage page={page} title={`Delete ${badge.name} · ${org.name}`} narrow>
      <BadgeDeleteDialog
        org={org}
        badge={badge}
        issued={props.issued}
        csrfToken={page.csrfToken}
        mode="page"
      />
    </AppPage>
  );
}
