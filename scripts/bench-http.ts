// npm run bench:http — the public verification routes under load, next to the DID document.
//
// For SQLite (and PostgreSQL when DATABASE_URL points at a server: a throwaway database is
// created on it and dropped afterwards) it sets up an approved organization with a badge and
// signing keys through the use cases, issues credentials through the credential engine as
// `src/main` wires it (real signed documents and status list entries), starts `laurel serve`
// as its own process with the per-address limit off, and load-tests each route with autocannon.
//
//   BENCH_CREDENTIALS  how many credentials, comma-separated for several sizes in one run
//                      (issued cumulatively: 1000,100000 measures at 1,000 then at 100,000);
//                      default 1000,100000
//   BENCH_SECONDS      per route (default 15)     BENCH_CONNECTIONS  (default 16)
//   BENCH_ROUTES       only the routes containing one of these comma-separated strings
//   BENCH_CPU_PROF     a folder: the server runs with --cpu-prof and writes its profiles there
//   DATABASE_URL       postgres://… to measure PostgreSQL too
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import sharp from 'sharp';
import pino from 'pino';
import { createAccount } from '../src/core/accounts/register.ts';
import { OPERATOR, userActor } from '../src/core/authz/actor.ts';
import { createBadge } from '../src/core/badges/badges.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Badge, Organization } from '../src/core/entities.ts';
import { prepareSignedCredential } from '../src/core/credentials/signed-credentials.ts';
import { createOrganization } from '../src/core/organizations/organizations.ts';
import { reviewOrganization, setOrganizationPlan } from '../src/core/organizations/review.ts';
import type { NewCredential } from '../src/core/ports/stores/credentials.ts';
import { generateSigningKeys } from '../src/core/signing-keys/signing-keys.ts';
import { parseConfig } from '../src/main/config.ts';
import { createLaurel, type Laurel } from '../src/main/laurel.ts';
import { freePort } from '../test/support/free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_CREDENTIALS ?? '1000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ROUTES = process.env.BENCH_ROUTES?.split(',').filter(Boolean);
/** Credentials stored per transaction while issuing. */
const BATCH = 1000;

