import {
  Banner,
  Button,
  Card,
  Form,
  FormActions,
  LinkButton,
  PageHeader,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { OrganizationFields } from './organization-fields.tsx';
import { AppPage } from './shell.tsx';
import { NEW_ORGANIZATION_PATH } from '../app-paths.ts';

export function NewOrganizationPage(props: {
  page: PageContext;
  emailVerified: boolean;
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  message?: string;
}) {
  return (
    <AppPage page={props.page} title="Create an organization" narrow>
      <PageHeader
        title="Create an organization"
        subtitle="Organizations are the issuers: every credential is signed by one. New organizations are reviewed before they can issue."
        breadcrumbs={[{ label: 'Dashboard', href: '/dashboard' }, { label: 'New organization' }]}
      />
      {!props.emailVerified ? (
        <Banner
          kind="warning"
          title="Verify your email first"
          actions={
            <LinkButton href="/resend-verification" size="sm">
              Resend verification email
            </LinkButton>
          }
        >
          Email verification is required before you can create an organization.
        </Banner>
      ) : null}
      <FormError message={props.message} />
      <Card>
        <Form
          action={NEW_ORGANIZATION_PATH}
          csrfToken={props.page.csrfToken}
          noValidate
          label="Create an organization"
        >
          <OrganizationFields
            values={props.values}
            errors={props.errors}
            disabled={!props.emailVerified}
          />
          <FormActions>
            <Button variant="primary" disabled={!props.emailVerified}>
              Create
            </Button>
            <LinkButton href="/dashboard" variant="ghost">
              Cancel
            </LinkButton>
          </FormActions>
        </Form>
      </Card>
    </AppPage>
  );
}
