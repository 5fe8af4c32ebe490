import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { errorBody } from '../../http/errors.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { pageContext, sendPage } from '../respond.tsx';

/** 404 and 500 as pages for people and as the documented JSON body for the API. */
export function registerErrorPages(app: FastifyInstance, ctx: AppContext): void {
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'Not found.' }));
    }
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="Page not found"
        kind="neutral"
        actions={[{ href: '/', label: 'Go home' }]}
      >
        There is nothing at this address.
      </MessagePage>,
      404,
    );
  });

  app.setErrorHandler(
    (error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 500;
      if (status === 500) request.log.error({ err: error }, 'request failed');
      if (request.url.startsWith('/api/')) {
        const code = status === 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR';
        return reply.code(status).send(
          errorBody({
            code,
            message: status === 500 ? 'Something went wrong on our side.' : error.message,
          }),
        );
      }
      return sendPage(
        reply,
        <MessagePage
          page={pageContext(request, reply, ctx)}
          title={status === 500 ? 'Something went wrong' : 'Request refused'}
          kind="danger"
          actions={[{ href: '/', label: 'Go home' }]}
        >
          {status === 500
            ? 'Something went wrong on our side. Try again in a moment.'
            : error.message}
        </MessagePage>,
        status,
      );
    },
  );
}
