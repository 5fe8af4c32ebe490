import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../core/authz/actor.ts';
import {
  activeApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type CreatedApiKey,
} from '../../core/api-keys/api-keys.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { reasonOf, type Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { ApiKeysPage, RevokeKeyDialog, RevokeKeyPage } from '../pages/api-keys-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { memberOrNotFound, sendDialog, sendNotFound, sendRefusal } from './org-route-helpers.tsx';
import { apiKeysPath, organizationPath } from '../app-paths.ts';

type OrgParams = { Params: { orgId: string } };
type KeyParams = { Params: { orgId: string; keyId: string } };

/** The API keys page (api/authentication.md): owners generate (shown once), list and revoke keys. */
export function registerApiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const back = (orgId: string) => ({
    href: organizationPath(orgId),
    label: 'Back to organization',
  });

  async function showKeys(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    orgId: string,
    extra: {
      created?: CreatedApiKey;
      failure?: { error: Failure<ErrorCode>; values: Record<string, string | undefined> };
    } = {},
  ) {
    const [access, keys] = await Promise.all([
      memberOrNotFound(request, reply, ctx, orgId, actor),
      listApiKeys(deps, actor, orgId),
    ]);
    if (!access) return reply;
    if (!keys.ok) return sendRefusal(request, reply, ctx, keys.error, back(orgId));
    const failure = extra.failure;
    return sendPage(
      reply,
      <ApiKeysPage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        keys={keys.value}
        created={extra.created}
        form={
          failure
            ? {
                values: failure.values,
                errors: fieldMessages(failure.error),
                message: failure.error.message,
              }
            : undefined
        }
        now={deps.clock.now()}
      />,
      failure ? failureStatus(failure.error) : 200,
    );
  }

  app.get<OrgParams>('/organizations/:orgId/api-keys', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    return showKeys(request, reply, auth.actor, request.params.orgId);
  });

  app.post<OrgParams>('/organizations/:orgId/api-keys', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId } = request.params;
    const f = formFields(request);
    const result = await createApiKey(deps, auth.actor, orgId, f.name ?? '');
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') return sendNotFound(request, reply, ctx);
      // A role that may not manage keys gets the refusal alone, not the page.
      if (reasonOf(result.error) === 'ROLE')
        return sendRefusal(request, reply, ctx, result.error, back(orgId));
      return showKeys(request, reply, auth.actor, orgId, {
        failure: { error: result.error, values: f },
      });
    }
    // Shown in this response only: the key never goes into a redirect, a cookie or a log.
    return showKeys(request, reply, auth.actor, orgId, { created: result.value });
  });

  async function findKey(
    request: FastifyRequest<KeyParams>,
    reply: FastifyReply,
    actor: UserActor,
  ) {
    const { orgId, keyId } = request.params;
    const [access, key] = await Promise.all([
      memberOrNotFound(request, reply, ctx, orgId, actor),
      activeApiKey(deps, actor, orgId, keyId),
    ]);
    if (!access) return undefined;
    if (!key.ok) {
      if (key.error.code === 'NOT_FOUND')
        await sendNotFound(request, reply, ctx, key.error.message);
      else await sendRefusal(request, reply, ctx, key.error, back(orgId));
      return undefined;
    }
    const apiKey = key.value;
    return { org: access.organization, apiKey };
  }

  app.get<KeyParams>('/organizations/:orgId/api-keys/:keyId/revoke', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const found = await findKey(request, reply, auth.actor);
    if (!found) return reply;
    return sendDialog(request, reply, {
      modal: (
        <RevokeKeyDialog
          org={found.org}
          apiKey={found.apiKey}
          csrfToken={request.csrfToken}
          mode="modal"
        />
      ),
      page: (
        <RevokeKeyPage
          page={pageContext(request, reply, ctx)}
          org={found.org}
          apiKey={found.apiKey}
        />
      ),
    });
  });

  app.post<KeyParams>('/organizations/:orgId/api-keys/:keyId/revoke', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, keyId } = request.params;
    const result = await revokeApiKey(deps, auth.actor, orgId, keyId);
    if (!result.ok)
      return sendRefusal(request, reply, ctx, result.error, {
        href: apiKeysPath(orgId),
        label: 'Back to API keys',
      });
    return redirectWithFlash(reply, ctx, apiKeysPath(orgId), 'api_key_revoked');
  });
}
