import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  seedBadge,
  seedCredential,
  seedOrg,
  uniqueEmail,
} from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { snapshotTables } from '../support/snapshot.ts';
import { waitForMail as waitForMailOver } from '../support/smtp.ts';
import { signedInClient } from '../support/sign-in.ts';

/**
 * The command line as an operator runs it: `node bin/laurel.mjs …` in a child process against
 * the same database as a running server (whose worker delivers the email the CLI queues).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function laurel(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/laurel.mjs', ...args],
      // Generous: a cold tsx start on a busy 2-core machine can take most of 30 s.
      { cwd: ROOT, env: { ...process.env, ...t.env }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function orgBySlug(slug: string) {
  return t.database.db
    .selectFrom('organizations')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
}

function waitForMail(email: string, subject: string) {
  return waitForMailOver(t.smtp, email, subject);
}

// Each run starts tsx (a few seconds on a busy machine): independent runs go in parallel.
const SLOW = 120_000;

describe('laurel CLI', () => {
  const adminEmail = uniqueEmail('cli-admin');
  const ownerEmail = uniqueEmail('cli-owner');
  let slug: string;

  it(
    'migrate reports an up-to-date database; user:create makes verified accounts, platform admins with --platform-admin',
    async () => {
      const [migrated, adminRun, ownerRun] = await Promise.all([
        laurel('migrate'),
        laurel(
          'user:create',
          '--email',
          adminEmail,
          '--password',
          TEST_PASSWORD,
          '--first',
          'Ada',
          '--last',
          'Root',
          '--platform-admin',
        ),
        laurel(
          'user:create',
          '--email',
          ownerEmail,
          '--password',
          TEST_PASSWORD,
          '--first',
          'Otto',
          '--last',
          'Owner',
        ),
      ]);
      expect(migrated, migrated.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(migrated.stdout).toContain('Database is up to date.');
      expect(adminRun, adminRun.stderr).toMatchObject({ code: 0 });
      expect(adminRun.stdout).toContain(`Created platform admin ${adminEmail}`);
      expect(ownerRun, ownerRun.stderr).toMatchObject({ code: 0 });
      expect(ownerRun.stdout).toContain(`Created user ${ownerEmail}`);

      const users = await t.database.db
        .selectFrom('users')
        .select(['email', 'email_verified_at', 'is_platform_admin', 'first_name', 'last_name'])
        .where('email', 'in', [adminEmail, ownerEmail])
        .orderBy('is_platform_admin', 'desc')
        .execute();
      expect(users).toMatchObject([
        { email: adminEmail, is_platform_admin: 1, first_name: 'Ada', last_name: 'Root' },
        { email: ownerEmail, is_platform_admin: 0, first_name: 'Otto', last_name: 'Owner' },
      ]);
      for (const u of users) expect(u.email_verified_at).not.toBeNull();

      // Verified: both sign in straight away, and only the admin reaches /admin.
      const admin = await signedInClient(t.url, adminEmail);
      expect((await admin.get('/admin')).status).toBe(200);
      const owner = await signedInClient(t.url, ownerEmail);
      expect((await owner.get('/admin')).status).toBe(404);
    },
    SLOW,
  );

  it(
    'org:create prints the id and slug of a pending organization owned by the given account',
    async () => {
      const created = await laurel(
        'org:create',
        '--name',
        'Command Line College',
        '--owner-email',
        ownerEmail,
        '--website',
        'https://clc.example',
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('Created organization Command Line College');
      const id = /^id: (\S+)$/m.exec(created.stdout)?.[1];
      slug = /^slug: (\S+)$/m.exec(created.stdout)?.[1] ?? '';
      expect(slug).toBe('command-line-college');
      expect(await orgBySlug(slug)).toMatchObject({
        id,
        name: 'Command Line College',
        status: 'pending_review',
        website: 'https://clc.example',
      });
      const owner = await t.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', ownerEmail)
        .executeTakeFirstOrThrow();
      const members = await t.database.db
        .selectFrom('memberships')
        .select(['user_id', 'role'])
        .where('organization_id', '=', id!)
        .execute();
      expect(members).toEqual([{ user_id: owner.id, role: 'owner' }]);
    },
    SLOW,
  );

  it(
    'org:create refuses a control character in the name or description, naming the field, and writes nothing; a tab becomes a space',
    async () => {
      const before = await snapshotTables(t.database.db);
      const [badName, badDescription] = await Promise.all([
        laurel('org:create', '--name', 'Bell\u0007 College', '--owner-email', ownerEmail),
        laurel(
          'org:create',
          '--name',
          'Escape College',
          '--owner-email',
          ownerEmail,
          '--description',
          'We teach \u001b[31mred\u001b[0m.',
        ),
      ]);
      expect(badName.code).toBe(1);
      expect(badName.stderr).toContain(
        'name: Name contains a control character (U+0007) that cannot be used in a credential.',
      );
      expect(badDescription.code).toBe(1);
      expect(badDescription.stderr).toContain(
        'description: Description contains a control character (U+001B)',
      );
      expect(badName.stdout + badDescription.stdout).toBe('');
      expect(await snapshotTables(t.database.db)).toEqual(before);

      const tabbed = await laurel(
        'org:create',
        '--name',
        'Tab\tCollege',
        '--owner-email',
        ownerEmail,
        '--description',
        'Line one\r\nLine\ttwo',
      );
      expect(tabbed.code, tabbed.stderr).toBe(0);
      expect(await orgBySlug('tab-college')).toMatchObject({
        name: 'Tab College',
        description: 'Line one\nLine two',
      });
    },
    SLOW,
  );

  it(
    'wrong usage exits non-zero with a clear message and changes nothing: unknown command 2, org:reject without --reason 2, unknown slug 1',
    async () => {
      const before = await orgBySlug(slug);
      const [unknown, noReason, noSlug] = await Promise.all([
        laurel('org:destroy', slug),
        laurel('org:reject', slug),
        laurel('org:approve', 'no-such-org'),
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('laurel: unknown command "org:destroy"');
      expect(unknown.stderr).toContain('Usage: laurel <command>');
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toContain('laurel: --reason is required');
      expect(noReason.stderr).toContain('Usage: laurel <command>');
      expect(noSlug.code).toBe(1);
      expect(noSlug.stderr).toContain('laurel: no organization has the slug "no-such-org"');
      expect(noSlug.stdout).toBe('');
      expect(await orgBySlug(slug)).toEqual(before);
    },
    SLOW,
  );

  it(
    'org:reject --reason, org:approve, org:suspend and org:plan change the organization and email its owner',
    async () => {
      const rejected = await laurel('org:reject', slug, '--reason', 'The website does not load.');
      expect(rejected.code, rejected.stderr).toBe(0);
      expect(rejected.stdout).toContain(`${slug} is now rejected`);
      expect(await orgBySlug(slug)).toMatchObject({
        status: 'rejected',
        status_reason: 'The website does not load.',
      });
      const rejection = await waitForMail(ownerEmail, 'Command Line College was not approved');
      expect(rejection.text).toContain('The website does not load.');

      const approved = await laurel('org:approve', slug);
      expect(approved.code, approved.stderr).toBe(0);
      expect(approved.stdout).toContain(`${slug} is now approved`);
      expect((await orgBySlug(slug))?.status).toBe('approved');
      await waitForMail(ownerEmail, 'Command Line College is approved');

      const suspended = await laurel('org:suspend', slug);
      expect(suspended.code, suspended.stderr).toBe(0);
      expect(suspended.stdout).toContain(`${slug} is now suspended`);
      await waitForMail(ownerEmail, 'Command Line College has been suspended');

      const planned = await laurel('org:plan', slug, 'professional', '--until', '2099-12-31');
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain(`${slug} is now on professional until 2099-12-31`);
      expect(await orgBySlug(slug)).toMatchObject({
        status: 'suspended',
        plan: 'professional',
        subscription_source: 'GRANTED',
        grant_expires_at: '2099-12-31T00:00:00.000Z',
      });
    },
    SLOW,
  );

  it(
    'keys:generate, keys:rotate and keys:revoke --compromised manage the published keys and report what a revocation invalidates',
    async () => {
      const { org } = await seedOrg(t.laurel.deps);
      const did = `did:web:${encodeURIComponent(new URL(t.url).host)}:issuers:${org.slug}`;
      const published = async () => {
        const doc = (await (await fetch(`${t.url}/issuers/${org.slug}/did.json`)).json()) as {
          assertionMethod: string[];
        };
        return doc.assertionMethod;
      };
      const generated = await laurel('keys:generate', org.slug);
      expect(generated.code, generated.stderr).toBe(0);
      expect(generated.stdout).toContain(`${org.slug} now signs with ${did}#key-1`);
      const again = await laurel('keys:generate', org.slug);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already been generated');

      const badge = await seedBadge(t.laurel.deps, org.id);
      const signed = await Promise.all([
        seedCredential(t.laurel.deps, org, badge),
        seedCredential(t.laurel.deps, org, badge),
      ]);
      const rotated = await laurel('keys:rotate', org.slug);
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(rotated.stdout).toContain(`${org.slug} now signs with ${did}#key-2`);
      expect(await published()).toEqual([`${did}#key-1`, `${did}#key-2`]);

      // Revoking cannot be undone, so the flag is required; without it nothing changes.
      const unflagged = await laurel('keys:revoke', org.slug, 'key-1');
      expect(unflagged.code).toBe(2);
      expect(unflagged.stderr).toContain('--compromised');
      expect(await published()).toEqual([`${did}#key-1`, `${did}#key-2`]);

      const revoked = await laurel('keys:revoke', org.slug, 'key-1', '--compromised');
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain(`${did}#key-1 is revoked and no longer published`);
      expect(revoked.stdout).toContain('2 credentials signed with it no longer verify');
      expect(await published()).toEqual([`${did}#key-2`]);
      const verdict = (await (await fetch(`${t.url}/api/verify/${signed[0].shortId}`)).json()) as {
        verification: { signatureValid: boolean };
      };
      expect(verdict.verification.signatureValid).toBe(false);

      const unknown = await laurel('keys:revoke', org.slug, 'key-7', '--compromised');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No signing key key-7');
    },
    SLOW,
  );
});
