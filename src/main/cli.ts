import { parseArgs } from 'node:util';
import { createAccount } from '../core/accounts/register.ts';
import { createApiKey } from '../core/api-keys/api-keys.ts';
import { OPERATOR, userActor } from '../core/authz/actor.ts';
import type { ErrorCode } from '../core/errors.ts';
import { createOrganization } from '../core/organizations/organizations.ts';
import {
  reviewOrganization,
  setOrganizationPlan,
  type ReviewAction,
} from '../core/organizations/review.ts';
import type { Failure } from '../core/result.ts';
import { didDocumentUrl } from '../core/public-urls.ts';
import { issuerDid, verificationMethodId } from '../core/signing-keys/issuer-did.ts';
import {
  generateSigningKeys,
  revokeSigningKey,
  rotateSigningKey,
} from '../core/signing-keys/signing-keys.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { createLaurel, type Laurel } from './laurel.ts';
import { runServer, runWorker } from './processes.ts';

const USAGE = `Usage: laurel <command> [options]

  serve                     start the web server (and the email worker unless LAUREL_WORKER=off)
  worker                    run only the email worker (for scaling out)
  migrate                   apply pending database migrations
  user:create --email E --password P --first F --last L [--platform-admin]
  org:create --name N --owner-email E [--slug S] [--website U] [--description D]
  org:approve <slug>
  org:reject <slug> --reason R
  org:suspend <slug>
  org:plan <slug> <free|professional|enterprise> [--until YYYY-MM-DD]
  keys:generate <slug>      generate the organization's signing keys (once)
  keys:rotate <slug>        a new active signing key; earlier keys stay published
  keys:revoke <slug> <keyId> --compromised
                            withdraw a key: what it signed stops verifying
  apikey:create <slug> --name N
                            an API key for the v1 API (Professional or Enterprise plan);
                            printed once, alone on the last line

Configuration comes from the environment (see README.md).`;

class UsageError extends Error {}

