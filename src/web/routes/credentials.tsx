import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listBadges } from '../../core/badges/queries.ts';
import {
  getCredential,
  listCredentials,
  verificationCounts,
} from '../../core/credentials/queries.ts';
import { resendAvailableAt, resendCredentialEmail } from '../../core/credentials/resend.ts';
import { CREDENTIAL_STATUSES } from '../../core/credentials/status.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { UserActor } from '../../core/authz/actor.ts';
import { type Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import {
  CredentialsPage,
  type CredentialFilters,
  type CredentialRow,
} from '../pages/credentials-page.tsx';
import {
  failureStatus,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { memberOrNotFound, pageNumber, sendNotFound, sendRefusal } from './org-route-helpers.tsx';
import { credentialsPath, organizationPath } from '../app-paths.ts';
import {
  credentialRouteHelpers,
  type CredentialParams,
  type OrgParams,
} from './credential-route-helpers.tsx';

type ListQuery = { Querystring: { q?: string; badgeId?: string; status?: string; page?: string } };

const PAGE_SIZE = 20;

/**
 * The issuer's credential list, and resending a credential's email from it. Issuing is in
 * issue-credential.tsx, revoking in revoke-credential.tsx.
 */
export function registerCredentialRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const { shortIds } = credentialRouteHelpers(ctx);

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
