import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, seedCredential, seedIssuer, seedOrg } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { signedInClient } from '../support/sign-in.ts';
import { settledSnapshot } from '../support/snapshot.ts';

/** The organization overview's billing and tabs, and the API keys page (api/authentication.md). */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

const resetDate = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toLocaleDateString(
    'en-US',
    { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
};

describe('the organization page', () => {
  it('shows the plan and this month’s unique recipients of the limit with the reset date, and tabs to every section', async () => {
    const deps = t.laurel.deps;
    const { org, owner, badge } = await seedIssuer(deps);
    await seedCredential(deps, org, badge, { recipientEmail: 'counted@example.test' });
    await t.database.db
      .insertInto('quota_recipients')
      .values({
        organization_id: org.id,
        month: new Date().toISOString().slice(0, 7),
        email_normalized: 'counted@example.test',
        created_at: new Date().toISOString(),
      })
      .execute();
    const c = await signedInClient(t.url, owner.email);
    const page = await c.get(`/organizations/${org.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="billing"');
    expect(page.html).toContain('Unique recipients this month');
    expect(page.html).toContain('1 of 1,000');
    expect(page.html).toContain(`Resets on ${resetDate()}`);
    for (const section of ['team', 'badges', 'credentials', 'api-keys'])
      expect(page.html).toContain(`href="/organizations/${org.id}/${section}"`);
    expect(page.html).toContain('Badge templates');
    expect(page.html).toContain(`href="/organizations/${org.id}/credentials/issue"`);

    const viewer = await addMember(deps, org.id, 'viewer');
    const v = await signedInClient(t.url, viewer.email);
    const seen = await v.get(`/organizations/${org.id}`);
    expect(seen.html).toContain('1 of 1,000');
    expect(seen.html).toContain(`href="/organizations/${org.id}/credentials"`);
    // API keys are the owners' business; viewers create nothing.
    expect(seen.html).not.toContain(`href="/organizations/${org.id}/api-keys"`);
    expect(seen.html).not.toContain(`href="/organizations/${org.id}/credentials/issue"`);
    expect(seen.html).not.toContain(`href="/organizations/${org.id}/badges/new"`);
  });

  it('the Team page has the API keys tab for an owner, not for a viewer', async () => {
    const deps = t.laurel.deps;
    const { org, owner } = await seedOrg(deps);
    const team = `/organizations/${org.id}/team`;
    const tab = `href="/organizations/${org.id}/api-keys"`;
    const o = await signedInClient(t.url, owner.email);
    const ownerPage = await o.get(team);
    expect(ownerPage.status).toBe(200);
    expect(ownerPage.html).toContain(`href="${team}"`);
    expect(ownerPage.html).toContain(tab);

    const viewer = await addMember(deps, org.id, 'viewer');
    const v = await signedInClient(t.url, viewer.email);
    const viewerPage = await v.get(team);
    expect(viewerPage.status).toBe(200);
    expect(viewerPage.html).toContain(`href="${team}"`);
    expect(viewerPage.html).not.toContain(tab);
  });
});

describe('the API keys page', () => {
  it('on Free it offers the upgrade and generates nothing', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    const c = await signedInClient(t.url, owner.email);
    const page = await c.get(`/organizations/${org.id}/api-keys`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('API keys are available on the Professional and Enterprise plans');
    expect(page.html).toContain(`href="/organizations/${org.id}#billing"`);
    expect(page.html).toMatch(/<button[^>]*disabled=""[^>]*>.*Generate new key/);
    const before = await settledSnapshot(t.database.db);
    const refused = await c.post(`/organizations/${org.id}/api-keys`, { name: 'production' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain(
      'API access is available on the Professional and Enterprise plans.',
    );
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });

  it('shows a new key once, then only its prefix and last four; holds the plan cap; revokes', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { plan: 'professional' });
    const c = await signedInClient(t.url, owner.email);
    const empty = await c.post(`/organizations/${org.id}/api-keys`, { name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Give the key a name, such as production.');

    const created = await c.post(`/organizations/${org.id}/api-keys`, { name: 'production' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const key = /crd_live_[0-9A-Za-z]{43}/.exec(created.html)?.[0];
    expect(key).toBeDefined();
    expect(created.html).toContain('Copy it now: it is shown once only');

    const api = await fetch(`${t.url}/api/v1/badges`, {
      headers: { authorization: `Bearer ${key!}` },
    });
    expect(api.status).toBe(200);

    const later = await c.get(`/organizations/${org.id}/api-keys`);
    expect(later.html).not.toContain(key!);
    expect(later.html).toContain(`${key!.slice(0, 13)}…${key!.slice(-4)}`);
    expect(later.html).toContain('production');
    expect(later.html).toMatch(/<button[^>]*disabled=""[^>]*>.*Generate new key/);

    const before = await settledSnapshot(t.database.db);
    const capped = await c.post(`/organizations/${org.id}/api-keys`, { name: 'staging' });
    expect(capped.status).toBe(403);
    expect(capped.html).toContain(
      'The Professional plan allows 1 active API key. Revoke one first, or upgrade.',
    );
    expect(await settledSnapshot(t.database.db)).toEqual(before);

    const row = await t.database.db
      .selectFrom('api_keys')
      .select(['id'])
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const confirm = await c.get(`/organizations/${org.id}/api-keys/${row.id}/revoke`);
    expect(confirm.html).toContain('Revoke key');
    const revoked = await c.post(`/organizations/${org.id}/api-keys/${row.id}/revoke`);
    expect(revoked.status).toBe(303);
    expect((await c.get(revoked.location!)).html).toContain('API key revoked.');
    expect(
      (await fetch(`${t.url}/api/v1/badges`, { headers: { authorization: `Bearer ${key!}` } }))
        .status,
    ).toBe(401);
    // A revoked key has no revoke page any more: the core's not-found answer, worded once.
    const again = await c.get(`/organizations/${org.id}/api-keys/${row.id}/revoke`);
    expect(again.status).toBe(404);
    expect(again.html).toContain('No such active API key in this organization.');
  });

  it('is for owners only: an admin gets a refusal and cannot create or revoke', async () => {
    const deps = t.laurel.deps;
    const { org, owner } = await seedOrg(deps, { plan: 'enterprise' });
    const oc = await signedInClient(t.url, owner.email);
    await oc.post(`/organizations/${org.id}/api-keys`, { name: 'existing' });
    const keyRow = await t.database.db
      .selectFrom('api_keys')
      .select(['id'])
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const admin = await addMember(deps, org.id, 'admin');
    const a = await signedInClient(t.url, admin.email);
    expect((await a.get(`/organizations/${org.id}/api-keys`)).status).toBe(403);
    const before = await settledSnapshot(t.database.db);
    expect((await a.post(`/organizations/${org.id}/api-keys`, { name: 'mine' })).status).toBe(403);
    expect((await a.post(`/organizations/${org.id}/api-keys/${keyRow.id}/revoke`)).status).toBe(
      403,
    );
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });
});
