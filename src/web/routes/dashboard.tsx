import type { FastifyInstance } from 'fastify';
import { listMyInvitations, respondToInvitation } from '../../core/members/invitations.ts';
import { listMyOrganizations } from '../../core/organizations/organizations.ts';
import { listWallet, setShownOnProfile } from '../../core/profiles/wallet.ts';
import type { AppContext } from '../../http/context.ts';
import { DashboardPage } from '../pages/dashboard-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import { sendRefusal } from './org-route-helpers.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { organizationPath } from '../app-paths.ts';

export function registerDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/', (request, reply) => {
    if (request.auth) return reply.redirect('/dashboard');
    return sendPage(reply, <HomePage page={pageContext(request, reply, ctx)} />);
  });

  app.get('/dashboard', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const [wallet, organizations, invitations] = await Promise.all([
      listWallet(ctx.deps, auth.actor),
      listMyOrganizations(ctx.deps, auth.actor),
      listMyInvitations(ctx.deps, auth.actor),
    ]);
    if (!wallet.ok) return reply.code(303).redirect('/login');
    return sendPage(
      reply,
      <DashboardPage
        page={pageContext(request, reply, ctx)}
        wallet={wallet.value}
        organizations={organizations}
        invitations={invitations}
        now={ctx.deps.clock.now()}
      />,
    );
  });

  app.post<{ Params: { credentialId: string } }>(
    '/dashboard/credentials/:credentialId/profile-visibility',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const shown = formFields(request).shown === 'true';
      const result = await setShownOnProfile(
        ctx.deps,
        auth.actor,
        request.params.credentialId,
        shown,
      );
      if (!result.ok) {
        return sendRefusal(request, reply, ctx, result.error, {
          href: '/dashboard',
          label: 'Back to dashboard',
        });
      }
      return redirectWithFlash(
        reply,
        ctx,
        '/dashboard#your-credentials-title',
        shown ? 'credential_shown' : 'credential_hidden',
      );
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post<{ Params: { invitationId: string } }>(
      `/invitations/:invitationId/${answer}`,
      async (request, reply) => {
        const auth = requireUser(request, reply);
        if (!auth) return reply;
        const result = await respondToInvitation(
          ctx.deps,
          auth.actor,
          request.params.invitationId,
          answer,
        );
        if (!result.ok) {
          return sendPage(
            reply,
            <MessagePage
              page={pageContext(request, reply, ctx)}
              title="Invitation"
              kind="warning"
              actions={[{ href: '/dashboard', label: 'Back to dashboard' }]}
            >
              {result.error.message}
            </MessagePage>,
            failureStatus(result.error),
          );
        }
        return answer === 'accept'
          ? redirectWithFlash(
              reply,
              ctx,
              organizationPath(result.value.organizationId),
              'invitation_accepted',
            )
          : redirectWithFlash(reply, ctx, '/dashboard', 'invitation_declined');
      },
    );
  }
}
