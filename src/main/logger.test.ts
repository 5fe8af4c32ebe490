import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './laurel.ts';

describe('logs', () => {
  it('redact authorization headers, cookies, passwords, tokens and keys', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ logLevel: 'info' }, sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer crd_live_secret', cookie: 'laurel_session=abc' } },
        body: {
          password: 'Hunter-2-secret!',
          token: 'tok-secret',
          apiKey: 'crd_live_key',
          privateKey: 'pk-secret',
        },
      },
      'request',
    );
    const out = lines.join('');
    expect(out).toContain('[redacted]');
    for (const secret of [
      'crd_live_secret',
      'laurel_session=abc',
      'Hunter-2-secret!',
      'tok-secret',
      'crd_live_key',
      'pk-secret',
    ]) {
      expect(out).not.toContain(secret);
    }
  });
});

describe('request logs', () => {
  it('never carry the tokens of emailed links', async () => {
    const { urlForLogs } = await import('../http/log-url.ts');
    expect(urlForLogs('/reset-password?token=SECRET')).toBe('/reset-password?[redacted]');
    expect(urlForLogs('/verify-email?token=SECRET')).toBe('/verify-email?[redacted]');
    expect(urlForLogs('/invitations/SECRET')).toBe('/invitations/[redacted]');
    expect(urlForLogs('/invitations/0d9a/accept')).toBe('/invitations/0d9a/accept');
    expect(urlForLogs('/organizations/abc/logo?_csrf=SECRET')).toBe(
      '/organizations/abc/logo?[redacted]',
    );
    expect(urlForLogs('/dashboard')).toBe('/dashboard');
  });

  it('use the redacting serializer for every request Fastify logs', async () => {
    const { default: Fastify } = await import('fastify');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger({ logLevel: 'info' }, sink) });
    app.get('/reset-password', () => 'ok');
    await app.inject({ url: '/reset-password?token=SECRET-TOKEN' });
    await app.close();
    const out = lines.join('');
    expect(out).toContain('/reset-password?[redacted]');
    expect(out).not.toContain('SECRET-TOKEN');
  });
});
