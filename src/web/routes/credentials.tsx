import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { alreadyRevoked, roleRefusal } from '../../core/authz/refusals.ts';
import { getBadge, listBadges } from '../../core/badges/queries.ts';
import { issueCredential } from '../../core/credentials/issue.ts';
import {
  getCredential,
  listCredentials,
  verificationCounts,
} from '../../core/credentials/queries.ts';
import { currentQuotaUsage } from '../../core/credentials/quota.ts';
import { checkRecipient, type RecipientCheck } from '../../core/credentials/recipient-check.ts';
import { resendAvailableAt, resendCredentialEmail } from '../../core/credentials/resend.ts';
import { revokeCredential } from '../../core/credentials/revoke.ts';
import { CREDENTIAL_STATUSES } from '../../core/credentials/status.ts';
import type { Badge } from '../../core/entities.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Actor, UserActor } from '../../core/authz/actor.ts';
import { reasonOf, type Failure } from '../../core/result.ts';
import { listSigningKeys } from '../../core/signing-keys/signing-keys.ts';
import type { AppContext } from '../../http/context.ts';
import type { FlashKey } from '../flash.ts';
import { fieldMessages } from '../../http/errors.ts';
import { IssueSubmitButton, RecipientCheckBanner } from '../pages/credential-parts.tsx';
import {
  CredentialsPage,
  type CredentialFilters,
  type CredentialRow,
} from '../pages/credentials-page.tsx';
import {
  IssuePage,
  type IssueFormState,
  type IssuePageProps,
} from '../pages/issue-credential-page.tsx';
import { RevokeDialog, RevokePage } from '../pages/revoke-credential-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendFragment,
  sendPage,
} from '../respond.tsx';
import {
  memberOrNotFound,
  pageNumber,
  sendDialog,
  sendNotFound,
  sendRefusal,
} from './org-route-helpers.tsx';
import { credentialsPath, organizationPath } from '../app-paths.ts';

type OrgParams = { Params: { orgId: string } };
type CredentialParams = { Params: { orgId: string; credentialId: string } };
type ListQuery = { Querystring: { q?: string; badgeId?: string; status?: string; page?: string } };

const PAGE_SIZE = 20;

