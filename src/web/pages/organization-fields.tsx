import { Field, TextAreaField } from '../components/index.ts';

type Values = Partial<
  Record<
    'name' | 'slug' | 'website' | 'description' | 'linkedinCompanyId',
    string | null | undefined
  >
>;

/** Name, slug, website and description: the same fields on create and edit; the LinkedIn company ID on edit. */
export function OrganizationFields({
  values = {},
  errors = {},
  disabled,
  slugLocked,
  linkedin,
}: {
  values?: Values;
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Once signing keys exist the slug is part of the issuer's DID and cannot change. */
  slugLocked?: boolean;
  /** The LinkedIn company ID, set once the organization exists. */
  linkedin?: boolean;
}) {
  return (
    <>
      <Field
        label="Name"
        name="name"
        value={values.name}
        error={errors.name}
        required
        maxLength={120}
        disabled={disabled}
        hint="Shown on credentials, your public page and emails."
      />
      <Field
        label="Slug"
        name="slug"
        value={values.slug}
        error={errors.slug}
        optional
        mono
        maxLength={60}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        disabled={disabled}
        readOnly={slugLocked}
        hint={
          slugLocked
            ? 'Locked: the slug is part of your issuer identity (DID), which cannot change once signing keys exist.'
            : 'Your public address /o/{slug}. Leave empty to generate it from the name: lower-case letters, digits and hyphens.'
        }
      />
      <Field
        label="Website"
        name="website"
        type="url"
        value={values.website}
        error={errors.website}
        optional
        placeholder="https://example.org"
        disabled={disabled}
        hint="Needed later to verify your domain."
      />
      <TextAreaField
        label="Description"
        name="description"
        value={values.description}
        error={errors.description}
        optional
        rows={4}
        maxLength={1000}
        disabled={disabled}
        hint="A short blurb for your public profile."
      />
      {linkedin ? (
        <Field
          label="LinkedIn company ID"
          name="linkedinCompanyId"
          value={values.linkedinCompanyId}
          error={errors.linkedinCompanyId}
          optional
          mono
          inputMode="numeric"
          maxLength={20}
          pattern="[0-9]*"
          disabled={disabled}
          hint="The number in your LinkedIn company page's admin URL; add-to-profile links then name your company page."
        />
      ) : null}
    </>
  );
}
