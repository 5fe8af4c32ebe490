import { AuthLayout, Button, Form, FormActions } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { AccountFields } from './account-pages.tsx';

export function SetupPage(props: {
  page: PageContext;
  values?: Partial<Record<'firstName' | 'lastName' | 'email', string>>;
  errors?: Record<string, string>;
  message?: string;
}) {
  return (
    <AuthLayout
      title="Set up Laurel"
      heading="Welcome to Laurel"
      subtitle="Create the first platform admin. This account reviews organizations and can read the local mailbox. This page disappears once it exists."
      flash={props.page.flash}
    >
      <FormError message={props.message} />
      <Form
        action="/setup"
        csrfToken={props.page.csrfToken}
        noValidate
        label="Create the first platform admin"
      >
        <AccountFields values={props.values} errors={props.errors} />
        <FormActions>
          <Button variant="primary" block>
            Create platform admin
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
