import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS } from '../core/api-keys/rate-limit.ts';
import type { DatabaseConfig } from '../db/database.ts';

/** Laurel's configuration: read from the environment once, at start, by the composition root. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres|postgresql|sqlite):/.test(v), {
      message: 'must start with postgres://, postgresql:// or sqlite:',
    })
    .optional(),
  LAUREL_DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Laurel <no-reply@localhost>'),
  LAUREL_MASTER_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Behind a reverse proxy or load balancer: how many proxy hops to trust (e.g. 1), or their
   * addresses/CIDRs comma-separated. Never "trust everyone", which would let clients pick their IP.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(\d+|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be a hop count like 1, or addresses/CIDRs separated by commas',
    )
    .optional(),
  /** Run the outbox worker inside `laurel serve` (turn off when separate `laurel worker` processes deliver). */
  LAUREL_WORKER: z.enum(['on', 'off']).default('on'),
  /**
   * Requests a minute one client address may send to /api/* (the reference's 100 by default);
   * 0 switches the limit off, e.g. for a load test from one machine or behind a proxy that limits.
   */
  LAUREL_IP_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_RATE_LIMITS.perIp),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** Cookies get the Secure flag when Laurel is reached over HTTPS. */
  secureCookies: boolean;
  dataDir: string;
  database: DatabaseConfig;
  smtpUrl: string | undefined;
  mailFrom: string;
  masterKey: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  runWorkerInServer: boolean;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Requests a minute per client address on /api/*; 0 when there is no such limit. */
  ipRateLimitPerMinute: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LAUREL_DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    dataDir,
    database: databaseConfig(e.DATABASE_URL, dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    masterKey: e.LAUREL_MASTER_KEY,
    logLevel: e.LOG_LEVEL,
    runWorkerInServer: e.LAUREL_WORKER === 'on',
    trustProxy: trustProxy(e.TRUST_PROXY),
    ipRateLimitPerMinute: e.LAUREL_IP_RATE_LIMIT_PER_MINUTE,
  };
}

function trustProxy(value: string | undefined): Config['trustProxy'] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { dialect: 'sqlite', file: path.join(dataDir, 'laurel.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { dialect: 'postgres', url };
}
