import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { previewBadgeImage } from '../../core/badges/badge-image-preview.ts';
import {
  authorizeBadgeAction,
  createBadge,
  updateBadge,
  type BadgeEdit,
} from '../../core/badges/badges.ts';
import { listBadges } from '../../core/badges/queries.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { imageRefusalMessage } from '../../core/image-uses.ts';
import type { UserActor } from '../../core/authz/actor.ts';
import { reasonOf, type Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { BadgeFormPage, type BadgeFormState } from '../pages/badge-form-page.tsx';
import { BadgePreview } from '../pages/badge-parts.tsx';
import {
  failureStatus,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendFragment,
  sendPage,
} from '../respond.tsx';
import { memberOrNotFound, readMultipartForm, sendNotFound } from './org-route-helpers.tsx';
import { badgePath } from '../app-paths.ts';
import { badgeRouteHelpers, type BadgeParams, type OrgParams } from './badge-route-helpers.tsx';

const CHOOSE_AGAIN = 'Choose the image again: it was not saved because of the errors in the form.';
const BADGE_IMAGE_TOO_LARGE = imageRefusalMessage('badge', 'TOO_LARGE');

/** A badge's new and edit forms (creating-a-badge.md), and the htmx preview of a chosen image. */
export function registerBadgeFormRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const { toTemplates, toBadge, mayDo, badgeOrRefusal, issuedCount } = badgeRouteHelpers(ctx);

  async function activeCount(actor: UserActor, orgId: string): Promise<number> {
    const r = await listBadges(deps, actor, orgId, {
      active: true,
      limit: 1,
      offset: 0,
    });
    return r.ok ? r.value.total : 0;
  }

  /**
   * The form again with the refusal. A chosen image the refusal does not name was fine but is
   * not kept: the person is asked to choose it again.
   */
  function formState(
    error: Failure<ErrorCode>,
    values: Record<string, string | undefined>,
    imageChosen: boolean,
  ): BadgeFormState {
    const reason = reasonOf(error);
    const errors = fieldMessages(error);
    return {
      values,
      errors: imageChosen && !errors.image ? { ...errors, image: CHOOSE_AGAIN } : errors,
      message: error.message,
      reason,
    };
  }

  /** The form again when the chosen image is over the upload limit (answered 413). */
  const imageTooLarge = (values: Record<string, string | undefined>): BadgeFormState => ({
    values,
    errors: { image: BADGE_IMAGE_TOO_LARGE },
    message: BADGE_IMAGE_TOO_LARGE,
  });

  async function showNewBadge(
    request: FastifyRequest<OrgParams>,
    reply: FastifyReply,
    actor: UserActor,
    form?: BadgeFormState,
    status = 200,
  ) {
    const { orgId } = request.params;
    const access = await memberOrNotFound(request, reply, ctx, orgId, actor);
    if (!access) return reply;
    return sendPage(
      reply,
      <BadgeFormPage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        activeBadges={await activeCount(actor, orgId)}
        form={form}
        now={deps.clock.now()}
      />,
      status,
    );
  }

  app.get<OrgParams>('/organizations/:orgId/badges/new', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId } = request.params;
    if (!(await mayDo(request, reply, auth.actor, orgId, 'badges.create', toTemplates(orgId))))
      return reply;
    return showNewBadge(request, reply, auth.actor);
  });

  app.post<OrgParams>('/organizations/:orgId/badges/new', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId } = request.params;
    const actor = auth.actor;
    // Permission first: nothing is read into memory or stored for someone who may not create.
    if (!(await mayDo(request, reply, auth.actor, orgId, 'badges.create', toTemplates(orgId))))
      return reply;
    const form = await readMultipartForm(request);
    const f = form.fields;
    if (form.tooLarge) return showNewBadge(request, reply, auth.actor, imageTooLarge(f), 413);
    const result = await createBadge(deps, actor, orgId, {
      name: f.name ?? '',
      slug: f.slug,
      description: f.description ?? '',
      criteria: f.criteria ?? '',
      externalUrl: f.externalUrl ?? null,
      expiresInDays: f.expiresInDays ?? null,
      tags: f.tags ?? '',
      image: form.file ?? null,
    });
    if (!result.ok) {
      return showNewBadge(
        request,
        reply,
        auth.actor,
        formState(result.error, f, form.file !== undefined),
        failureStatus(result.error),
      );
    }
    return redirectWithFlash(reply, ctx, badgePath(orgId, result.value.id), 'badge_created');
  });

  /** htmx: the chosen image as it will be stored (an SVG rasterised), or why it is refused. Stores nothing. */
  app.post<OrgParams>('/organizations/:orgId/badges/preview', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const allowed = await authorizeBadgeAction(
      deps,
      auth.actor,
      request.params.orgId,
      'badges.create',
    );
    if (!allowed.ok)
      return reply.code(failureStatus(allowed.error)).type('text/html; charset=utf-8').send('');
    const form = await readMultipartForm(request);
    let fragment;
    if (form.tooLarge) fragment = <BadgePreview src={null} error={BADGE_IMAGE_TOO_LARGE} />;
    else if (!form.file) fragment = <BadgePreview src={null} />;
    else {
      const preview = await previewBadgeImage(deps, form.file);
      if (!preview.ok) fragment = <BadgePreview src={null} error={preview.error.message} />;
      else {
        fragment = (
          <BadgePreview
            src={`data:image/png;base64,${preview.value.toString('base64')}`}
            note="Preview of the chosen image"
          />
        );
      }
    }
    return sendFragment(reply, fragment);
  });

  async function showEdit(
    request: FastifyRequest<BadgeParams>,
    reply: FastifyReply,
    actor: UserActor,
    form?: BadgeFormState,
    status = 200,
  ) {
    const { orgId, badgeId } = request.params;
    const access = await memberOrNotFound(request, reply, ctx, orgId, actor);
    if (!access) return reply;
    const view = await badgeOrRefusal(request, reply, actor, orgId, badgeId, toTemplates(orgId));
    if (!view) return reply;
    return sendPage(
      reply,
      <BadgeFormPage
        page={pageContext(request, reply, ctx)}
        org={access.organization}
        may={access.may}
        badge={view.badge}
        issued={await issuedCount(actor, orgId, badgeId)}
        form={form}
        now={deps.clock.now()}
      />,
      status,
    );
  }

  app.get<BadgeParams>('/organizations/:orgId/badges/:badgeId/edit', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, badgeId } = request.params;
    const back = toBadge(orgId, badgeId);
    if (!(await mayDo(request, reply, auth.actor, orgId, 'badges.edit', back))) return reply;
    return showEdit(request, reply, auth.actor);
  });

  app.post<BadgeParams>('/organizations/:orgId/badges/:badgeId/edit', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const { orgId, badgeId } = request.params;
    const back = toBadge(orgId, badgeId);
    if (!(await mayDo(request, reply, auth.actor, orgId, 'badges.edit', back))) return reply;
    const form = await readMultipartForm(request);
    const f = form.fields;
    if (form.tooLarge) return showEdit(request, reply, auth.actor, imageTooLarge(f), 413);
    // Only the fields the form sent change: locked ones are not in it.
    const changes: BadgeEdit = {};
    if (f.description !== undefined) changes.description = f.description;
    if (f.criteria !== undefined) changes.criteria = f.criteria;
    if (f.externalUrl !== undefined) changes.externalUrl = f.externalUrl;
    if (f.expiresInDays !== undefined) changes.expiresInDays = f.expiresInDays;
    if (f.tags !== undefined) changes.tags = f.tags;
    if (f.name !== undefined) changes.name = f.name;
    if (f.slug !== undefined) changes.slug = f.slug;
    if (form.file) changes.image = form.file;
    const result = await updateBadge(deps, auth.actor, orgId, badgeId, changes);
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') return sendNotFound(request, reply, ctx);
      return showEdit(
        request,
        reply,
        auth.actor,
        formState(result.error, f, form.file !== undefined),
        failureStatus(result.error),
      );
    }
    return redirectWithFlash(reply, ctx, badgePath(orgId, badgeId), 'badge_updated');
  });
}
