import type { FastifyInstance } from 'fastify';
import { normalizeEmail } from '../../core/email-address.ts';
import { findInvitationByToken } from '../../core/members/invitations.ts';
import type { AppContext } from '../../http/context.ts';
import { InvitationPage } from '../pages/invitation-page.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import { pageContext, sendPage } from '../respond.tsx';

/** The emailed invitation link: works signed in or out, and for people without an account yet. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { token: string } }>('/invitations/:token', async (request, reply) => {
    const invitation = await findInvitationByToken(ctx.deps, request.params.token);
    const page = pageContext(request, reply, ctx);
    if (!invitation) {
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
    const user = request.auth?.user;
    const audience = !user
      ? 'visitor'
      : normalizeEmail(user.email) === normalizeEmail(invitation.email)
        ? 'invitee'
        : 'other';
    return sendPage(
      reply,
      <InvitationPage
        page={page}
        invitation={invitation}
        audience={audience}
        hasAccount={await hasAccount(invitation.email)}
      />,
    );
  });

  async function hasAccount(email: string): Promise<boolean> {
    return (await ctx.deps.uow.stores.users.findByEmail(email)) !== undefined;
  }
}
