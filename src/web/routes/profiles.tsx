import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../core/authz/actor.ts';
import { imageRefusalMessage } from '../../core/image-uses.ts';
import { avatarImage, removeAvatar, setAvatar } from '../../core/profiles/avatar.ts';
import { getProfile, updateProfile } from '../../core/profiles/profile.ts';
import { getPublicProfile } from '../../core/profiles/public-profile.ts';
import { sendPublicImage } from '../../http/reply.ts';
import { profileUrl } from '../../core/public-urls.ts';
import { profilePath } from '../public-paths.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { ProfileEditPage, type ProfileValues } from '../pages/profile-edit-page.tsx';
import { PublicProfilePage } from '../pages/public-profile-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';
import { readMultipartForm } from './org-route-helpers.tsx';

interface EditForm {
  values?: ProfileValues;
  errors?: Record<string, string>;
  message?: string;
  avatarError?: string;
}

/** The recipient's profile: editing it, its avatar, and the public page at /u/{slug} (public-profile.md). */
export function registerProfileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const profileBase = profileUrl(ctx.config.publicUrl, '');

  async function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    form: EditForm = {},
    status = 200,
  ) {
    const person = await getProfile(deps, actor);
    if (!person.ok) return reply.code(303).redirect('/login');
    const p = person.value;
    return sendPage(
      reply,
      <ProfileEditPage
        page={pageContext(request, reply, ctx)}
        person={p}
        values={
          form.values ?? {
            firstName: p.firstName,
            lastName: p.lastName,
            profileSlug: p.profileSlug,
            linkedinUrl: p.linkedinUrl,
          }
        }
        errors={form.errors}
        message={form.message}
        avatarError={form.avatarError}
        profileBase={profileBase}
      />,
      status,
    );
  }

  app.get('/profile/edit', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    return showEdit(request, reply, auth.actor);
  });

  app.post('/profile/edit', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const f = formFields(request);
    const result = await updateProfile(deps, auth.actor, {
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      profileSlug: f.profileSlug,
      linkedinUrl: f.linkedinUrl,
    });
    if (!result.ok) {
      return showEdit(
        request,
        reply,
        auth.actor,
        { values: f, errors: fieldMessages(result.error), message: result.error.message },
        failureStatus(result.error),
      );
    }
    const slug = result.value.profileSlug;
    return redirectWithFlash(
      reply,
      ctx,
      slug ? profilePath(slug) : '/profile/edit',
      'profile_saved',
    );
  });

  app.post('/profile/avatar', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const refuse = (avatarError: string, status: number) =>
      showEdit(request, reply, auth.actor, { avatarError }, status);
    const form = await readMultipartForm(request);
    if (form.tooLarge) return refuse(imageRefusalMessage('avatar', 'TOO_LARGE'), 413);
    if (!form.file) return refuse(imageRefusalMessage('avatar', 'NOT_AN_IMAGE'), 400);
    const result = await setAvatar(deps, auth.actor, form.file);
    if (!result.ok) return refuse(result.error.message, failureStatus(result.error));
    return redirectWithFlash(reply, ctx, '/profile/edit', 'avatar_updated');
  });

  app.post('/profile/avatar/delete', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const result = await removeAvatar(deps, auth.actor);
    if (!result.ok)
      return showEdit(
        request,
        reply,
        auth.actor,
        { avatarError: result.error.message },
        failureStatus(result.error),
      );
    return redirectWithFlash(reply, ctx, '/profile/edit', 'avatar_removed');
  });

  /** Avatars are public: they appear on public profiles. */
  app.get<{ Params: { userId: string } }>('/avatars/:userId', async (request, reply) => {
    return sendPublicImage(reply, await avatarImage(deps, request.params.userId));
  });

  app.get<{ Params: { slug: string } }>('/u/:slug', async (request, reply) => {
    const result = await getPublicProfile(deps, request.params.slug, request.auth?.user.id ?? null);
    if (!result.ok) {
      return sendPage(
        reply,
        <MessagePage
          page={pageContext(request, reply, ctx)}
          title="Profile not found"
          kind="neutral"
          actions={[{ href: '/', label: 'Go home' }]}
        >
          {result.error.message}
        </MessagePage>,
        failureStatus(result.error),
      );
    }
    const slug = result.value.person.profileSlug;
    // One address per profile: /u/Ada-Lovelace answers with /u/ada-lovelace.
    if (request.params.slug !== slug) return reply.code(301).redirect(profilePath(slug));
    return sendPage(
      reply,
      <PublicProfilePage
        page={pageContext(request, reply, ctx)}
        profile={result.value}
        url={profileUrl(ctx.config.publicUrl, slug)}
        now={deps.clock.now()}
      />,
    );
  });
}
