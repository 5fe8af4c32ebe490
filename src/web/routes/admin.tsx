import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ORGANIZATION_STATUSES, type OrganizationStatus } from '../../core/entities.ts';
import { listMailbox, readMailboxMessage } from '../../core/mailbox/mailbox.ts';
import {
  listOrganizationsForReview,
  reviewOrganization,
  setOrganizationPlan,
  type ReviewAction,
} from '../../core/organizations/review.ts';
import type { AppContext } from '../../http/context.ts';
import { sendHtml } from '../../http/reply.ts';
import { AdminMailboxMessagePage, AdminMailboxPage } from '../pages/admin-mailbox-pages.tsx';
import { AdminOrganizationsPage } from '../pages/admin-organizations-page.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';

const REVIEW_ACTIONS: readonly ReviewAction[] = ['approve', 'reject', 'suspend', 'reinstate'];

/** The platform admin area. To anyone else it does not exist (404), like every hidden thing. */
export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    const auth = requireUser(request, reply);
    if (!auth) return undefined;
    if (!auth.user.isPlatformAdmin) {
      void reply.callNotFound();
      return undefined;
    }
    return auth;
  }

  app.get('/admin', async (request, reply) => {
    const auth = requireAdmin(request, reply);
    if (!auth) return reply;
    const q = request.query as Record<string, string | undefined>;
    const status = (ORGANIZATION_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as OrganizationStatus)
      : undefined;
    const orgs = await listOrganizationsForReview(deps, auth.actor, status);
    if (!orgs.ok) return reply.callNotFound();
    return sendPage(
      reply,
      <AdminOrganizationsPage
        page={pageContext(request, reply, ctx)}
        organizations={orgs.value}
        status={status}
        now={deps.clock.now()}
      />,
    );
  });

  app.post<{ Params: { orgId: string } }>(
    '/admin/organizations/:orgId/review',
    async (request, reply) => {
      const auth = requireAdmin(request, reply);
      if (!auth) return reply;
      const f = formFields(request);
      const action = REVIEW_ACTIONS.find((a) => a === f.action);
      if (!action) return reply.code(400).type('text/plain').send('Unknown action.');
      const result = await reviewOrganization(
        deps,
        auth.actor,
        request.params.orgId,
        action,
        f.reason,
      );
      if (!result.ok)
        return adminFailure(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(reply, ctx, `/admin?status=${result.value.status}`, 'org_reviewed');
    },
  );

  app.post<{ Params: { orgId: string } }>(
    '/admin/organizations/:orgId/plan',
    async (request, reply) => {
      const auth = requireAdmin(request, reply);
      if (!auth) return reply;
      const f = formFields(request);
      const until = f.grantExpiresAt ? new Date(`${f.grantExpiresAt}T00:00:00Z`) : null;
      if (until && Number.isNaN(until.getTime()))
        return adminFailure(request, reply, 'The end date is not a valid date.', 400);
      const source = f.source === 'PARTNER' ? 'PARTNER' : 'GRANTED';
      const result = await setOrganizationPlan(deps, auth.actor, request.params.orgId, {
        plan: f.plan ?? '',
        source,
        grantExpiresAt: until,
      });
      if (!result.ok)
        return adminFailure(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(reply, ctx, '/admin', 'plan_set');
    },
  );

  app.get('/admin/mailbox', async (request, reply) => {
    const auth = requireAdmin(request, reply);
    if (!auth) return reply;
    const q = request.query as Record<string, string | undefined>;
    const mailbox = await listMailbox(deps, auth.actor, {
      pageNumber: Number.parseInt(q.page ?? '1', 10) || 1,
      to: q.to,
    });
    if (!mailbox.ok) return reply.callNotFound();
    return sendPage(
      reply,
      <AdminMailboxPage
        page={pageContext(request, reply, ctx)}
        messages={mailbox.value.messages}
        total={mailbox.value.total}
        pageNumber={mailbox.value.pageNumber}
        pageSize={mailbox.value.pageSize}
        to={mailbox.value.to}
        transport={ctx.config.emailTransport}
      />,
    );
  });

  app.get<{ Params: { id: string } }>('/admin/mailbox/:id', async (request, reply) => {
    const auth = requireAdmin(request, reply);
    if (!auth) return reply;
    const found = await readMailboxMessage(
      deps,
      auth.actor,
      request.params.id,
      ctx.config.emailTransport,
    );
    if (!found.ok) return reply.callNotFound();
    return sendPage(
      reply,
      <AdminMailboxMessagePage
        page={pageContext(request, reply, ctx)}
        message={found.value.message}
        bodyHidden={found.value.bodyHidden}
      />,
    );
  });

  /**
   * The HTML part as the recipient sees it. Its own CSP lets the email's inline styles and
   * images render, while the sandbox runs no script and gives it no access to our origin.
   */
  app.get<{ Params: { id: string } }>('/admin/mailbox/:id/html', async (request, reply) => {
    const auth = requireAdmin(request, reply);
    if (!auth) return reply;
    const found = await readMailboxMessage(
      deps,
      auth.actor,
      request.params.id,
      ctx.config.emailTransport,
    );
    if (!found.ok || found.value.bodyHidden) return reply.callNotFound();
    const { message } = found.value;
    return sendHtml(
      reply.header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
      ),
      message.html,
    );
  });

  function adminFailure(
    request: FastifyRequest,
    reply: FastifyReply,
    message: string,
    status: number,
  ) {
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="That did not work"
        kind="danger"
        actions={[{ href: '/admin', label: 'Back to admin' }]}
      >
        {message}
      </MessagePage>,
      status,
    );
  }
}
