import { ROLE_LABELS } from '../../core/authz/roles.ts';
import type {
  InvitationWithOrganization,
  OrganizationWithRole,
  WalletCredential,
} from '../../core/entities.ts';
import type { Wallet } from '../../core/profiles/wallet.ts';
import {
  Button,
  Card,
  CsrfInput,
  EmptyState,
  Icon,
  LinkButton,
  PageHeader,
  Pill,
  RoleBadge,
  SectionHeader,
  StatusPill,
} from '../components/index.ts';
import { profilePath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';
import { WalletCredentialCard, WalletGrid } from './wallet-parts.tsx';
import { NEW_ORGANIZATION_PATH, organizationPath } from '../app-paths.ts';

/** Whether a claimed credential shows on the owner's public profile, and the switch for it. */
function ProfileVisibility({
  credential: c,
  csrfToken,
}: {
  credential: WalletCredential;
  csrfToken: string;
}) {
  if (!c.isPublic) {
    return (
      <p className="wallet-card__note">
        <Icon name="lock" size="sm" />
        Private: only you and its issuer can see it
      </p>
    );
  }
  return (
    <>
      {c.hiddenFromProfile ? (
        <Pill tone="neutral" icon="eye-off" size="sm">
          Hidden from profile
        </Pill>
      ) : null}
      <form method="post" action={`/dashboard/credentials/${c.id}/profile-visibility`}>
        <CsrfInput token={csrfToken} />
        <input type="hidden" name="shown" value={c.hiddenFromProfile ? 'true' : 'false'} />
        <Button size="sm" variant="secondary" icon={c.hiddenFromProfile ? 'eye' : 'eye-off'}>
          {c.hiddenFromProfile ? 'Show on profile' : 'Hide from profile'}
          <span className="visually-hidden">: {c.badgeName}</span>
        </Button>
      </form>
    </>
  );
}

export function DashboardPage(props: {
  page: PageContext;
  wallet: Wallet;
  organizations: OrganizationWithRole[];
  invitations: InvitationWithOrganization[];
  now: Date;
}) {
  const { page, wallet, organizations, invitations, now } = props;
  return (
    <AppPage page={page} title="Dashboard">
      <PageHeader
        title={`Welcome, ${page.user?.firstName ?? ''}`}
        subtitle="Your credentials, organizations and invitations."
        actions={
          <>
            {wallet.profileSlug ? (
              <LinkButton href={profilePath(wallet.profileSlug)} icon="eye">
                View profile
              </LinkButton>
            ) : (
              <LinkButton href="/profile/edit" icon="user">
                Set up your profile
              </LinkButton>
            )}
            <LinkButton href="/credentials/import" icon="upload">
              Import credentials
            </LinkButton>
            <LinkButton href={NEW_ORGANIZATION_PATH} variant="primary" icon="plus">
              Create Organization
            </LinkButton>
          </>
        }
      />
      <section aria-labelledby="pending-credentials-title" className="stack">
        <SectionHeader
          id="pending-credentials-title"
          title="Pending credentials"
          description="Issued to your email and not claimed yet. Open one to claim it."
        />
        {wallet.pending.length === 0 ? (
          <EmptyState icon="mail" title="Nothing waiting to be claimed" bordered level={3}>
            When an organization issues a credential to {page.user?.email ?? 'your email'}, it
            appears here for you to claim.
          </EmptyState>
        ) : (
          <WalletGrid label="Pending credentials">
            {wallet.pending.map((c) => (
              <WalletCredentialCard key={c.id} credential={c} now={now} />
            ))}
          </WalletGrid>
        )}
      </section>
      <section aria-labelledby="your-credentials-title" className="stack">
        <SectionHeader
          id="your-credentials-title"
          title="Your credentials"
          description="Credentials you have claimed. Public ones appear on your profile unless you hide them."
        />
        {wallet.claimed.length === 0 ? (
          <EmptyState
            icon="award"
            title="No claimed credentials yet"
            bordered
            level={3}
            actions={
              <LinkButton href="/credentials/import" icon="upload">
                Import credentials
              </LinkButton>
            }
          >
            Claim a pending credential from its verification page, or import an Open Badge you
            earned elsewhere.
          </EmptyState>
        ) : (
          <WalletGrid label="Your credentials">
            {wallet.claimed.map((c) => (
              <WalletCredentialCard key={c.id} credential={c} now={now}>
                <ProfileVisibility credential={c} csrfToken={page.csrfToken} />
              </WalletCredentialCard>
            ))}
          </WalletGrid>
        )}
      </section>
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title" className="stack">
          <SectionHeader
            id="invitations-title"
            title="Invitations"
            description="Organizations that invited you to join their team."
          />
          <div className="card-grid">
            {invitations.map((inv) => (
              <Card
                key={inv.id}
                title={inv.organizationName}
                subtitle={`Pending invitation · ${ROLE_LABELS[inv.role]}`}
                level={3}
              >
                <p>
                  You are invited to join as <RoleBadge role={inv.role} size="sm" />.
                </p>
                <div className="button-row">
                  <form method="post" action={`/invitations/${inv.id}/accept`}>
                    <CsrfInput token={page.csrfToken} />
                    <Button variant="primary" size="sm" icon="check">
                      Accept
                    </Button>
                  </form>
                  <form method="post" action={`/invitations/${inv.id}/decline`}>
                    <CsrfInput token={page.csrfToken} />
                    <Button variant="secondary" size="sm">
                      Decline
                    </Button>
                  </form>
                </div>
              </Card>
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="orgs-title" className="stack">
        <SectionHeader
          id="orgs-title"
          title="Organizations"
          description="Organizations you own or belong to."
        />
        {organizations.length === 0 ? (
          <EmptyState
            icon="building"
            title="No organizations yet"
            bordered
            level={3}
            actions={
              <LinkButton href={NEW_ORGANIZATION_PATH} variant="primary" icon="plus">
                Create Organization
              </LinkButton>
            }
          >
            Create an organization to design badges and issue credentials, or accept an invitation
            from one.
          </EmptyState>
        ) : (
          <div className="card-grid">
            {organizations.map(({ organization: org, role }) => (
              <Card
                key={org.id}
                level={3}
                interactive
                title={<a href={organizationPath(org.id)}>{org.name}</a>}
                subtitle={`/${org.slug}`}
              >
                <div className="pill-row">
                  <StatusPill status={org.status} size="sm" />
                  <RoleBadge role={role} size="sm" />
                </div>
              </Card>
            ))}
          </div>
        )}
      </section>
    </AppPage>
  );
}
