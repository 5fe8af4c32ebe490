import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to SQLite and the local mailbox under ./data on port 3000', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.database).toEqual({ dialect: 'sqlite', file: path.resolve('data/laurel.sqlite') });
    expect(c.smtpUrl).toBeUndefined();
    expect(c.secureCookies).toBe(false);
    expect(c.trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('reads PostgreSQL, HTTPS and SMTP settings', () => {
    const c = parseConfig({
      DATABASE_URL: 'postgres://u@db:5432/laurel',
      PUBLIC_URL: 'https://badges.example.org/',
      SMTP_URL: 'smtp://mail:587',
      PORT: '8080',
    });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db:5432/laurel' });
    expect(c.publicUrl).toBe('https://badges.example.org');
    expect(c.secureCookies).toBe(true);
    expect(c.port).toBe(8080);
  });

  it('limits each address to 100 /api/ requests a minute unless told another number, 0 for none', () => {
    expect(parseConfig({}).ipRateLimitPerMinute).toBe(100);
    expect(parseConfig({ LAUREL_IP_RATE_LIMIT_PER_MINUTE: '0' }).ipRateLimitPerMinute).toBe(0);
    expect(parseConfig({ LAUREL_IP_RATE_LIMIT_PER_MINUTE: '5000' }).ipRateLimitPerMinute).toBe(
      5000,
    );
    expect(() => parseConfig({ LAUREL_IP_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(
      /LAUREL_IP_RATE_LIMIT_PER_MINUTE/,
    );
    expect(() => parseConfig({ LAUREL_IP_RATE_LIMIT_PER_MINUTE: 'off' })).toThrow(
      /LAUREL_IP_RATE_LIMIT_PER_MINUTE/,
    );
  });

  it('names every wrong variable in one readable error', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain(
      'DATABASE_URL: must start with postgres://, postgresql:// or sqlite:',
    );
    expect(message).toContain('SMTP_URL');
  });
});
