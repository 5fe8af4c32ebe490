import type { FastifyInstance } from 'fastify';
import { currentStatusList } from '../../core/credentials/status-list-documents.ts';
import type { AppContext } from '../context.ts';
import { publicHeaders, sendPublicError, sendPublicJson } from '../reply.ts';

const MAX_AGE = 60;

/**
 * Revocation outside verifiers can see: the signed BitstringStatusListCredential of
 * /issuers/{slug}/status/{n}. A minute of caching keeps verifiers from hammering it while a
 * revocation still shows quickly; the ETag (the list's version) makes re-checks cheap.
 */
export function registerStatusLists(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { slug: string; n: string } }>(
    '/issuers/:slug/status/:n',
    async (request, reply) => {
      const n = /^[1-9][0-9]{0,8}$/.test(request.params.n) ? Number(request.params.n) : undefined;
      const list =
        n === undefined ? undefined : await currentStatusList(ctx.deps, request.params.slug, n);
      if (!list)
        return sendPublicError(reply, { code: 'NOT_FOUND', message: 'No such status list.' });
      const etag = `W/"${list.version}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) {
        return publicHeaders(reply, MAX_AGE).code(304).send();
      }
      return sendPublicJson(reply, 'application/ld+json', list.document, MAX_AGE);
    },
  );
}
