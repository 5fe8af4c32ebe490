import { ROLE_LABELS, type Role } from '../../core/authz/roles.ts';
import { fullName } from '../../core/entities.ts';
import type { Team, TeamMember } from '../../core/members/members.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import {
  Button,
  Card,
  CellPrimary,
  CsrfInput,
  DataTable,
  Field,
  Form,
  FormActions,
  RoleBadge,
  SelectField,
  StatusPill,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { OrgSubpageTop } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { cancelInvitationPath, memberActionPath, teamActionPath } from '../app-paths.ts';

interface TeamFailure {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message: string;
}

function roleOptions(roles: readonly Role[]) {
  return roles.map((r) => ({
    value: r,
    label: r === 'owner' ? 'Owner (promote)' : ROLE_LABELS[r],
  }));
}

export function TeamPage({
  page,
  team,
  now,
  failure,
}: {
  page: PageContext;
  team: Team;
  now: Date;
  failure?: TeamFailure | undefined;
}) {
  const { organization: org, membership: me, members, invitations } = team;
  const plan = effectivePlan(org.subscription, now);
  const owners = team.ownerCount;

  function RoleCell({ member }: { member: TeamMember }) {
    const self = member.userId === me.userId;
    const choices = member.may.roles;
    if (choices.length <= 1) return <RoleBadge role={member.role} />;
    return (
      <form
        method="post"
        action={memberActionPath(org.id, member.userId, 'role')}
        className="inline-form"
      >
        <CsrfInput token={page.csrfToken} />
        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
          Role of {fullName(member)}
        </label>
        <select
          id={`role-${member.userId}`}
          name="role"
          defaultValue={member.role}
          className="select select--sm"
        >
          {choices.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button size="sm" variant="secondary">
          {self ? 'Step down' : 'Change'}
        </Button>
      </form>
    );
  }

  function ActionsCell({ member }: { member: TeamMember }) {
    if (!member.may.remove) return null;
    return (
      <form method="post" action={memberActionPath(org.id, member.userId, 'remove')}>
        <CsrfInput token={page.csrfToken} />
        <Button size="sm" variant="danger-outline" icon="trash">
          Remove<span className="visually-hidden"> {fullName(member)}</span>
        </Button>
      </form>
    );
  }

  return (
    <AppPage page={page} title={`Team · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={team.may}
        section="team"
        title="Team"
        subtitle={`Members of ${org.name} and what each can do.`}
        crumbs={[{ label: 'Team' }]}
        badges={<StatusPill status={org.status} />}
      />
      <FormError message={failure?.message} />
      <div className="columns">
        <div className="stack">
          <Card
            title="Members"
            level={2}
            subtitle={`Owners: ${owners} of ${plan.owners === null ? 'unlimited' : plan.owners} on the ${plan.name} plan.`}
            flush
          >
            <DataTable
              caption="Members"
              rows={members}
              rowKey={(m) => m.userId}
              columns={[
                {
                  key: 'name',
                  header: 'Member',
                  cell: (m) => (
                    <CellPrimary
                      title={`${fullName(m)}${m.userId === me.userId ? ' (you)' : ''}`}
                      sub={m.email}
                    />
                  ),
                },
                { key: 'role', header: 'Role', cell: (m) => <RoleCell member={m} /> },
                {
                  key: 'actions',
                  header: 'Actions',
                  headerHidden: true,
                  align: 'end',
                  cell: (m) => <ActionsCell member={m} />,
                },
              ]}
            />
          </Card>
          {invitations.length > 0 ? (
            <Card title="Pending invitations" level={2} flush>
              <DataTable
                caption="Pending invitations"
                rows={invitations}
                rowKey={(i) => i.id}
                columns={[
                  { key: 'email', header: 'Email', cell: (i) => i.email },
                  {
                    key: 'role',
                    header: 'Role',
                    cell: (i) => <RoleBadge role={i.role} size="sm" />,
                  },
                  {
                    key: 'sent',
                    header: 'Sent',
                    cell: (i) => i.createdAt.toISOString().slice(0, 10),
                    nowrap: true,
                  },
                  {
                    key: 'actions',
                    header: 'Actions',
                    headerHidden: true,
                    align: 'end',
                    cell: (i) =>
                      i.may.withdraw ? (
                        <form method="post" action={cancelInvitationPath(org.id, i.id)}>
                          <CsrfInput token={page.csrfToken} />
                          <Button size="sm" variant="ghost">
                            Withdraw
                            <span className="visually-hidden"> invitation to {i.email}</span>
                          </Button>
                        </form>
                      ) : null,
                  },
                ]}
              />
            </Card>
          ) : null}
        </div>
        <div className="stack">
          {team.may['members.invite'] ? (
            <Card
              title="Invite member"
              level={2}
              subtitle="They get an email with a link; without an account they sign up first."
            >
              <Form
                action={teamActionPath(org.id, 'invitations')}
                csrfToken={page.csrfToken}
                noValidate
                label="Invite member"
              >
                <Field
                  label="Email address"
                  name="email"
                  type="email"
                  value={failure?.values.email}
                  error={failure?.errors.email}
                  required
                  autoComplete="off"
                />
                <SelectField
                  label="Role"
                  name="role"
                  options={roleOptions(team.invitableRoles)}
                  value={failure?.values.role ?? 'issuer'}
                  error={failure?.errors.role}
                  required
                />
                <FormActions>
                  <Button variant="primary" icon="send">
                    Send invite
                  </Button>
                </FormActions>
              </Form>
            </Card>
          ) : null}
          <Card title="Leave organization" level={2} tone="danger">
            <p>
              {!team.mayLeave
                ? 'You are the last owner. Promote someone else to owner before you leave.'
                : 'You will lose access to this organization.'}
            </p>
            <form method="post" action={teamActionPath(org.id, 'leave')}>
              <CsrfInput token={page.csrfToken} />
              <Button variant="danger" icon="log-out" disabled={!team.mayLeave}>
                Leave organization
              </Button>
            </form>
          </Card>
        </div>
      </div>
    </AppPage>
  );
}
