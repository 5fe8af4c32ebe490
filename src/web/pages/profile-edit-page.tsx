import type { User } from '../../core/entities.ts';
import { PROFILE_SLUG_MAX } from '../../core/profiles/profile-input.ts';
import {
  Button,
  Card,
  CsrfInput,
  Field,
  FileField,
  Form,
  FormActions,
  LinkButton,
  PageHeader,
} from '../components/index.ts';
import { profilePath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { ProfileAvatar } from './public-profile-page.tsx';
import { AppPage } from './shell.tsx';

export type ProfileValues = Partial<
  Record<'firstName' | 'lastName' | 'profileSlug' | 'linkedinUrl', string | null | undefined>
>;

export interface ProfileEditPageProps {
  page: PageContext;
  /** The stored profile (its slug and avatar as they are now, whatever the form says). */
  person: User;
  /** The form's values: the stored ones, or what was sent when it was refused. */
  values: ProfileValues;
  errors?: Record<string, string>;
  message?: string;
  /** Why the last avatar upload was refused. */
  avatarError?: string;
  /** The absolute address profiles live under, e.g. https://laurel.example.org/u/ */
  profileBase: string;
}

export function ProfileEditPage(props: ProfileEditPageProps) {
  const { page, person, values, errors = {} } = props;
  const slug = person.profileSlug;
  // The address the field gives (a refused slug is not an address): the stored one otherwise.
  const shown = (!errors.profileSlug && values.profileSlug?.trim().toLowerCase()) || slug;
  const slugHint = (
    <>
      {shown ? 'Your public profile is at ' : 'Pick a slug to publish your profile at '}
      <span className="mono break-all">{`${props.profileBase}${shown ?? 'your-slug'}`}</span>.
      Lower-case letters, digits and hyphens, 3 to {PROFILE_SLUG_MAX} characters.
      {slug
        ? ' You can change it later, but links you have shared with the old address will stop working.'
        : ''}
    </>
  );
  return (
    <AppPage page={page} title="Edit profile" narrow>
      <PageHeader
        title="Edit profile"
        subtitle="Your public profile shows your name, avatar, LinkedIn link and the credentials you have claimed."
        breadcrumbs={[{ label: 'Dashboard', href: '/dashboard' }, { label: 'Edit profile' }]}
        actions={
          slug ? (
            <LinkButton href={profilePath(slug)} icon="eye">
              View profile
            </LinkButton>
          ) : undefined
        }
      />
      <FormError message={props.message} />
      <Card title="Profile" level={2}>
        <Form action="/profile/edit" csrfToken={page.csrfToken} noValidate label="Profile">
          <Field
            label="First name"
            name="firstName"
            value={values.firstName}
            error={errors.firstName}
            required
            maxLength={100}
            autoComplete="given-name"
          />
          <Field
            label="Last name"
            name="lastName"
            value={values.lastName}
            error={errors.lastName}
            required
            maxLength={100}
            autoComplete="family-name"
          />
          <Field
            label="Profile slug"
            name="profileSlug"
            value={values.profileSlug}
            error={errors.profileSlug}
            optional
            mono
            maxLength={PROFILE_SLUG_MAX}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            hint={slugHint}
          />
          <Field
            label="LinkedIn URL"
            name="linkedinUrl"
            type="url"
            value={values.linkedinUrl}
            error={errors.linkedinUrl}
            optional
            placeholder="https://www.linkedin.com/in/your-name"
            hint='Adds a "LinkedIn Profile" button to your public profile.'
          />
          <FormActions>
            <Button variant="primary">Save profile</Button>
          </FormActions>
        </Form>
      </Card>
      <Card title="Avatar" level={2} subtitle="PNG, JPEG or WebP, at most 5 MB.">
        <div className="avatar-editor">
          <ProfileAvatar person={person} />
          <div className="stack">
            <form
              method="post"
              action={`/profile/avatar?_csrf=${encodeURIComponent(page.csrfToken)}`}
              encType="multipart/form-data"
              className="form"
            >
              <FileField
                label="Avatar image"
                name="avatar"
                accept="image/png,image/jpeg,image/webp"
                required
                error={props.avatarError}
              />
              <FormActions>
                <Button variant="secondary" icon="upload">
                  Upload avatar
                </Button>
              </FormActions>
            </form>
            {person.avatarPath ? (
              <form method="post" action="/profile/avatar/delete">
                <CsrfInput token={page.csrfToken} />
                <Button variant="danger-outline" size="sm" icon="trash">
                  Remove avatar
                </Button>
              </form>
            ) : null}
          </div>
        </div>
      </Card>
    </AppPage>
  );
}
