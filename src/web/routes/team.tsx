import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../core/errors.ts';
import { cancelInvitation, inviteMember } from '../../core/members/invitations.ts';
import {
  changeMemberRole,
  getTeam,
  leaveOrganization,
  removeMember,
} from '../../core/members/members.ts';
import type { Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { TeamPage } from '../pages/team-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { organizationPath, teamPath } from '../app-paths.ts';

type TeamRequest = FastifyRequest<{ Params: { orgId: string } }>;

export function registerTeamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  /** Shows the team page, with a failed form's message and values when there is one. */
  async function showTeam(
    request: TeamRequest,
    reply: FastifyReply,
    failure?: { error: Failure<ErrorCode>; values: Record<string, string | undefined> },
  ) {
    const auth = request.auth;
    if (!auth) return reply;
    const team = await getTeam(deps, auth.actor, request.params.orgId);
    if (!team.ok) {
      return sendPage(
        reply,
        <MessagePage
          page={pageContext(request, reply, ctx)}
          title="Not found"
          kind="neutral"
          actions={[{ href: '/dashboard', label: 'Go to dashboard' }]}
        >
          This organization does not exist, or you are not a member of it.
        </MessagePage>,
        404,
      );
    }
    const invite = failure && {
      values: failure.values,
      errors: fieldMessages(failure.error),
      message: failure.error.message,
      details: failure.error.details,
    };
    return sendPage(
      reply,
      <TeamPage
        page={pageContext(request, reply, ctx)}
        team={team.value}
        now={deps.clock.now()}
        failure={invite}
      />,
      failure ? failureStatus(failure.error) : 200,
    );
  }

  app.get<{ Params: { orgId: string } }>('/organizations/:orgId/team', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    return showTeam(request, reply);
  });

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/team/invitations',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const f = formFields(request);
      const result = await inviteMember(deps, auth.actor, request.params.orgId, {
        email: f.email ?? '',
        role: f.role ?? '',
      });
      if (!result.ok) return showTeam(request, reply, { error: result.error, values: f });
      return redirectWithFlash(reply, ctx, teamPath(request.params.orgId), 'invited');
    },
  );

  app.post<{ Params: { orgId: string; invitationId: string } }>(
    '/organizations/:orgId/team/invitations/:invitationId/cancel',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await cancelInvitation(
        deps,
        auth.actor,
        request.params.orgId,
        request.params.invitationId,
      );
      if (!result.ok) return showTeam(request, reply, { error: result.error, values: {} });
      return redirectWithFlash(reply, ctx, teamPath(request.params.orgId), 'invitation_cancelled');
    },
  );

  app.post<{ Params: { orgId: string; userId: string } }>(
    '/organizations/:orgId/team/members/:userId/role',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await changeMemberRole(
        deps,
        auth.actor,
        request.params.orgId,
        request.params.userId,
        formFields(request).role ?? '',
      );
      if (!result.ok) return showTeam(request, reply, { error: result.error, values: {} });
      const steppedDown = request.params.userId === auth.user.id;
      return redirectWithFlash(
        reply,
        ctx,
        steppedDown ? organizationPath(request.params.orgId) : teamPath(request.params.orgId),
        'role_changed',
      );
    },
  );

  app.post<{ Params: { orgId: string; userId: string } }>(
    '/organizations/:orgId/team/members/:userId/remove',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await removeMember(
        deps,
        auth.actor,
        request.params.orgId,
        request.params.userId,
      );
      if (!result.ok) return showTeam(request, reply, { error: result.error, values: {} });
      return redirectWithFlash(reply, ctx, teamPath(request.params.orgId), 'member_removed');
    },
  );

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/team/leave',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await leaveOrganization(deps, auth.actor, request.params.orgId);
      if (!result.ok) return showTeam(request, reply, { error: result.error, values: {} });
      return redirectWithFlash(reply, ctx, '/dashboard', 'left_org');
    },
  );
}
