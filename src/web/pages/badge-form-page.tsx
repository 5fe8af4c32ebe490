import type { Permissions } from '../../core/authz/permissions.ts';
import { MAX_BADGE_NAME_LENGTH, MAX_EXPIRES_IN_DAYS } from '../../core/badges/badge-input.ts';
import type { Badge, Organization } from '../../core/entities.ts';
import type { ErrorReason } from '../../core/errors.ts';
import { effectivePlan, withinLimit } from '../../core/plans/plans.ts';
import {
  Banner,
  BadgeThumb,
  Button,
  Card,
  Field,
  FileField,
  FormActions,
  LinkButton,
  LockedField,
  RequiredNote,
  TextAreaField,
} from '../components/index.ts';
import { badgePagePath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { BadgePreview, badgeImageSrc } from './badge-parts.tsx';
import { badgePath, badgesActionPath, badgesPath, organizationCardPath } from '../app-paths.ts';

const BADGE_IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml';

export interface BadgeFormState {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message: string;
  /** details.reason of the refusal, for an upgrade link on PLAN_LIMIT. */
  reason?: ErrorReason | undefined;
}

export interface BadgeFormPageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
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
  const { page, org, may, badge, form } = props;
  const editing = badge !== undefined;
  const issued = props.issued ?? 0;
  const signedLocked = editing && issued > 0;
  const plan = effectivePlan(org.subscription, props.now);
  const atLimit = !editing && !withinLimit(plan.badgeTemplates, props.activeBadges ?? 0);
  const v = form?.values ?? (badge ? badgeValues(badge) : {});
  const e = form?.errors ?? {};
  const csrf = encodeURIComponent(page.csrfToken);
  const action = editing
    ? `${badgePath(org.id, badge.id, 'edit')}?_csrf=${csrf}`
    : `${badgesActionPath(org.id, 'new')}?_csrf=${csrf}`;
  const lockReason = `Locked: ${issued.toLocaleString('en-US')} ${issued === 1 ? 'credential has' : 'credentials have'} been issued from this badge.`;
  const title = editing ? `Edit ${badge.name}` : 'New badge';
  const upgrade = (
    <LinkButton href={organizationCardPath(org.id, 'billing')} size="sm" variant="secondary">
      See plan and billing
    </LinkButton>
  );
  return (
    <AppPage page={page} title={`${title} · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={may}
        section="badges"
        title={title}
        subtitle={
          editing
            ? undefined
            : 'A reusable template: what you award, and what a recipient did to earn it.'
        }
        crumbs={[
          { label: 'Badge templates', href: badgesPath(org.id) },
          ...(editing
            ? [{ label: badge.name, href: badgePath(org.id, badge.id) }, { label: 'Edit' }]
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
                      'hx-post': `${badgesActionPath(org.id, 'preview')}?_csrf=${csrf}`,
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
                href={editing && badge ? badgePath(org.id, badge.id) : badgesPath(org.id)}
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
