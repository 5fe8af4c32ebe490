import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization, User } from '../../src/core/entities.ts';
import { createOrganization } from '../../src/core/organizations/organizations.ts';
import { reviewOrganization } from '../../src/core/organizations/review.ts';
import { seedOrg, seedUser } from '../factories/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import type { WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';

let t: TestApp;
let admin: WebClient;
/** One organization in each status. */
let orgs: Record<
  'pending' | 'approved' | 'rejected' | 'suspended',
  { org: Organization; owner: User }
>;

beforeAll(async () => {
  t = await startTestApp();
  const deps = t.laurel.deps;
  const platformAdmin = await seedUser(deps, { platformAdmin: true });
  admin = await signedInClient(t.url, platformAdmin.email);
  const pending = await seedOrg(deps, { name: 'Pending Polytechnic', approved: false });
  const approved = await seedOrg(deps, { name: 'Approved Academy' });
  const rejected = await seedOrg(deps, { name: 'Rejected Rhetoric', approved: false });
  const suspended = await seedOrg(deps, { name: 'Suspended School' });
  for (const [o, action, reason] of [
    [rejected, 'reject', 'Unclear description.'],
    [suspended, 'suspend', 'Spam.'],
  ] as const) {
    const r = await reviewOrganization(deps, OPERATOR, o.org.id, action, reason);
    if (!r.ok) throw new Error(r.error.message);
  }
  orgs = { pending, approved, rejected, suspended };
});
afterAll(() => t.close());

async function orgRow(id: string) {
  return t.database.db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A date `days` from now as YYYY-MM-DD (UTC). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the organization list', () => {
  it('shows every organization, or those of one status', async () => {
    const names = {
      pending_review: 'Pending Polytechnic',
      approved: 'Approved Academy',
      rejected: 'Rejected Rhetoric',
      suspended: 'Suspended School',
    };
    const all = await admin.get('/admin');
    expect(all.status).toBe(200);
    for (const name of Object.values(names)) expect(all.html).toContain(name);

    for (const [status, name] of Object.entries(names)) {
      const page = await admin.get(`/admin?status=${status}`);
      expect(page.status, status).toBe(200);
      expect(page.html, status).toContain(name);
      for (const other of Object.values(names).filter((n) => n !== name))
        expect(page.html, `${status} lists ${other}`).not.toContain(other);
      expect(page.html).toContain(`href="/admin?status=${status}" aria-current="page"`);
    }
    // Reasons show next to the status; each status offers its own actions.
    const rejected = await admin.get('/admin?status=rejected');
    expect(rejected.html).toContain('Unclear description.');
    expect(rejected.html).toContain('value="approve"');
    const suspended = await admin.get('/admin?status=suspended');
    expect(suspended.html).toContain('value="reinstate"');
    expect(suspended.html).not.toContain('value="approve"');

    // An unknown status filter lists everything rather than failing.
    const unknown = await admin.get('/admin?status=bogus');
    expect(unknown.status).toBe(200);
    for (const name of Object.values(names)) expect(unknown.html).toContain(name);
  });

  it('lists a newly created organization under pending review', async () => {
    const owner = await seedUser(t.laurel.deps);
    const created = await createOrganization(t.laurel.deps, userActor(owner.id), {
      name: 'Fresh Foundry',
    });
    expect(created.ok).toBe(true);
    expect((await admin.get('/admin?status=pending_review')).html).toContain('Fresh Foundry');
    expect((await admin.get('/admin?status=approved')).html).not.toContain('Fresh Foundry');
  });
});

