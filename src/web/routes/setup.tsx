import type { FastifyInstance } from 'fastify';
import { needsSetup, setupFirstAdmin } from '../../core/accounts/setup.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { startSessionCookie } from '../../http/session-plugin.ts';
import { SetupPage } from '../pages/setup-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  sendPage,
} from '../respond.tsx';

// Public documents for verifiers are not pages: they never redirect to /setup.
const ALWAYS_REACHABLE = [
  '/setup',
  '/assets/',
  '/healthz',
  '/issuers/',
  '/achievements/',
  '/contexts/',
  '/badge-images/',
  '/api/',
  '/credentials/',
];

/**
 * On an empty database every page sends the visitor to /setup to create the first platform
 * admin; afterwards /setup answers 404. Once set up stays set up, so the check stops querying.
 */
export function registerSetupRoutes(app: FastifyInstance, ctx: AppContext): void {
  let setUp = false;
  const isSetUp = async () => (setUp ||= !(await needsSetup(ctx.deps)));

  app.addHook('onRequest', async (request, reply) => {
    if (setUp || ALWAYS_REACHABLE.some((p) => request.url.startsWith(p))) return;
    if (!(await isSetUp())) await reply.code(303).redirect('/setup');
  });

  app.get('/setup', async (request, reply) => {
    if (await isSetUp()) return reply.callNotFound();
    return sendPage(reply, <SetupPage page={pageContext(request, reply, ctx)} />);
  });

  app.post('/setup', async (request, reply) => {
    if (await isSetUp()) return reply.callNotFound();
    const f = formFields(request);
    const input = {
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      email: f.email ?? '',
      password: f.password ?? '',
    };
    const result = await setupFirstAdmin(ctx.deps, input);
    if (!result.ok) {
      return sendPage(
        reply,
        <SetupPage
          page={pageContext(request, reply, ctx)}
          values={{ firstName: input.firstName, lastName: input.lastName, email: input.email }}
          errors={fieldMessages(result.error)}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    setUp = true;
    startSessionCookie(reply, ctx.cookies, result.value.token);
    return redirectWithFlash(reply, ctx, '/admin', 'setup_done');
  });
}
