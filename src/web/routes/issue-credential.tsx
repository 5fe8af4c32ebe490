import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleRefusal } from '../../core/authz/refusals.ts';
import { getBadge, listBadges } from '../../core/badges/queries.ts';
import { issueCredential } from '../../core/credentials/issue.ts';
import { getCredential } from '../../core/credentials/queries.ts';
import { currentQuotaUsage } from '../../core/credentials/quota.ts';
import { checkRecipient } from '../../core/credentials/recipient-check.ts';
import type { Badge } from '../../core/entities.ts';
import type { Actor, UserActor } from '../../core/authz/actor.ts';
import { reasonOf } from '../../core/result.ts';
import { listSigningKeys } from '../../core/signing-keys/signing-keys.ts';
import type { AppContext } from '../../http/context.ts';
import type { FlashKey } from '../flash.ts';
import { fieldMessages } from '../../http/errors.ts';
import { IssueSubmitButton, RecipientCheckBanner } from '../pages/credential-parts.tsx';
import {
  IssuePage,
  type IssueFormState,
  type IssuePageProps,
} from '../pages/issue-credential-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendFragment,
  sendPage,
} from '../respond.tsx';
import { memberOrNotFound, sendRefusal } from './org-route-helpers.tsx';
import { credentialsPath } from '../app-paths.ts';
import { credentialRouteHelpers, type OrgParams } from './credential-route-helpers.tsx';

/** Issuing a credential (issuing-a-credential.md): the form, and its htmx recipient check. */
export function registerIssueCredentialRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const { priorShortId } = credentialRouteHelpers(ctx);

  /** The recipient check for the form's values, when there are a badge and an email to check. */
  async function recipientCheck(
    actor: Actor,
    orgId: string,
    badgeId: string | undefined,
    email: string | undefined,
  ): Promise<IssuePageProps['check']> {
    if (!badgeId || !email) return undefined;
    const r = await checkRecipient(deps, actor, orgId, badgeId, email);
    if (!r.ok) return undefined;
    return { result: r.value, priorShortId: await priorShortId(actor, orgId, r.value) };
  }

  async function showIssue(
    request: FastifyRequest<OrgParams>,
    reply: FastifyReply,
    actor: UserActor,
    form: IssueFormState,
    status = 200,
  ) {
    const { orgId } = request.params;
    const access = await memberOrNotFound(request, reply, ctx, orgId, actor);
    if (!access) return reply;
    const back = { href: credentialsPath(orgId), label: 'Back to credentials' };
    if (!access.may['credentials.issue']) {
      return sendRefusal(request, reply, ctx, roleRefusal('credentials.issue'), back);
    }
    const now = deps.clock.now();
    const [listed, keys, quota, check] = await Promise.all([
      listBadges(deps, actor, orgId, { active: true, limit: 100, offset: 0 }),
      listSigningKeys(deps, actor, orgId),
      currentQuotaUsage(deps, access.organization),
      recipientCheck(actor, orgId, form.values.badgeId, form.values.recipientEmail),
    ]);
    const badges: Badge[] = listed.ok ? [...listed.value.badges] : [];
    // A badge beyond the first hundred still pre-selects.
    const wanted = form.values.badgeId;
    if (wanted && !badges.some((b) => b.id === wanted)) {
      const extra = await getBadge(deps, actor, orgId, wanted);
      if (extra.ok && extra.value.badge.isActive) badges.push(extra.value.badge);
    }
    badges.sort((a, b) => a.name.localeCompare(b.name));
    return sendPage(
      reply,
      <IssuePage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        badges={badges}
        hasSigningKeys={keys.ok && keys.value.some((k) => k.status === 'active')}
        quota={quota}
        form={form}
        check={check}
        now={now}
      />,
      status,
    );
  }

  app.get<OrgParams & { Querystring: { badgeId?: string } }>(
    '/organizations/:orgId/credentials/issue',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const badgeId = typeof request.query.badgeId === 'string' ? request.query.badgeId : undefined;
      return showIssue(request, reply, auth.actor, { values: { badgeId }, errors: {} });
    },
  );

  app.post<OrgParams>('/organizations/:orgId/credentials/issue', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId } = request.params;
    const f = formFields(request);
    const actor = auth.actor;
    const result = await issueCredential(deps, actor, orgId, {
      badgeId: f.badgeId ?? '',
      recipientName: f.recipientName ?? '',
      recipientEmail: f.recipientEmail ?? '',
      evidenceUrl: f.evidenceUrl ?? null,
      isPublic: f.isPublic === 'on',
    });
    if (!result.ok) {
      const reason = reasonOf(result.error);
      // The checkbox's state is kept as the form sent it: absent means unchecked.
      const values = { ...f, isPublic: f.isPublic === 'on' ? 'on' : 'off' };
      return showIssue(
        request,
        reply,
        auth.actor,
        { values, errors: fieldMessages(result.error), message: result.error.message, reason },
        failureStatus(result.error),
      );
    }
    const issued = await getCredential(deps, actor, orgId, result.value.credential.id);
    const suppressed = issued.ok && issued.value.delivery?.status === 'suppressed';
    const flash: FlashKey = suppressed
      ? 'credential_issued_silent'
      : result.value.priorState === 'new'
        ? 'credential_issued'
        : 'credential_renewed';
    return redirectWithFlash(reply, ctx, credentialsPath(orgId), flash);
  });

  /** htmx: the recipient check banner for the typed email, and the submit button (disabled for a duplicate). */
  app.get<OrgParams & { Querystring: { badgeId?: string; recipientEmail?: string } }>(
    '/organizations/:orgId/credentials/check',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const { orgId } = request.params;
      const badgeId = typeof request.query.badgeId === 'string' ? request.query.badgeId.trim() : '';
      const email =
        typeof request.query.recipientEmail === 'string' ? request.query.recipientEmail.trim() : '';
      const enabled = <IssueSubmitButton disabled={false} oob />;
      if (!badgeId || !email) return sendFragment(reply, enabled);
      const actor = auth.actor;
      const r = await checkRecipient(deps, actor, orgId, badgeId, email);
      if (!r.ok) {
        // Not a valid email yet, or no such badge: nothing to say. Anyone else is refused outright.
        if (r.error.code === 'VALIDATION_ERROR' || r.error.code === 'NOT_FOUND')
          return sendFragment(reply, enabled);
        return sendFragment(reply, null, failureStatus(r.error));
      }
      const prior = await priorShortId(actor, orgId, r.value);
      return sendFragment(
        reply,
        <>
          <RecipientCheckBanner check={r.value} priorShortId={prior} />
          <IssueSubmitButton disabled={r.value.state === 'active_non_expiring'} oob />
        </>,
      );
    },
  );
}
