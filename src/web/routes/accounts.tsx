import type { FastifyInstance } from 'fastify';
import { resendVerification, verifyEmail } from '../../core/accounts/email-verification.ts';
import { requestPasswordReset, resetPassword } from '../../core/accounts/password-reset.ts';
import { register } from '../../core/accounts/register.ts';
import { signOut } from '../../core/accounts/sessions.ts';
import { signIn } from '../../core/accounts/sign-in.ts';
import type { AppContext } from '../../http/context.ts';
import { fieldMessages } from '../../http/errors.ts';
import { endSessionCookie, startSessionCookie } from '../../http/session-plugin.ts';
import {
  ForgotPasswordPage,
  LoginPage,
  RegisterPage,
  ResendVerificationPage,
  ResetPasswordPage,
} from '../pages/account-pages.tsx';
import { MessagePage } from '../pages/message-page.tsx';
import {
  clientIp,
  failureStatus,
  formFields,
  pageContext,
  redirectWithFlash,
  safeRedirectPath,
  sendPage,
} from '../respond.tsx';

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  app.get('/register', (request, reply) => {
    if (request.auth) return reply.redirect('/dashboard');
    const q = request.query as Record<string, string | undefined>;
    return sendPage(
      reply,
      <RegisterPage
        page={pageContext(request, reply, ctx)}
        values={{ email: q.email }}
        redirect={q.redirect}
      />,
    );
  });

  app.post('/register', async (request, reply) => {
    const f = formFields(request);
    const input = {
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      email: f.email ?? '',
      password: f.password ?? '',
    };
    const returnTo = f.redirect ? safeRedirectPath(f.redirect) : undefined;
    const result = await register(deps, input, clientIp(request), returnTo);
    if (!result.ok) {
      const values = { firstName: input.firstName, lastName: input.lastName, email: input.email };
      return sendPage(
        reply,
        <RegisterPage
          page={pageContext(request, reply, ctx)}
          values={values}
          errors={fieldMessages(result.error)}
          message={result.error.message}
          redirect={f.redirect}
        />,
        failureStatus(result.error),
      );
    }
    const redirect = f.redirect
      ? `&redirect=${encodeURIComponent(safeRedirectPath(f.redirect))}`
      : '';
    return redirectWithFlash(
      reply,
      ctx,
      `/login?email=${encodeURIComponent(result.value.email)}${redirect}`,
      'registered',
    );
  });

  app.get('/login', (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    if (request.auth) return reply.redirect(safeRedirectPath(q.redirect));
    return sendPage(
      reply,
      <LoginPage page={pageContext(request, reply, ctx)} email={q.email} redirect={q.redirect} />,
    );
  });

  app.post('/login', async (request, reply) => {
    const f = formFields(request);
    const result = await signIn(deps, {
      email: f.email ?? '',
      password: f.password ?? '',
      ip: clientIp(request),
    });
    if (!result.ok) {
      return sendPage(
        reply,
        <LoginPage
          page={pageContext(request, reply, ctx)}
          email={f.email}
          redirect={f.redirect}
          failure={result.error}
        />,
        failureStatus(result.error),
      );
    }
    // A new token at every sign-in: a session id planted before sign-in is never promoted.
    if (request.auth) await signOut(deps, request.auth.sessionId);
    startSessionCookie(reply, ctx.cookies, result.value.token);
    return reply.code(303).redirect(safeRedirectPath(f.redirect));
  });

  app.post('/logout', async (request, reply) => {
    if (request.auth) await signOut(deps, request.auth.sessionId);
    endSessionCookie(reply, ctx.cookies);
    return redirectWithFlash(reply, ctx, '/login', 'signed_out');
  });

  app.get('/verify-email', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const result = await verifyEmail(deps, q.token ?? '');
    if (result.ok) {
      const back = q.redirect ? safeRedirectPath(q.redirect) : undefined;
      const next = request.auth
        ? (back ?? '/dashboard')
        : `/login${back ? `?redirect=${encodeURIComponent(back)}` : ''}`;
      return redirectWithFlash(reply, ctx, next, 'email_verified');
    }
    return sendPage(
      reply,
      <MessagePage
        page={pageContext(request, reply, ctx)}
        title="Link expired"
        kind="warning"
        actions={[{ href: '/resend-verification', label: 'Send a new link' }]}
      >
        {result.error.message}
      </MessagePage>,
      failureStatus(result.error),
    );
  });

  app.get('/resend-verification', (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    return sendPage(
      reply,
      <ResendVerificationPage page={pageContext(request, reply, ctx)} email={q.email} />,
    );
  });

  app.post('/resend-verification', async (request, reply) => {
    const f = formFields(request);
    const result = await resendVerification(deps, f.email ?? '', clientIp(request));
    if (!result.ok) {
      return sendPage(
        reply,
        <ResendVerificationPage
          page={pageContext(request, reply, ctx)}
          email={f.email}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    return redirectWithFlash(
      reply,
      ctx,
      `/login?email=${encodeURIComponent(f.email ?? '')}`,
      'verification_sent',
    );
  });

  app.get('/forgot-password', (request, reply) =>
    sendPage(reply, <ForgotPasswordPage page={pageContext(request, reply, ctx)} />),
  );

  app.post('/forgot-password', async (request, reply) => {
    const f = formFields(request);
    const result = await requestPasswordReset(deps, f.email ?? '', clientIp(request));
    if (!result.ok) {
      return sendPage(
        reply,
        <ForgotPasswordPage
          page={pageContext(request, reply, ctx)}
          email={f.email}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    return redirectWithFlash(reply, ctx, '/login', 'reset_sent');
  });

  app.get('/reset-password', (request, reply) => {
    const token = (request.query as Record<string, string | undefined>).token ?? '';
    return sendPage(
      reply,
      <ResetPasswordPage page={pageContext(request, reply, ctx)} token={token} />,
    );
  });

  app.post('/reset-password', async (request, reply) => {
    const f = formFields(request);
    const result = await resetPassword(deps, { token: f.token ?? '', password: f.password ?? '' });
    if (!result.ok) {
      return sendPage(
        reply,
        <ResetPasswordPage
          page={pageContext(request, reply, ctx)}
          token={f.token ?? ''}
          errors={fieldMessages(result.error)}
          message={result.error.message}
        />,
        failureStatus(result.error),
      );
    }
    endSessionCookie(reply, ctx.cookies);
    return redirectWithFlash(reply, ctx, '/login', 'password_reset');
  });
}