/** The issuer's credential pages (issuing-a-credential.md, revoking-credentials.md). */
export function registerCredentialRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  /** CRD- ids by credential UUID, looked up once each through the use case. */
  async function shortIds(
    actor: Actor,
    orgId: string,
    ids: (string | null)[],
  ): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = await Promise.all(unique.map((id) => getCredential(deps, actor, orgId, id)));
    const out = new Map<string, string>();
    for (const r of found) if (r.ok) out.set(r.value.credential.id, r.value.credential.shortId);
    return out;
  }

  /** The CRD- id of the earlier credential a recipient check found, if it found one. */
  async function priorShortId(
    actor: Actor,
    orgId: string,
    check: RecipientCheck,
  ): Promise<string | undefined> {
    const id = check.priorCredentialId;
    return id ? (await shortIds(actor, orgId, [id])).get(id) : undefined;
  }

  function filtersOf(query: ListQuery['Querystring']): CredentialFilters {
    const status = CREDENTIAL_STATUSES.find((s) => s === query.status) ?? '';
    return {
      search: typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '',
      badgeId: typeof query.badgeId === 'string' ? query.badgeId.trim().slice(0, 64) : '',
      status,
    };
  }

  async function showCredentials(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    orgId: string,
    query: ListQuery['Querystring'],
    failure?: Failure<ErrorCode>,
  ) {
    const access = await memberOrNotFound(request, reply, ctx, orgId, actor);
    if (!access) return reply;
    const filters = filtersOf(query);
    const n = pageNumber(query.page);
    const [list, badges] = await Promise.all([
      listCredentials(deps, actor, orgId, {
        ...(filters.search ? { search: filters.search } : {}),
        ...(filters.badgeId ? { badgeId: filters.badgeId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        limit: PAGE_SIZE,
        offset: (n - 1) * PAGE_SIZE,
      }),
      listBadges(deps, actor, orgId, { limit: 100, offset: 0 }),
    ]);
    if (!list.ok)
      return sendRefusal(request, reply, ctx, list.error, {
        href: organizationPath(orgId),
        label: 'Back to organization',
      });
    const now = deps.clock.now();
    const items = list.value.items;
    const [details, verifications, lineage] = await Promise.all([
      Promise.all(items.map((c) => getCredential(deps, actor, orgId, c.id))),
      verificationCounts(
        deps,
        actor,
        orgId,
        items.map((c) => c.id),
      ),
      shortIds(
        actor,
        orgId,
        items.flatMap((c) => [c.supersedesCredentialId, c.supersededByCredentialId]),
      ),
    ]);
    const rows: CredentialRow[] = items.map((c, i) => {
      const d = details[i];
      const delivery = d?.ok ? d.value.delivery : undefined;
      const may = d?.ok ? d.value.may : { resend: false, revoke: false };
      return {
        credential: c,
        delivery,
        supersedes: c.supersedesCredentialId ? lineage.get(c.supersedesCredentialId) : undefined,
        supersededBy: c.supersededByCredentialId
          ? lineage.get(c.supersededByCredentialId)
          : undefined,
        resendAvailableAt: resendAvailableAt(delivery, now),
        verifications: (verifications.ok ? verifications.value.get(c.id) : undefined) ?? 0,
        may,
      };
    });
    return sendPage(
      reply,
      <CredentialsPage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        rows={rows}
        total={list.value.total}
        filters={filters}
        badges={badges.ok ? badges.value.badges : []}
        pageNumber={n}
        pageSize={PAGE_SIZE}
        now={now}
        failure={failure?.message}
      />,
      failure ? failureStatus(failure) : 200,
    );
  }

  app.get<OrgParams & ListQuery>('/organizations/:orgId/credentials', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    return showCredentials(request, reply, auth.actor, request.params.orgId, request.query);
  });

  /* ─────────────── Issue ─────────────── */

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

  /* ─────────────── Revoke and resend ─────────────── */

  async function revocable(
    request: FastifyRequest<CredentialParams>,
    reply: FastifyReply,
    actor: UserActor,
  ) {
    const { orgId, credentialId } = request.params;
    const back = { href: credentialsPath(orgId), label: 'Back to credentials' };
    const access = await memberOrNotFound(request, reply, ctx, orgId, actor);
    if (!access) return undefined;
    if (!access.may['credentials.revoke']) {
      await sendRefusal(request, reply, ctx, roleRefusal('credentials.revoke'), back);
      return undefined;
    }
    const found = await getCredential(deps, actor, orgId, credentialId);
    if (!found.ok) {
      await sendRefusal(request, reply, ctx, found.error, back);
      return undefined;
    }
    if (!found.value.may.revoke) {
      await sendRefusal(request, reply, ctx, alreadyRevoked(), back);
      return undefined;
    }
    return { access, credential: found.value.credential };
  }

  app.get<CredentialParams>(
    '/organizations/:orgId/credentials/:credentialId/revoke',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const found = await revocable(request, reply, auth.actor);
      if (!found) return reply;
      return sendDialog(request, reply, {
        modal: (
          <RevokeDialog
            org={found.access.organization}
            credential={found.credential}
            csrfToken={request.csrfToken}
            mode="modal"
          />
        ),
        page: (
          <RevokePage
            page={pageContext(request, reply, ctx)}
            org={found.access.organization}
            credential={found.credential}
          />
        ),
      });
    },
  );

  app.post<CredentialParams>(
    '/organizations/:orgId/credentials/:credentialId/revoke',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const { orgId, credentialId } = request.params;
      const reason = formFields(request).reason ?? '';
      const result = await revokeCredential(deps, auth.actor, orgId, credentialId, reason);
      if (!result.ok) {
        if (result.error.code === 'VALIDATION_ERROR') {
          const found = await revocable(request, reply, auth.actor);
          if (!found) return reply;
          return sendPage(
            reply,
            <RevokePage
              page={pageContext(request, reply, ctx)}
              org={found.access.organization}
              credential={found.credential}
              reason={reason}
              error={result.error.message}
            />,
            failureStatus(result.error),
          );
        }
        return sendRefusal(request, reply, ctx, result.error, {
          href: credentialsPath(orgId),
          label: 'Back to credentials',
        });
      }
      return redirectWithFlash(reply, ctx, credentialsPath(orgId), 'credential_revoked');
    },
  );

  app.post<CredentialParams>(
    '/organizations/:orgId/credentials/:credentialId/resend',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const { orgId, credentialId } = request.params;
      const result = await resendCredentialEmail(deps, auth.actor, orgId, credentialId);
      if (!result.ok) {
        if (result.error.code === 'NOT_FOUND') return sendNotFound(request, reply, ctx);
        return showCredentials(request, reply, auth.actor, orgId, {}, result.error);
      }
      return redirectWithFlash(reply, ctx, credentialsPath(orgId), 'email_resent');
    },
  );
}
