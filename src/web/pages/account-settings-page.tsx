import {
  Button,
  Card,
  DescriptionList,
  Field,
  Form,
  FormActions,
  PageHeader,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { AppPage } from './shell.tsx';

export function AccountSettingsPage(props: {
  page: PageContext;
  errors?: Record<string, string>;
  message?: string;
}) {
  const { page } = props;
  const user = page.user;
  return (
    <AppPage page={page} title="Account settings" narrow>
      <PageHeader
        title="Account settings"
        breadcrumbs={[{ label: 'Dashboard', href: '/dashboard' }, { label: 'Account settings' }]}
      />
      <Card title="Your account" level={2}>
        <DescriptionList
          compact
          items={[
            { term: 'Name', details: user ? `${user.firstName} ${user.lastName}` : '' },
            { term: 'Email', details: user?.email ?? '' },
          ]}
        />
      </Card>
      <Card
        title="Change password"
        level={2}
        subtitle="You stay signed in here; every other browser and device is signed out."
      >
        <FormError message={props.message} />
        <Form
          action="/account/password"
          csrfToken={page.csrfToken}
          noValidate
          label="Change password"
        >
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={props.errors?.currentPassword}
            required
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            error={props.errors?.newPassword}
            hint="At least 10 characters, with upper and lower case letters, a number and a symbol."
            required
          />
          <FormActions>
            <Button variant="primary">Change password</Button>
          </FormActions>
        </Form>
      </Card>
    </AppPage>
  );
}