/** Runs one command; resolves with the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    if (!command) throw new UsageError('no command given');
    const config = parseConfig(env);
    switch (command) {
      case 'serve':
        return await runServer(config);
      case 'worker':
        return await runWorker(config);
      case 'migrate':
        return await migrate(config);
      default:
        return await withLaurel(config, (laurel) => runAdminCommand(laurel, command, rest));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`laurel: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      console.error(`laurel: ${e.message}`);
      return 2;
    }
    console.error(`laurel: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function migrate(config: Config): Promise<number> {
  const { db } = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    return 0;
  } finally {
    await db.destroy();
  }
}

async function withLaurel(
  config: Config,
  run: (laurel: Laurel) => Promise<number>,
): Promise<number> {
  const laurel = await createLaurel({ ...config, logLevel: 'warn' });
  try {
    return await run(laurel);
  } finally {
    await laurel.close();
  }
}

function fail(f: Failure<ErrorCode>): number {
  const fields = f.details?.fields as Record<string, string> | undefined;
  console.error(`laurel: ${f.message}`);
  for (const [field, message] of Object.entries(fields ?? {}))
    console.error(`  ${field}: ${message}`);
  return 1;
}

function options(args: string[], spec: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

function optional(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

async function runAdminCommand(laurel: Laurel, command: string, args: string[]): Promise<number> {
  const { deps } = laurel;
  switch (command) {
    case 'user:create': {
      const { values } = options(args, {
        email: { type: 'string' },
        password: { type: 'string' },
        first: { type: 'string' },
        last: { type: 'string' },
        'platform-admin': { type: 'boolean' },
      });
      const result = await createAccount(
        deps,
        {
          email: required(values, 'email'),
          password: required(values, 'password'),
          firstName: required(values, 'first'),
          lastName: required(values, 'last'),
        },
        { verified: true, platformAdmin: values['platform-admin'] === true },
      );
      if (!result.ok) return fail(result.error);
      console.log(
        `Created ${result.value.isPlatformAdmin ? 'platform admin' : 'user'} ${result.value.email} (${result.value.id})`,
      );
      return 0;
    }
    case 'org:create': {
      const { values } = options(args, {
        name: { type: 'string' },
        'owner-email': { type: 'string' },
        slug: { type: 'string' },
        website: { type: 'string' },
        description: { type: 'string' },
      });
      const ownerEmail = required(values, 'owner-email');
      const owner = await deps.uow.stores.users.findByEmail(ownerEmail);
      if (!owner) {
        console.error(`laurel: no account uses ${ownerEmail}; create it first with user:create`);
        return 1;
      }
      // Created as if by its owner, who becomes its one Owner, exactly as on the web.
      const result = await createOrganization(deps, userActor(owner.id), {
        name: required(values, 'name'),
        slug: optional(values, 'slug'),
        website: optional(values, 'website'),
        description: optional(values, 'description'),
      });
      if (!result.ok) return fail(result.error);
      console.log(`Created organization ${result.value.name}`);
      console.log(`id: ${result.value.id}`);
      console.log(`slug: ${result.value.slug}`);
      return 0;
    }
    case 'org:approve':
    case 'org:suspend':
    case 'org:reject': {
      const { values, positionals } = options(args, { reason: { type: 'string' } });
      const action: ReviewAction =
        command === 'org:approve' ? 'approve' : command === 'org:suspend' ? 'suspend' : 'reject';
      const org = await findOrg(laurel, positionals[0]);
      if (!org) return 1;
      const reason = action === 'reject' ? required(values, 'reason') : optional(values, 'reason');
      const result = await reviewOrganization(deps, OPERATOR, org.id, action, reason);
      if (!result.ok) return fail(result.error);
      console.log(`${org.slug} is now ${result.value.status}`);
      return 0;
    }
    case 'org:plan': {
      const { values, positionals } = options(args, { until: { type: 'string' } });
      const org = await findOrg(laurel, positionals[0]);
      if (!org) return 1;
      const plan = positionals[1];
      if (!plan) throw new UsageError('org:plan needs a plan: free, professional or enterprise');
      const untilText = optional(values, 'until');
      const until = untilText ? new Date(`${untilText}T00:00:00Z`) : null;
      if (until && Number.isNaN(until.getTime()))
        throw new UsageError('--until must be a date like 2027-01-31');
      const result = await setOrganizationPlan(deps, OPERATOR, org.id, {
        plan,
        grantExpiresAt: until,
      });
      if (!result.ok) return fail(result.error);
      console.log(
        `${org.slug} is now on ${plan}${until ? ` until ${until.toISOString().slice(0, 10)}` : ''}`,
      );
      return 0;
    }
    case 'keys:generate':
    case 'keys:rotate': {
      const { positionals } = options(args, {});
      const org = await findOrg(laurel, positionals[0]);
      if (!org) return 1;
      const result =
        command === 'keys:generate'
          ? await generateSigningKeys(deps, OPERATOR, org.id)
          : await rotateSigningKey(deps, OPERATOR, org.id);
      if (!result.ok) return fail(result.error);
      const did = issuerDid(laurel.config.publicUrl, org.slug);
      console.log(`${org.slug} now signs with ${verificationMethodId(did, result.value.keyId)}`);
      console.log(`published at ${didDocumentUrl(laurel.config.publicUrl, org.slug)}`);
      return 0;
    }
    case 'keys:revoke': {
      const { values, positionals } = options(args, { compromised: { type: 'boolean' } });
      const org = await findOrg(laurel, positionals[0]);
      if (!org) return 1;
      const keyId = positionals[1];
      if (!keyId) throw new UsageError('keys:revoke needs the key id, such as key-1');
      // Revoking is for a key that leaked; saying so is required, as the act cannot be undone.
      if (values.compromised !== true)
        throw new UsageError('keys:revoke needs --compromised: revoking cannot be undone');
      const result = await revokeSigningKey(deps, OPERATOR, org.id, keyId);
      if (!result.ok) return fail(result.error);
      const { invalidatedCredentials, replacement } = result.value;
      const did = issuerDid(laurel.config.publicUrl, org.slug);
      console.log(`${verificationMethodId(did, keyId)} is revoked and no longer published`);
      console.log(
        `${invalidatedCredentials} credential${invalidatedCredentials === 1 ? '' : 's'} signed with it no longer verif${invalidatedCredentials === 1 ? 'ies' : 'y'}; reissue them to replace them`,
      );
      if (replacement)
        console.log(`${org.slug} now signs with ${verificationMethodId(did, replacement.keyId)}`);
      return 0;
    }
    case 'apikey:create': {
      const { values, positionals } = options(args, { name: { type: 'string' } });
      const org = await findOrg(laurel, positionals[0]);
      if (!org) return 1;
      const result = await createApiKey(deps, OPERATOR, org.id, required(values, 'name'));
      if (!result.ok) return fail(result.error);
      const { apiKey, key } = result.value;
      console.log(`Created API key "${apiKey.name}" (${apiKey.id}) for ${org.slug}`);
      console.log('It is shown only this once; store it in a secrets manager now:');
      // Alone on the last line, so scripts can take it with `tail -n 1`.
      console.log(key);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function findOrg(laurel: Laurel, slug: string | undefined) {
  if (!slug) throw new UsageError('give the organization slug');
  const org = await laurel.deps.uow.stores.organizations.findBySlug(slug);
  if (!org) console.error(`laurel: no organization has the slug "${slug}"`);
  return org;
}
