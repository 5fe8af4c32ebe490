import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMAGE_EXTENSIONS, detectRasterImage } from '../../core/images.ts';
import {
  avatarPath,
  getProfile,
  removeAvatar,
  setAvatar,
  updateProfile,
} from '../../core/profiles/profile.ts';
import { getPublicProfile } from '../../core/profiles/public-profile.ts';
import { prepareBadgeImage, withoutMetadata } from '../../http/badge-image.ts';
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

const AVATAR_ACCEPTED = 'Upload a PNG, JPEG or WebP image of at most 5 MB.';
const AVATAR_TOO_LARGE = 'The avatar must be at most 5 MB.';
const AVATAR_UNREADABLE =
  'That image could not be read. Upload a PNG, JPEG or WebP image of at most 5 MB.';

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
    userId: string,
    form: EditForm = {},
    status = 200,
  ) {
    const person = await getProfile(deps, userId);
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
    return showEdit(request, reply, auth.user.id);
  });

  app.post('/profile/edit', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const f = formFields(request);
    const result = await updateProfile(deps, auth.user.id, {
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      profileSlug: f.profileSlug,
      linkedinUrl: f.linkedinUrl,
    });
    if (!result.ok) {
      return showEdit(
        request,
        reply,
        auth.user.id,
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
      showEdit(request, reply, auth.user.id, { avatarError }, status);
    const form = await readMultipartForm(request);
    if (form.tooLarge) return refuse(AVATAR_TOO_LARGE, 413);
    const type = form.file && detectRasterImage(form.file);
    if (!form.file || !type) return refuse(AVATAR_ACCEPTED, 400);
    // The badge image check: for a raster image it is libvips agreeing with the magic bytes,
    // within a sane pixel size. Its words speak of badges and SVG, so ours replace them.
    if (!(await prepareBadgeImage(form.file)).ok) return refuse(AVATAR_UNREADABLE, 400);
    // Store, then record; a refused record removes the file again.
    const key = `avatars/${auth.user.id}-${randomBytes(8).toString('hex')}.${IMAGE_EXTENSIONS[type]}`;
    await ctx.storage.put(key, await withoutMetadata(form.file, type), type);
    const result = await setAvatar(deps, auth.user.id, key);
    if (!result.ok) {
      await ctx.storage.delete(key);
      return refuse(result.error.message, failureStatus(result.error));
    }
    if (result.value.previous) await ctx.storage.delete(result.value.previous);
    return redirectWithFlash(reply, ctx, '/profile/edit', 'avatar_updated');
  });

  app.post('/profile/avatar/delete', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const result = await removeAvatar(deps, auth.user.id);
    if (!result.ok)
      return showEdit(
        request,
        reply,
        auth.user.id,
        { avatarError: result.error.message },
        failureStatus(result.error),
      );
    if (result.value.previous) await ctx.storage.delete(result.value.previous);
    return redirectWithFlash(reply, ctx, '/profile/edit', 'avatar_removed');
  });

  /** Avatars are public: they appear on public profiles. */
  app.get<{ Params: { userId: string } }>('/avatars/:userId', async (request, reply) => {
    const key = await avatarPath(deps, request.params.userId);
    return sendPublicImage(reply, key ? await ctx.storage.get(key) : undefined);
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
