import { ROLE_LABELS } from '../../core/authz/roles.ts';
import type { InvitationWithOrganization } from '../../core/entities.ts';
import type { InvitationAudience } from '../../core/members/invitations.ts';
import { AuthLayout, Banner, Button, CsrfInput, LinkButton } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';

/** The page behind an emailed invitation link. */
export function InvitationPage(props: {
  page: PageContext;
  invitation: InvitationWithOrganization;
  audience: InvitationAudience;
  hasAccount: boolean;
}) {
  const { page, invitation: inv, audience } = props;
  const back = page.path;
  return (
    <AuthLayout
      title={`Join ${inv.organizationName} · Laurel`}
      heading={`Join ${inv.organizationName}`}
      subtitle={`You are invited as ${ROLE_LABELS[inv.role]}.`}
      flash={page.flash}
    >
      {audience === 'invitee' ? (
        <div className="button-row">
          <form method="post" action={`/invitations/${inv.id}/accept`}>
            <CsrfInput token={page.csrfToken} />
            <Button variant="primary" icon="check">
              Accept
            </Button>
          </form>
          <form method="post" action={`/invitations/${inv.id}/decline`}>
            <CsrfInput token={page.csrfToken} />
            <Button variant="secondary">Decline</Button>
          </form>
        </div>
      ) : audience === 'other' ? (
        <Banner kind="warning" title="Signed in with another email">
          This invitation was sent to {inv.email}. Sign out and sign in with that email to answer
          it.
        </Banner>
      ) : (
        <div className="stack">
          <p>
            The invitation was sent to {inv.email}.{' '}
            {props.hasAccount
              ? 'Sign in with that email to answer it.'
              : 'Create an account with that email, then accept it.'}
          </p>
          <div className="button-row">
            {props.hasAccount ? (
              <LinkButton
                href={`/login?email=${encodeURIComponent(inv.email)}&redirect=${encodeURIComponent(back)}`}
                variant="primary"
                icon="log-in"
              >
                Sign in to accept
              </LinkButton>
            ) : (
              <LinkButton
                href={`/register?email=${encodeURIComponent(inv.email)}&redirect=${encodeURIComponent(back)}`}
                variant="primary"
                icon="user"
              >
                Create an account
              </LinkButton>
            )}
          </div>
        </div>
      )}
    </AuthLayout>
  );
}