interface Row {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function fail(message: string): never {
  throw new Error(message);
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  return r.ok ? r.value : fail(r.error.message);
}

/** An approved Enterprise organization with signing keys and one badge, through the use cases. */
async function setUpIssuer(deps: CoreDeps): Promise<{ org: Organization; badge: Badge }> {
  const owner = must(
    await createAccount(
      deps,
      {
        email: `owner-${randomBytes(4).toString('hex')}@example.org`,
        firstName: 'Bench',
        lastName: 'Owner',
        password: 'Correct-Horse-42!',
      },
      { verified: true, platformAdmin: true },
    ),
  );
  const created = must(
    await createOrganization(deps, userActor(owner.id), { name: 'Bench Training Institute' }),
  );
  const org = must(await reviewOrganization(deps, OPERATOR, created.id, 'approve'));
  must(await setOrganizationPlan(deps, OPERATOR, org.id, { plan: 'enterprise' }));
  must(await generateSigningKeys(deps, userActor(owner.id), org.id));
  const image = await sharp({
    create: { width: 256, height: 256, channels: 3, background: '#126849' },
  })
    .png()
    .toBuffer();
  const badge = must(
    await createBadge(deps, userActor(owner.id), org.id, {
      name: 'Forklift Operator',
      description: 'Operates a counterbalance forklift safely in a warehouse.',
      criteria: 'Passed the practical assessment with a certified instructor.',
      tags: ['safety', 'logistics'],
      image,
    }),
  );
  return { org: (await deps.uow.stores.organizations.findById(org.id)) ?? org, badge };
}

/** Issues credentials up to `total`, signed one by one and stored a thousand per transaction. */
async function issueUpTo(
  laurel: Laurel,
  issuer: { org: Organization; badge: Badge },
  ids: string[],
  total: number,
): Promise<void> {
  const { deps } = laurel;
  const started = Date.now();
  const from = ids.length;
  let lastReport = started;
  while (ids.length < total) {
    const batch: NewCredential[] = [];
    const size = Math.min(BATCH, total - ids.length);
    for (let i = 0; i < size; i++) {
      const n = ids.length + i;
      const prepared = await prepareSignedCredential(deps, {
        organization: issuer.org,
        badge: issuer.badge,
        recipientName: `Recipient ${n}`,
        recipientEmail: `recipient-${n}@example.org`,
        evidenceUrl: n % 2 ? `https://evidence.example.org/${n}` : null,
        isPublic: true,
        supersedesCredentialId: null,
      });
      batch.push(prepared ?? fail('the organization has no signing key'));
    }
    await deps.uow.transaction(async (s) => {
      for (const c of batch) ids.push((await s.credentials.create(c, deps.clock.now())).shortId);
    });
    const now = Date.now();
    if (now - lastReport > 2000 || ids.length === total) {
      lastReport = now;
      const rate = ((ids.length - from) / ((now - started) / 1000)).toFixed(0);
      process.stdout.write(
        `  issued ${ids.length.toLocaleString('en')} / ${total.toLocaleString('en')} (${rate}/s)\n`,
      );
    }
  }
}

/** `laurel serve` in its own process, as an operator runs it; resolves once /healthz answers. */
async function startServer(env: NodeJS.ProcessEnv, url: string): Promise<ChildProcess> {
  const nodeArgs = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/laurel.mjs'), 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) fail(`laurel serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail('laurel serve did not start within a minute');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

async function load(url: string, route: string, paths: () => string): Promise<Row> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  return {
    route,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function printTable(title: string, rows: Row[]): void {
  const base = rows.find((r) => r.route.startsWith('/issuers/'))?.rps ?? NaN;
  const lines = [
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'vs DID doc', 'non-2xx', 'errors'],
    ...rows.map((r) => [
      r.route,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      `${((r.rps / base) * 100).toFixed(0)}%`,
      String(r.non2xx),
      String(r.errors),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  console.log(`\n${title}`);
  for (const [i, line] of lines.entries()) {
    console.log(
      line
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function benchDatabase(label: string, databaseUrl: string | undefined): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    LAUREL_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? `sqlite:${path.join(dataDir, 'laurel.sqlite')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    LAUREL_WORKER: 'off',
    LAUREL_IP_RATE_LIMIT_PER_MINUTE: '0',
  };
  const laurel = await createLaurel(parseConfig(env), { logger: pino({ level: 'warn' }) });
  try {
    const issuer = await setUpIssuer(laurel.deps);
    const ids: string[] = [];
    for (const size of SIZES) {
      console.log(`\n${label}: issuing ${size.toLocaleString('en')} credentials`);
      await issueUpTo(laurel, issuer, ids, size);
      const server = await startServer(env, url);
      try {
        const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
        const rows: Row[] = [];
        const routes: [string, () => string][] = [
          [`/issuers/{slug}/did.json`, () => `/issuers/${issuer.org.slug}/did.json`],
          ['/verify/{id}', () => `/verify/${pick()}`],
          ['/api/verify/{id}', () => `/api/verify/${pick()}`],
          ['/credentials/{id}/ob3', () => `/credentials/${pick()}/ob3`],
        ];
        for (const [route, paths] of routes) {
          if (ROUTES && !ROUTES.some((r) => route.includes(r))) continue;
          process.stdout.write(`  ${route} for ${SECONDS} s…\n`);
          rows.push(await load(url, route, paths));
        }
        printTable(
          `${label}, ${ids.length.toLocaleString('en')} credentials, ${CONNECTIONS} connections, ${SECONDS} s each`,
          rows,
        );
      } finally {
        await stopServer(server);
      }
    }
  } finally {
    await laurel.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A database of its own on the server of `base`, dropped when `run` is done. */
async function withThrowawayPostgres(base: string, run: (url: string) => Promise<void>) {
  const name = `laurel_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  try {
    const u = new URL(base);
    u.pathname = `/${name}`;
    await run(u.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `Laurel bench:http — node ${process.version}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `sizes ${SIZES.map((n) => n.toLocaleString('en')).join(' then ')}`,
  );
  await benchDatabase('SQLite', undefined);
  const postgres = process.env.DATABASE_URL;
  if (postgres && /^postgres(ql)?:/.test(postgres))
    await withThrowawayPostgres(postgres, (url) => benchDatabase('PostgreSQL', url));
}

await main();
