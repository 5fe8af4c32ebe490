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
        body: { password: 'Hunter-2-secret!', token: 'tok-secret', apiKey: 'crd_live_key', privateKey: 'pk-secret' },
      },
      'request',
    );
    const out = lines.join('');
    expect(out).toContain('[redacted]');
    for (const secret of ['crd_live_secret', 'laurel_session=abc', 'Hunter-2-secret!', 'tok-secret', 'crd_live_key', 'pk-secret']) {
      expect(out).not.toContain(secret);
    }
  });
});
