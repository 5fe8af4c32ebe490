import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicAchievement, publicAchievements } from '../../core/credentials/achievements.ts';
import { achievementsUrl } from '../../core/public-urls.ts';
import { issuerDid } from '../../core/signing-keys/issuer-did.ts';
import { publishedIssuerKeys } from '../../core/signing-keys/signing-keys.ts';
import { buildAchievementCollection, buildAchievementDocument } from '../../vc/achievement.ts';
import { buildDidDocument } from '../../vc/did-document.ts';
import { buildIssuerProfile } from '../../vc/issuer-profile.ts';
import { achievementFacts, issuerFacts } from '../../vc/laurel-documents.ts';
import { LAUREL_CONTEXT_V1 } from '../../vc/laurel-context.ts';
import type { AppContext } from '../context.ts';
import { sendPublicError, sendPublicJson } from '../reply.ts';

export function registerIssuerDocuments(app: FastifyInstance, ctx: AppContext): void {
  const { publicUrl } = ctx.config;
  const notFound = (reply: FastifyReply, message = 'No such issuer.') =>
    sendPublicError(reply, { code: 'NOT_FOUND', message });

  app.get<{ Params: { slug: string } }>('/issuers/:slug/did.json', async (request, reply) => {
    const found = await publishedIssuerKeys(ctx.deps, request.params.slug);
    if (!found) return notFound(reply);
    const did = issuerDid(publicUrl, found.organization.slug);
    return sendPublicJson(reply, 'application/did+json', buildDidDocument(did, found.keys));
  });

  app.get<{ Params: { slug: string } }>('/issuers/:slug', async (request, reply) => {
    const found = await publishedIssuerKeys(ctx.deps, request.params.slug);
    if (!found) return notFound(reply);
    return sendPublicJson(
      reply,
      'application/ld+json',
      buildIssuerProfile(issuerFacts(publicUrl, found.organization)),
    );
  });

  app.get<{ Params: { slug: string } }>('/issuers/:slug/achievements', async (request, reply) => {
    const found = await publicAchievements(ctx.deps, request.params.slug);
    if (!found) return notFound(reply);
    const issuer = issuerFacts(publicUrl, found.organization);
    const achievements = found.badges.map((b) =>
      buildAchievementDocument(achievementFacts(publicUrl, found.organization, b), issuer),
    );
    return sendPublicJson(
      reply,
      'application/ld+json',
      buildAchievementCollection(achievementsUrl(publicUrl, found.organization.slug), achievements),
    );
  });

  app.get<{ Params: { orgSlug: string; badgeSlug: string } }>(
    '/achievements/:orgSlug/:badgeSlug',
    async (request, reply) => {
      const found = await publicAchievement(
        ctx.deps,
        request.params.orgSlug,
        request.params.badgeSlug,
      );
      if (!found) return notFound(reply, 'No such achievement.');
      const document = buildAchievementDocument(
        achievementFacts(publicUrl, found.organization, found.badge),
        issuerFacts(publicUrl, found.organization),
      );
      return sendPublicJson(reply, 'application/ld+json', document);
    },
  );

  // The context of the achievements list; the same bytes on every host, so cached for a day.
  app.get('/contexts/laurel/v1.jsonld', (_request, reply) =>
    sendPublicJson(reply, 'application/ld+json', LAUREL_CONTEXT_V1, 86_400),
  );
}
