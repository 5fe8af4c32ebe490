import type { FastifyInstance } from 'fastify';
import { changePassword } from '../../core/accounts/change-password.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { startSessionCookie } from '../../http/session-plugin.ts';
import { AccountSettingsPage } from '../pages/account-settings-page.tsx';
import {
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  requireUser,
  sendPage,
} from '../respond.tsx';

export function registerAccountSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/account', (request, reply) => {
    if (!requireUser(request, reply)) return reply;
    return sendPage(reply, <AccountSettingsPage page={pageContext(request, reply, ctx)} />);
  });

  app.post('/account/password', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const f = formFields(request);
    const result = await changePassword(ctx.deps, auth.actor, {
      currentPassword: f.currentPassword ?? '',
      newPassword: f.newPassword ?? '',
    });
    if (!result.ok) {
      return sendPage(
        reply,
        <AccountSettingsPage
          page={pageContext(request, reply, ctx)}
          errors={fieldMessages(result.error)}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    startSessionCookie(reply, ctx.cookies, result.value.token);
    return redirectWithFlash(reply, ctx, '/account', 'password_changed');
  });
}
