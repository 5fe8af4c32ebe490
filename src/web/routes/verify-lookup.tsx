import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SHORT_ID_PATTERN } from '../../core/credentials/short-id.ts';
import { findIssuedCredential } from '../../core/credentials/verify.ts';
import { ourCredentialIdOf } from '../../core/wallet/credential-facts.ts';
import type { AppContext } from '../../http/context.ts';
import { verifyBakedImage } from '../../http/public/baked-image-verification.ts';
import {
  LOOKUP_PATH,
  VerifyLookupPage,
  type VerifyLookupPageProps,
} from '../pages/verify-lookup-page.tsx';
import { verifyPath } from '../public-paths.ts';
import { failureStatus, pageContext, sendPage } from '../respond.tsx';
import { readMultipartForm } from './org-route-helpers.tsx';
import { verificationUploadRefusal } from './verification-uploads.ts';

/** A typed or pasted ID as we store it: no spaces, upper case. */
function normalizeId(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * /verify-lookup (verifying-a-credential.md): a credential ID sends the visitor to its
 * verification page; an uploaded baked image is verified here. Nothing is stored either way.
 * A well-formed ID redirects whether or not it exists: /verify answers that, the same way it
 * does for a link, so this page tells nobody more than the verification page would.
 */
export function registerVerifyLookupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  function show(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<VerifyLookupPageProps, 'page'>,
    status = 200,
  ) {
    return sendPage(
      reply,
      <VerifyLookupPage page={pageContext(request, reply, ctx)} {...props} />,
      status,
    );
  }

  app.get<{ Querystring: { id?: unknown } }>(LOOKUP_PATH, async (request, reply) => {
    const raw = request.query.id;
    if (raw === undefined) return show(request, reply, {});
    const typed = typeof raw === 'string' ? raw : '';
    const id = normalizeId(typed);
    if (!SHORT_ID_PATTERN.test(id)) {
      const error =
        id === ''
          ? 'Enter a credential ID.'
          : 'A credential ID is CRD- followed by 8 letters or digits, like CRD-ZBUYQMTA.';
      return show(request, reply, { lookup: { value: typed.slice(0, 64), error } }, 400);
    }
    return reply.code(303).redirect(verifyPath(id));
  });

  app.post(LOOKUP_PATH, async (request, reply) => {
    const limited = await verificationUploadRefusal(deps, request, reply);
    if (limited)
      return show(request, reply, { uploadError: limited.message }, failureStatus(limited));
    const form = await readMultipartForm(request);
    if (form.tooLarge)
      return show(request, reply, { uploadError: 'The image is larger than 5 MB.' }, 400);
    if (!form.file)
      return show(
        request,
        reply,
        { uploadError: 'Choose a PNG or SVG badge image to upload.' },
        400,
      );
    const verified = await verifyBakedImage(deps, form.file);
    if (!verified.ok)
      return show(
        request,
        reply,
        { uploadError: verified.error.message },
        failureStatus(verified.error),
      );
    const { credential, report } = verified.value;
    // One of ours (its id is urn:uuid:{our id}) gets a link to its page, if this visitor may see it there.
    const uuid = ourCredentialIdOf(credential);
    const ours = uuid
      ? await findIssuedCredential(deps, uuid, request.auth?.user.id ?? null)
      : undefined;
    return show(request, reply, {
      result: {
        credential,
        report,
        verifyPath: ours?.ok ? verifyPath(ours.value.credential.shortId) : undefined,
      },
    });
  });
}