describe('granting plans', () => {
  it('grants a plan with an end date, which shows on the organization page', async () => {
    const { org, owner } = orgs.approved;
    const until = dayFromNow(90);
    const res = await admin.post(`/admin/organizations/${org.id}/plan`, {
      plan: 'professional',
      grantExpiresAt: until,
    });
    expect(res.status, res.html.slice(0, 400)).toBe(303);
    expect(res.location).toBe('/admin');
    expect(await orgRow(org.id)).toMatchObject({
      plan: 'professional',
      subscription_source: 'GRANTED',
      grant_expires_at: `${until}T00:00:00.000Z`,
    });
    expect((await admin.get('/admin')).html).toContain('Plan updated.');

    const page = await (await signedInClient(t.url, owner.email)).get(`/organizations/${org.id}`);
    expect(page.html).toContain(`GRANTED until ${until}`);
    expect(page.html).toContain('Professional');
    expect(page.html).toContain('This plan was granted by the platform.');
  });

  it('grants a partner plan without an end date, and back to Free clears the grant', async () => {
    const { org, owner } = orgs.pending;
    expect(
      (
        await admin.post(`/admin/organizations/${org.id}/plan`, {
          plan: 'enterprise',
          source: 'PARTNER',
          grantExpiresAt: '',
        })
      ).status,
    ).toBe(303);
    expect(await orgRow(org.id)).toMatchObject({
      plan: 'enterprise',
      subscription_source: 'PARTNER',
      grant_expires_at: null,
    });
    const page = await (await signedInClient(t.url, owner.email)).get(`/organizations/${org.id}`);
    expect(page.html).toContain('PARTNER');
    expect(page.html).toContain('Enterprise');

    expect(
      (
        await admin.post(`/admin/organizations/${org.id}/plan`, {
          plan: 'free',
          grantExpiresAt: dayFromNow(30),
        })
      ).status,
    ).toBe(303);
    expect(await orgRow(org.id)).toMatchObject({
      plan: 'free',
      subscription_source: 'FREE',
      grant_expires_at: null,
    });
  });

  it('refuses an end date in the past, an invalid date and an unknown plan, changing nothing', async () => {
    const { org } = orgs.suspended;
    const before = await orgRow(org.id);
    const cases: [Record<string, string>, number, string][] = [
      [
        { plan: 'professional', grantExpiresAt: '2020-01-01' },
        400,
        'The end date must be in the future.',
      ],
      [
        { plan: 'professional', grantExpiresAt: dayFromNow(0) },
        400,
        'The end date must be in the future.',
      ],
      [
        { plan: 'professional', grantExpiresAt: 'next tuesday' },
        400,
        'The end date is not a valid date.',
      ],
      [{ plan: 'platinum' }, 400, 'Plan must be free, professional or enterprise.'],
    ];
    for (const [fields, status, message] of cases) {
      const res = await admin.post(`/admin/organizations/${org.id}/plan`, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(res.html).toContain(message);
    }
    expect(await orgRow(org.id)).toEqual(before);
    const missing = await admin.post(`/admin/organizations/${randomUUID()}/plan`, {
      plan: 'enterprise',
    });
    expect(missing.status).toBe(404);
  });
});

describe('review actions', () => {
  it('refuses an unknown action, a transition the status does not allow, and a missing organization', async () => {
    const { org } = orgs.rejected;
    const before = await orgRow(org.id);
    expect(
      (await admin.post(`/admin/organizations/${org.id}/review`, { action: 'delete' })).status,
    ).toBe(400);
    const reinstate = await admin.post(`/admin/organizations/${org.id}/review`, {
      action: 'reinstate',
    });
    expect(reinstate.status).toBe(409);
    expect(reinstate.html).toContain('An organization that is rejected cannot be reinstated.');
    expect(await orgRow(org.id)).toEqual(before);
    expect(
      (await admin.post(`/admin/organizations/${randomUUID()}/review`, { action: 'approve' }))
        .status,
    ).toBe(404);
  });

  it('shows queued and sent email in the admin mailbox', async () => {
    const { owner } = orgs.approved;
    const page = await admin.get(`/admin/mailbox?to=${encodeURIComponent(owner.email)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Approved Academy is approved');
  });
});
