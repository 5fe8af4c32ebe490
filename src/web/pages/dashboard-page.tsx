import { ROLE_LABELS } from '../../core/authz/roles.ts';
import type { InvitationWithOrganization, OrganizationWithRole } from '../../core/entities.ts';
import { Button, Card, CsrfInput, EmptyState, LinkButton, PageHeader, RoleBadge, SectionHeader, StatusPill } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';

export function DashboardPage(props: { page: PageContext; organizations: OrganizationWithRole[]; invitations: InvitationWithOrganization[] }) {
  const { page, organizations, invitations } = props;
  return (
    <AppPage page={page} title="Dashboard">
      <PageHeader
        title={`Welcome, ${page.user?.firstName ?? ''}`}
        subtitle="Your organizations and invitations."
        actions={
          <LinkButton href="/organizations/new" variant="primary" icon="plus">
            Create Organization
          </LinkButton>
        }
      />
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title" className="stack">
          <SectionHeader id="invitations-title" title="Invitations" description="Organizations that invited you to join their team." />
          <div className="card-grid">
            {invitations.map((inv) => (
              <Card key={inv.id} title={inv.organizationName} subtitle={`Pending invitation · ${ROLE_LABELS[inv.role]}`} level={3}>
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
        <SectionHeader id="orgs-title" title="Organizations" description="Organizations you own or belong to." />
        {organizations.length === 0 ? (
          <EmptyState
            icon="building"
            title="No organizations yet"
            bordered
            level={3}
            actions={
              <LinkButton href="/organizations/new" variant="primary" icon="plus">
                Create Organization
              </LinkButton>
            }
          >
            Create an organization to design badges and issue credentials, or accept an invitation from one.
          </EmptyState>
        ) : (
          <div className="card-grid">
            {organizations.map(({ organization: org, role }) => (
              <Card key={org.id} level={3} interactive title={<a href={`/organizations/${org.id}`}>{org.name}</a>} subtitle={`/${org.slug}`}>
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
