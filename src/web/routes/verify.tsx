import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimCredential } from '../../core/credentials/claim.ts';
import { recordVerification } from '../../core/credentials/verification-events.ts';
import {
  renewalLinks,
  verifyIssuedCredential,
  type VerifiedCredential,
} from '../../core/credentials/verify.ts';
import { isRecipient } from '../../core/credentials/visibility.ts';
import {
  embedSnippet,
  linkedInAddToProfileUrl,
  linkedInShareUrl,
  xShareUrl,
} from '../../core/credentials/sharing.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import { verificationUrl } from '../../core/public-urls.ts';
import type { Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { PrivateCredentialPage, VerifyPage } from '../pages/verify-page.tsx';
import type { RecipientShareLinks } from '../pages/verify-parts.tsx';
import { verifyPath } from '../public-paths.ts';
import { failureStatus, pageContext, sendPage } from '../respond.tsx';

type VerifyParams = { Params: { id: string }; Querystring: Record<string, string | undefined> };

/** The public verification page and claiming (verifying-a-credential.md, claiming-a-credential.md). */
export function registerVerifyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;
  const loginBackTo = (id: string) => `/login?redirect=${encodeURIComponent(verifyPath(id))}`;

  /** LinkedIn, X and embed links of a public credential, offered to its recipient only. */
  function recipientShareLinks(v: VerifiedCredential, url: string): RecipientShareLinks {
    const { credential: c, badge, organization: org } = v;
    return {
      addToProfile: linkedInAddToProfileUrl({
        name: badge.name,
        organizationName: org.name,
        linkedinCompanyId: org.linkedinCompanyId,
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        certUrl: url,
        certId: c.shortId,
      }),
      linkedIn: linkedInShareUrl(url),
      x: xShareUrl(url, `${badge.name}, issued by ${org.name}.`),
      embed: embedSnippet(deps.publicUrl, c.shortId),
    };
  }

  function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="Credential not found"
        kind="neutral"
        actions={[{ href: '/verify-lookup', label: 'Look up a credential' }]}
      >
        No credential has this ID. Check it against the certificate or the email, including the CRD-
        at its start.
      </MessagePage>,
      404,
    );
  }

  /** The page for `id` as the viewer may see it; `claimFailure` re-renders it after a refused claim. */
  async function showVerify(
    request: FastifyRequest<VerifyParams>,
    reply: FastifyReply,
    opts: { claimFailure?: Failure<ErrorCode> } = {},
  ) {
    const { id } = request.params;
    const user = request.auth?.user;
    const result = await verifyIssuedCredential(deps, id, user?.id ?? null);
    if (!result.ok) {
      if (result.error.code !== 'FORBIDDEN') return sendNotFound(request, reply);
      // A visitor's "Sign in" on the notice: back here afterwards, without the page naming the id.
      if (!user && request.query['sign-in'] !== undefined)
        return reply.code(303).redirect(loginBackTo(id));
      // The notice is the whole page, answered with the refusal's status (troubleshooting.md: 403).
      return sendPage(
        reply,
        <PrivateCredentialPage page={pageContext(request, reply, ctx)} />,
        failureStatus(result.error),
      );
    }
    const v = result.value;
    const now = deps.clock.now();
    // A HEAD shows nobody the page (and a refused claim is a POST): only a GET is a view.
    if (request.method === 'GET')
      await recordVerification(deps, v.credential, 'page', user?.id ?? null);
    const url = verificationUrl(deps.publicUrl, v.credential.shortId);
    const { supersedes, supersededBy } = await renewalLinks(deps, v.credential, user?.id ?? null);
    return sendPage(
      reply,
      <VerifyPage
        page={pageContext(request, reply, ctx)}
        verified={v}
        now={now}
        publicUrl={deps.publicUrl}
        verificationUrl={url}
        supersedes={supersedes}
        supersededBy={supersededBy}
        isClaimer={user !== undefined && v.credential.claimedBy === user.id}
        recipientShare={
          v.credential.isPublic && user !== undefined && isRecipient(user, v.credential)
            ? recipientShareLinks(v, url)
            : null
        }
        qrCodes={effectivePlan(v.organization.subscription, now).features.qrCodes}
        claimFailure={opts.claimFailure}
      />,
      opts.claimFailure ? failureStatus(opts.claimFailure) : 200,
    );
  }

  app.get<VerifyParams>('/verify/:id', (request, reply) => showVerify(request, reply));

  app.post<VerifyParams>('/verify/:id/claim', async (request, reply) => {
    const { id } = request.params;
    if (!request.auth) return reply.code(303).redirect(loginBackTo(id));
    const result = await claimCredential(deps, request.auth.actor, id);
    if (result.ok) return reply.code(303).redirect(verifyPath(result.value.shortId));
    if (result.error.code === 'NOT_FOUND') return sendNotFound(request, reply);
    return showVerify(request, reply, { claimFailure: result.error });
  });
}
