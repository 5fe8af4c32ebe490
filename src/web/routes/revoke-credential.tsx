import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { alreadyRevoked, roleRefusal } from '../../core/authz/refusals.ts';
import { getCredential } from '../../core/credentials/queries.ts';
import { revokeCredential } from '../../core/credentials/revoke.ts';
import type { UserActor } from '../../core/authz/actor.ts';
import type { AppContext } from '../../http/context.ts';
import { RevokeDialog, RevokePage } from '../pages/revoke-credential-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { memberOrNotFound, sendDialog, sendRefusal } from './org-route-helpers.tsx';
import { credentialsPath } from '../app-paths.ts';
import type { CredentialParams } from './credential-route-helpers.tsx';

/**
 * Revoking a credential (revoking-credentials.md): the confirm dialog, or a page of its own
 * without JavaScript.
 */
export function registerRevokeCredentialRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

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
}
