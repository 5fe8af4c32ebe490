import type { ErrorCode } from '../../core/errors.ts';
import type { Failure } from '../../core/result.ts';
import {
  AuthLayout,
  Banner,
  Button,
  Field,
  Form,
  FormActions,
  LinkButton,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';

type Values = Partial<Record<'firstName' | 'lastName' | 'email', string | undefined>>;

const PASSWORD_HINT =
  'At least 10 characters, with upper and lower case letters, a number and a symbol.';

function redirectInput(redirect: string | undefined) {
  return redirect ? <input type="hidden" name="redirect" value={redirect} /> : null;
}

function withRedirect(path: string, redirect: string | undefined): string {
  return redirect ? `${path}?redirect=${encodeURIComponent(redirect)}` : path;
}

/** The account fields shared by sign-up and the first-admin setup. */
export function AccountFields({
  values = {},
  errors = {},
}: {
  values?: Values;
  errors?: Record<string, string>;
}) {
  return (
    <>
      <div className="form-row">
        <Field
          label="First name"
          name="firstName"
          value={values.firstName}
          error={errors.firstName}
          autoComplete="given-name"
          required
          maxLength={100}
        />
        <Field
          label="Last name"
          name="lastName"
          value={values.lastName}
          error={errors.lastName}
          autoComplete="family-name"
          required
          maxLength={100}
        />
      </div>
      <Field
        label="Email"
        name="email"
        type="email"
        value={values.email}
        error={errors.email}
        autoComplete="email"
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        error={errors.password}
        hint={PASSWORD_HINT}
        autoComplete="new-password"
        required
        minLength={10}
      />
    </>
  );
}

export function RegisterPage(props: {
  page: PageContext;
  values?: Values;
  errors?: Record<string, string>;
  message?: string;
  redirect?: string;
}) {
  return (
    <AuthLayout
      title="Create your account · Laurel"
      heading="Create your account"
      subtitle="Claim your credentials, build a public profile, and issue badges for your organization."
      flash={props.page.flash}
      below={
        <p>
          Already have an account? <a href={withRedirect('/login', props.redirect)}>Sign in</a>
        </p>
      }
    >
      <FormError message={props.message} />
      <Form
        action="/register"
        csrfToken={props.page.csrfToken}
        noValidate
        label="Create your account"
      >
        {redirectInput(props.redirect)}
        <AccountFields values={props.values} errors={props.errors} />
        <FormActions>
          <Button variant="primary" block>
            Create account
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}

export function LoginPage(props: {
  page: PageContext;
  email?: string;
  redirect?: string;
  failure?: Failure<ErrorCode>;
}) {
  const f = props.failure;
  return (
    <AuthLayout
      title="Sign in · Laurel"
      heading="Sign in to Laurel"
      flash={props.page.flash}
      below={
        <p>
          New to Laurel? <a href={withRedirect('/register', props.redirect)}>Create an account</a>
        </p>
      }
    >
      {f?.code === 'EMAIL_NOT_VERIFIED' ? (
        <Banner
          kind="warning"
          role="alert"
          title="EMAIL_NOT_VERIFIED"
          actions={
            <LinkButton
              href={`/resend-verification?email=${encodeURIComponent(props.email ?? '')}`}
              size="sm"
              icon="send"
            >
              Resend verification email
            </LinkButton>
          }
        >
          {f.message}
        </Banner>
      ) : f ? (
        <Banner kind="danger" role="alert">
          {f.message}
        </Banner>
      ) : null}
      <Form action="/login" csrfToken={props.page.csrfToken} label="Sign in">
        {redirectInput(props.redirect)}
        <Field
          label="Email"
          name="email"
          type="email"
          value={props.email}
          autoComplete="email"
          required
          autoFocus={!props.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={Boolean(props.email)}
        />
        <FormActions align="between">
          <Button variant="primary">Sign in</Button>
          <a href="/forgot-password">Forgot your password?</a>
        </FormActions>
      </Form>
      <p className="auth__aside">
        Didn’t get the verification email? <a href="/resend-verification">Resend verification</a>
      </p>
    </AuthLayout>
  );
}

/** A page that asks for an email address and sends a link to it. */
function EmailLinkPage(props: {
  page: PageContext;
  title: string;
  subtitle: string;
  action: string;
  submit: string;
  email?: string;
  message?: string;
}) {
  return (
    <AuthLayout
      title={`${props.title} · Laurel`}
      heading={props.title}
      subtitle={props.subtitle}
      flash={props.page.flash}
      below={<a href="/login">Back to sign in</a>}
    >
      <FormError message={props.message} />
      <Form action={props.action} csrfToken={props.page.csrfToken} label={props.title}>
        <Field
          label="Email"
          name="email"
          type="email"
          value={props.email}
          autoComplete="email"
          required
        />
        <FormActions>
          <Button variant="primary" icon="send" block>
            {props.submit}
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}

export function ResendVerificationPage(props: {
  page: PageContext;
  email?: string;
  message?: string;
}) {
  return (
    <EmailLinkPage
      {...props}
      title="Resend the verification email"
      subtitle="You can do this 3 times every 15 minutes. The newest link replaces earlier ones."
      action="/resend-verification"
      submit="Send verification email"
    />
  );
}

export function ForgotPasswordPage(props: { page: PageContext; email?: string; message?: string }) {
  return (
    <EmailLinkPage
      {...props}
      title="Reset your password"
      subtitle="Enter your account’s email and we will send you a link to choose a new password."
      action="/forgot-password"
      submit="Email me a reset link"
    />
  );
}

export function ResetPasswordPage(props: {
  page: PageContext;
  token: string;
  errors?: Record<string, string>;
  message?: string;
}) {
  return (
    <AuthLayout
      title="Choose a new password · Laurel"
      heading="Choose a new password"
      flash={props.page.flash}
      below={<a href="/login">Back to sign in</a>}
    >
      <FormError message={props.message} />
      <Form
        action="/reset-password"
        csrfToken={props.page.csrfToken}
        noValidate
        label="Choose a new password"
      >
        <input type="hidden" name="token" value={props.token} />
        <Field
          label="New password"
          name="password"
          type="password"
          error={props.errors?.password}
          hint={PASSWORD_HINT}
          autoComplete="new-password"
          required
        />
        <FormActions>
          <Button variant="primary" block>
            Set new password
          </Button>
        </FormActions>
      </Form>
    </AuthLayout>
  );
}
