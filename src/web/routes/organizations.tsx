import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { imageRefusalMessage } from '../../core/image-uses.ts';
import {
  organizationLogo,
  removeOrganizationLogo,
  setOrganizationLogo,
} from '../../core/organizations/logo.ts';
import {
  authorizeOrganizationUpdate,
  createOrganization,
  getOrganizationForMember,
  recentVerificationCount,
  resubmitOrganization,
  setEmailNotifications,
  updateOrganization,
} from '../../core/organizations/organizations.ts';
import { currentQuotaUsage } from '../../core/credentials/quota.ts';
import { didDocumentUrl } from '../../core/public-urls.ts';
import { issuerDid } from '../../core/signing-keys/issuer-did.ts';
import { generateSigningKeys, listSigningKeys } from '../../core/signing-keys/signing-keys.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { NewOrganizationPage } from '../pages/new-organization-page.tsx';
import { OrganizationPage } from '../pages/organization-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { organizationCardPath, organizationPath } from '../app-paths.ts';

type OrgRequest = FastifyRequest<{ Params: { orgId: string } }>;

export function registerOrganizationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  function notFound(
    request: FastifyRequest,
    reply: FastifyReply,
    message = 'This organization does not exist, or you are not a member of it.',
  ) {
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="Not found"
        kind="neutral"
        actions={[{ href: '/dashboard', label: 'Go to dashboard' }]}
      >
        {message}
      </MessagePage>,
      404,
    );
  }

  async function showOrganization(
    request: OrgRequest,
    reply: FastifyReply,
    form?: {
      values: Record<string, string | undefined>;
      errors: Record<string, string>;
      message: string;
      status: number;
    },
  ) {
    const auth = request.auth;
    if (!auth) return reply;
    const [access, keys, verifications] = await Promise.all([
      getOrganizationForMember(deps, auth.actor, request.params.orgId),
      listSigningKeys(deps, auth.actor, request.params.orgId),
      recentVerificationCount(deps, auth.actor, request.params.orgId),
    ]);
    if (!access.ok || !keys.ok || !verifications.ok) return notFound(request, reply);
    const slug = access.value.organization.slug;
    const quota = await currentQuotaUsage(deps, access.value.organization);
    return sendPage(
      reply,
      <OrganizationPage
        page={pageContext(request, reply, ctx)}
        access={access.value}
        signingKeys={keys.value}
        did={issuerDid(ctx.config.publicUrl, slug)}
        didUrl={didDocumentUrl(ctx.config.publicUrl, slug)}
        now={deps.clock.now()}
        quota={quota}
        verifications={verifications.value}
        form={form}
      />,
      form?.status ?? 200,
    );
  }

  app.get('/organizations/new', (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    return sendPage(
      reply,
      <NewOrganizationPage
        page={pageContext(request, reply, ctx)}
        emailVerified={auth.user.emailVerifiedAt !== null}
      />,
    );
  });

  app.post('/organizations/new', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const f = formFields(request);
    const result = await createOrganization(deps, auth.actor, {
      name: f.name ?? '',
      slug: f.slug,
      website: f.website,
      description: f.description,
    });
    if (!result.ok) {
      return sendPage(
        reply,
        <NewOrganizationPage
          page={pageContext(request, reply, ctx)}
          emailVerified
          values={f}
          errors={fieldMessages(result.error)}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    return redirectWithFlash(reply, ctx, organizationPath(result.value.id), 'org_created');
  });

  app.get<{ Params: { orgId: string } }>('/organizations/:orgId', async (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    return showOrganization(request, reply);
  });

  app.post<{ Params: { orgId: string } }>('/organizations/:orgId', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const f = formFields(request);
    const result = await updateOrganization(deps, auth.actor, request.params.orgId, {
      name: f.name ?? '',
      slug: f.slug,
      website: f.website,
      description: f.description,
      linkedinCompanyId: f.linkedinCompanyId,
    });
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') return notFound(request, reply);
      return showOrganization(request, reply, {
        values: f,
        errors: fieldMessages(result.error),
        message: result.error.message,
        status: failureStatus(result.error),
      });
    }
    return redirectWithFlash(reply, ctx, organizationPath(result.value.id), 'org_updated');
  });

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/signing-keys',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await generateSigningKeys(deps, auth.actor, request.params.orgId);
      if (!result.ok)
        return failurePage(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(
        reply,
        ctx,
        organizationCardPath(request.params.orgId, 'signing-keys'),
        'keys_generated',
      );
    },
  );

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/resubmit',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await resubmitOrganization(deps, auth.actor, request.params.orgId);
      if (!result.ok)
        return failurePage(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(
        reply,
        ctx,
        organizationPath(request.params.orgId),
        'org_resubmitted',
      );
    },
  );

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/notifications',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const enabled = formFields(request).enabled === 'on';
      const result = await setEmailNotifications(deps, auth.actor, request.params.orgId, enabled);
      if (!result.ok)
        return failurePage(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(
        reply,
        ctx,
        organizationPath(request.params.orgId),
        enabled ? 'emails_on' : 'emails_off',
      );
    },
  );

  app.post<{ Params: { orgId: string } }>('/organizations/:orgId/logo', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const orgId = request.params.orgId;
    // Permission first: nothing is read into memory or written for someone who may not edit.
    const access = await authorizeOrganizationUpdate(deps, auth.actor, orgId);
    if (!access.ok)
      return failurePage(request, reply, access.error.message, failureStatus(access.error));
    let bytes: Buffer;
    try {
      const file = await request.file();
      bytes = file ? await file.toBuffer() : Buffer.alloc(0);
      // Past the size limit the stream is cut, and toBuffer does not always throw: refuse a cut image too.
      if (file?.file.truncated) throw new Error('truncated');
    } catch {
      return failurePage(request, reply, imageRefusalMessage('logo', 'TOO_LARGE'), 413);
    }
    const result = await setOrganizationLogo(deps, auth.actor, orgId, bytes);
    if (!result.ok)
      return failurePage(request, reply, result.error.message, failureStatus(result.error));
    return redirectWithFlash(reply, ctx, organizationPath(orgId), 'logo_updated');
  });

  app.post<{ Params: { orgId: string } }>(
    '/organizations/:orgId/logo/delete',
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const result = await removeOrganizationLogo(deps, auth.actor, request.params.orgId);
      if (!result.ok)
        return failurePage(request, reply, result.error.message, failureStatus(result.error));
      return redirectWithFlash(reply, ctx, organizationPath(request.params.orgId), 'logo_removed');
    },
  );

  /** Logos are public: they appear on credentials and public pages. */
  app.get<{ Params: { orgId: string } }>('/logos/:orgId', async (request, reply) => {
    const file = await organizationLogo(deps, request.params.orgId);
    if (!file) return reply.code(404).type('text/plain').send('Not found');
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .type(file.contentType)
      .send(file.bytes);
  });

  function failurePage(
    request: FastifyRequest,
    reply: FastifyReply,
    message: string,
    status: number,
  ) {
    if (status === 404) return notFound(request, reply);
    const orgId = (request.params as { orgId?: string }).orgId;
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="That did not work"
        kind="danger"
        actions={orgId ? [{ href: organizationPath(orgId), label: 'Back to organization' }] : []}
      >
        {message}
      </MessagePage>,
      status,
    );
  }
}
