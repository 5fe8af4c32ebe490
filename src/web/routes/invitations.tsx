import type { FastifyInstance } from 'fastify';
import { openInvitationLink } from '../../core/members/invitations.ts';
import type { AppContext } from '../../http/context.ts';
import { InvitationPage } from '../pages/invitation-page.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import { pageContext, sendPage } from '../respond.tsx';

/** The emailed invitation link: works signed in or out, and for people without an account yet. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { token: string } }>('/invitations/:token', async (request, reply) => {
    const view = await openInvitationLink(
      ctx.deps,
      request.params.token,
      request.auth?.user.id ?? null,
    );
    const page = pageContext(request, reply, ctx);
    if (!view) {
      return sendPage(
        reply,
        <MessagePage
          page={page}
          title="Invitation unavailable"
          kind="warning"
          actions={[{ href: '/dashboard', label: 'Go to dashboard' }]}
        >
          This invitation was already answered, withdrawn, or the link is wrong.
        </MessagePage>,
        404,
      );
    }
    return sendPage(
      reply,
      <InvitationPage
        page={page}
        invitation={view.invitation}
        audience={view.audience}
        hasAccount={view.inviteeHasAccount}
      />,
    );
  });
}
