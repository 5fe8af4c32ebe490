import type { FastifyInstance, FastifyReply } from 'fastify';
import { issuerDid } from '../../core/signing-keys/issuer-did.ts';
import { publishedIssuerKeys } from '../../core/signing-keys/signing-keys.ts';
import { buildDidDocument } from '../../vc/did-document.ts';
import { buildIssuerProfile } from '../../vc/issuer-profile.ts';
import type { AppContext } from '../context.ts';

/** Public documents any verifier fetches: readable from any origin, cacheable for a short while. */
function sendPublicJson(reply: FastifyReply, contentType: string, body: unknown): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', 'public, max-age=300')
    .type(contentType)
    .send(JSON.stringify(body));
}

export function registerIssuerDocuments(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (reply: FastifyReply) => reply.code(404).header('access-control-allow-origin', '*').send({ error: 'NOT_FOUND', message: 'No such issuer.' });

  app.get<{ Params: { slug: string } }>('/issuers/:slug/did.json', async (request, reply) => {
    const found = await publishedIssuerKeys(ctx.deps, request.params.slug);
    if (!found) return notFound(reply);
    const did = issuerDid(ctx.config.publicUrl, found.organization.slug);
    return sendPublicJson(reply, 'application/did+json', buildDidDocument(did, found.keys));
  });

  app.get<{ Params: { slug: string } }>('/issuers/:slug', async (request, reply) => {
    const found = await publishedIssuerKeys(ctx.deps, request.params.slug);
    if (!found) return notFound(reply);
    const org = found.organization;
    const profile = buildIssuerProfile({
      did: issuerDid(ctx.config.publicUrl, org.slug),
      name: org.name,
      url: org.website,
      description: org.description,
      imageUrl: org.logoPath ? `${ctx.config.publicUrl}/logos/${org.id}` : null,
    });
    return sendPublicJson(reply, 'application/ld+json', profile);
  });
}
