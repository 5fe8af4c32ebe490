import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Badge, Organization, User } from '../../src/core/entities.ts';
import {
  addMember,
  seedBadge,
  seedCredential,
  seedIssuer,
  seedOrg,
  uniqueEmail,
} from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import type { PageResponse, WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { settledSnapshot } from '../support/snapshot.ts';
import { waitForMail } from '../support/smtp.ts';

/**
 * The issuer's credential pages over HTTP (issuing-a-credential.md, revoking-credentials.md):
 * the issue form and its recipient check, the list with search, filters, lineage and email
 * state, revoke and resend; and what each role may do.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

interface Issuer {
  org: Organization;
  owner: User;
  badge: Badge;
  client: WebClient;
}

async function issuer(opts: Parameters<typeof seedIssuer>[1] = {}): Promise<Issuer> {
  const { org, owner, badge } = await seedIssuer(t.laurel.deps, opts);
  return { org, owner, badge, client: await signedInClient(t.url, owner.email) };
}

const base = (org: Organization) => `/organizations/${org.id}/credentials`;

function issueForm(badge: Badge, recipientEmail: string, extra: Record<string, string> = {}) {
  return {
    badgeId: badge.id,
    recipientName: 'Jane Doe',
    recipientEmail,
    evidenceUrl: '',
    isPublic: 'on',
    ...extra,
  };
}

/** The form as a browser sends it with the public box unchecked: no isPublic field at all. */
function unchecked(form: Record<string, string>): Record<string, string> {
  const copy = { ...form };
  delete copy.isPublic;
  return copy;
}

async function issueThroughForm(
  i: Issuer,
  badge: Badge,
  email: string,
  extra: Record<string, string> = {},
): Promise<PageResponse> {
  const res = await i.client.post(`${base(i.org)}/issue`, issueForm(badge, email, extra));
  expect(res.status, res.html.slice(0, 2000)).toBe(303);
  expect(res.location).toBe(base(i.org));
  return i.client.get(res.location!);
}

async function credentialRow(shortIdOrEmail: string) {
  return t.database.db
    .selectFrom('credentials')
    .selectAll()
    .where((eb) =>
      eb.or([eb('short_id', '=', shortIdOrEmail), eb('recipient_email', '=', shortIdOrEmail)]),
    )
    .orderBy('issued_at', 'desc')
    .executeTakeFirstOrThrow();
}

/** The HTML of the table row that mentions `text`. */
function rowWith(html: string, text: string): string {
  const rows = html.split('<tr>').slice(1);
  const row = rows.find((r) => r.includes(text));
  if (!row) throw new Error(`no row with ${text}`);
  return row.split('</tr>')[0]!;
}

function check(i: Issuer, badge: Badge, email: string) {
  return i.client.get(
    `${base(i.org)}/check?badgeId=${badge.id}&recipientEmail=${encodeURIComponent(email)}`,
  );
}

describe('issuing through the form', () => {
  it('pre-selects the badge from ?badgeId=, issues, redirects to the list with a toast, and emails View & Verify', async () => {
    const i = await issuer({ badge: { name: 'Forklift Safety' } });
    const form = await i.client.get(`${base(i.org)}/issue?badgeId=${i.badge.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(
      new RegExp(`<option value="${i.badge.id}" selected="">Forklift Safety</option>`),
    );
    expect(form.html).toContain('Make this credential publicly verifiable');
    expect(form.html).toMatch(/name="isPublic"[^>]*checked=""/);
    expect(form.html).toContain(`hx-get="${base(i.org)}/check"`);
    expect(form.html).toContain('id="recipient-check"');

    const email = uniqueEmail('jane');
    const list = await issueThroughForm(i, i.badge, email, {
      evidenceUrl: 'https://portfolio.example/jane',
    });
    expect(list.html).toContain(
      'Credential issued. The recipient will receive an email with a View &amp; Verify link.',
    );
    const row = await credentialRow(email);
    expect(row.evidence_url).toBe('https://portfolio.example/jane');
    expect(row.is_public).toBeTruthy();
    expect(rowWith(list.html, email)).toContain(`href="/verify/${row.short_id}"`);

    const mail = await waitForMail(t.smtp, email, "🏆 You've earned a new credential!");
    expect(mail.html).toContain('View &amp; Verify Credential');
    expect(mail.html).toContain(`${t.url}/verify/${row.short_id}`);
  });

  it('an unchecked box issues a private credential; bad input re-shows the form with the values and errors', async () => {
    const i = await issuer();
    const email = uniqueEmail('private');
    const res = await i.client.post(`${base(i.org)}/issue`, unchecked(issueForm(i.badge, email)));
    expect(res.status).toBe(303);
    expect((await credentialRow(email)).is_public).toBeFalsy();

    const before = await settledSnapshot(t.database.db);
    const bad = await i.client.post(
      `${base(i.org)}/issue`,
      unchecked(
        issueForm(i.badge, 'not-an-email', {
          recipientName: 'Ann <b>Bold</b>',
          evidenceUrl: 'javascript:alert(1)',
        }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('value="Ann &lt;b&gt;Bold&lt;/b&gt;"');
    expect(bad.html).not.toContain('<b>Bold</b>');
    expect(bad.html).toContain('aria-invalid="true"');
    expect(bad.html).toMatch(/name="isPublic"(?![^>]*checked)/);
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });

  it('refuses a control character in the recipient name with a message on the field, the input kept and nothing written', async () => {
    const i = await issuer();
    const email = uniqueEmail('bell');
    const before = await settledSnapshot(t.database.db);
    const bad = await i.client.post(
      `${base(i.org)}/issue`,
      issueForm(i.badge, email, { recipientName: 'Jane\u0007Doe' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain(
      'Recipient name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
    );
    expect(bad.html).toContain('value="Jane\u0007Doe"');
    expect(bad.html).toContain(`value="${email}"`);
    expect(await settledSnapshot(t.database.db)).toEqual(before);

    // A tab is not refused: it is signed as a space.
    await issueThroughForm(i, i.badge, email, { recipientName: 'Jane\tDoe' });
    expect((await credentialRow(email)).recipient_name).toBe('Jane Doe');
  });

  it('warns with links when keys are missing, the organization is not approved, or the quota is used up', async () => {
    const deps = t.laurel.deps;
    const { org, owner } = await seedOrg(deps, { approved: false });
    await seedBadge(deps, org.id);
    const c = await signedInClient(t.url, owner.email);
    const page = await c.get(`${base(org)}/issue`);
    expect(page.html).toContain('Your organization is pending review.');
    expect(page.html).toContain(`href="/organizations/${org.id}"`);
    expect(page.html).toContain('Generate signing keys before issuing credentials');
    expect(page.html).toContain(`href="/organizations/${org.id}#signing-keys"`);
    // Issuing is impossible, so the button is disabled and the server refuses anyway.
    expect(page.html).toMatch(/<button[^>]*id="issue-submit"[^>]*disabled=""/);

    const i = await issuer();
    const month = new Date().toISOString().slice(0, 7);
    await t.database.db
      .insertInto('quota_recipients')
      .values(
        Array.from({ length: 1000 }, (_, n) => ({
          organization_id: i.org.id,
          month,
          email_normalized: `q${n}@example.test`,
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    const full = await i.client.get(`${base(i.org)}/issue`);
    expect(full.html).toContain('Monthly quota used up');
    expect(full.html).toContain(`href="/organizations/${i.org.id}#billing"`);
    const before = await settledSnapshot(t.database.db);
    const refused = await i.client.post(
      `${base(i.org)}/issue`,
      issueForm(i.badge, uniqueEmail('over')),
    );
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Monthly quota reached');
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });
});

describe('the recipient check partial', () => {
  it('returns each banner of the reference table with its colour, and disables submit only on red', async () => {
    const i = await issuer({ badge: { name: 'Never Expires' } });
    const deps = t.laurel.deps;
    const timed = await seedBadge(deps, i.org.id, { name: 'Yearly', expiresInDays: 365 });

    const fresh = await check(i, i.badge, uniqueEmail('new'));
    expect(fresh.status).toBe(200);
    expect(fresh.html).toContain('First-time recipient.');
    expect(fresh.html).toContain('banner--success');
    expect(fresh.html).toMatch(/<button[^>]*id="issue-submit"[^>]*hx-swap-oob="true"/);
    expect(fresh.html).not.toMatch(/id="issue-submit"[^>]*disabled/);

    const holder = uniqueEmail('holder');
    const held = await seedCredential(deps, i.org, i.badge, { recipientEmail: holder });
    const red = await check(i, i.badge, holder.toUpperCase());
    expect(red.html).toContain('Recipient already has this credential.');
    expect(red.html).toContain('banner--danger');
    expect(red.html).toContain(`href="/verify/${held.shortId}"`);
    expect(red.html).toMatch(/<button[^>]*id="issue-submit"[^>]*disabled=""/);

    const timedHolder = uniqueEmail('timed');
    await seedCredential(deps, i.org, timed, { recipientEmail: timedHolder });
    const amber = await check(i, timed, timedHolder);
    expect(amber.html).toContain(
      'An active credential exists. It will be revoked and a new one issued.',
    );
    expect(amber.html).toContain('banner--warning');

    const expiredHolder = uniqueEmail('expired');
    const old = await seedCredential(deps, i.org, timed, { recipientEmail: expiredHolder });
    await t.database.db
      .updateTable('credentials')
      .set({ expires_at: new Date(Date.now() - 86_400_000).toISOString() })
      .where('id', '=', old.id)
      .execute();
    const blue = await check(i, timed, expiredHolder);
    expect(blue.html).toContain('Renewing an expired credential.');
    expect(blue.html).toContain('banner--info');

    const revokedHolder = uniqueEmail('revoked');
    const gone = await seedCredential(deps, i.org, i.badge, { recipientEmail: revokedHolder });
    const revoke = await i.client.post(`${base(i.org)}/${gone.id}/revoke`, {
      reason: 'Issued in error.',
    });
    expect(revoke.status).toBe(303);
    const replaced = await check(i, i.badge, revokedHolder);
    expect(replaced.html).toContain('Issuing replaces a revoked credential.');
    expect(replaced.html).toContain('banner--info');

    // Until the email is valid there is nothing to say, and the button stays enabled.
    const partial = await check(i, i.badge, 'jane@');
    expect(partial.status).toBe(200);
    expect(partial.html).not.toContain('banner');
    expect(partial.html).not.toMatch(/id="issue-submit"[^>]*disabled/);
  });

  it('the server refuses a duplicate anyway, and the re-shown form carries the red banner', async () => {
    const i = await issuer();
    const email = uniqueEmail('dup');
    await issueThroughForm(i, i.badge, email);
    const before = await settledSnapshot(t.database.db);
    const again = await i.client.post(`${base(i.org)}/issue`, issueForm(i.badge, email));
    expect(again.status).toBe(409);
    expect(again.html).toContain('Recipient already has this credential.');
    expect(again.html).toMatch(/<button[^>]*id="issue-submit"[^>]*disabled=""/);
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });
});

describe('the credentials list', () => {
  it('links renewals both ways with ↻ lineage, shows the email state, and searches, filters and pages', async () => {
    const i = await issuer();
    const deps = t.laurel.deps;
    const timed = await seedBadge(deps, i.org.id, { name: 'Yearly Refresher', expiresInDays: 365 });
    const email = uniqueEmail('renew');
    await issueThroughForm(i, timed, email);
    const first = await credentialRow(email);
    const renewed = await issueThroughForm(i, timed, email);
    expect(renewed.html).toContain('Credential issued as a renewal');
    const second = await credentialRow(email);
    expect(second.id).not.toBe(first.id);
    expect(second.supersedes_credential_id).toBe(first.id);

    const list = await i.client.get(`${base(i.org)}?q=${encodeURIComponent(email)}`);
    const newRow = rowWith(list.html, `href="/verify/${second.short_id}">${second.short_id}`);
    expect(newRow).toContain(
      `Supersedes <a href="/verify/${first.short_id}">${first.short_id}</a>`,
    );
    const oldRow = rowWith(
      list.html,
      `href="/verify/${first.short_id}">${first.short_id}</a><span`,
    );
    expect(oldRow).toContain(
      `Superseded by <a href="/verify/${second.short_id}">${second.short_id}</a>`,
    );
    expect(oldRow).toContain('Revoked');
    expect(newRow).toContain('i-refresh-cw');

    // Email delivery: sent once the worker has delivered it.
    await waitForMail(t.smtp, email, `Your Yearly Refresher credential has been renewed 🔄`);
    await expect
      .poll(async () =>
        rowWith((await i.client.get(`${base(i.org)}?q=${second.short_id}`)).html, second.short_id),
      )
      .toContain('Sent');

    // Failed and suppressed deliveries show as such, the failure with its last error.
    await t.database.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: '550 Mailbox unavailable' })
      .where('id', '=', second.email_outbox_id!)
      .execute();
    const failed = rowWith(
      (await i.client.get(`${base(i.org)}?q=${second.short_id}`)).html,
      second.short_id,
    );
    expect(failed).toContain('Failed');
    expect(failed).toContain('550 Mailbox unavailable');

    // 25 more to page through.
    for (let n = 0; n < 25; n++)
      await seedCredential(deps, i.org, i.badge, {
        recipientName: `Bulk ${n}`,
        recipientEmail: `bulk${n}-${i.org.id.slice(0, 6)}@example.test`,
      });
    const page1 = await i.client.get(base(i.org));
    expect(page1.html).toContain('Showing 1–20 of 27');
    expect(page1.html).toContain(`href="${base(i.org)}?page=2"`);
    const page2 = await i.client.get(`${base(i.org)}?page=2`);
    expect(page2.html).toContain('Showing 21–27 of 27');

    const byBadge = await i.client.get(`${base(i.org)}?badgeId=${timed.id}`);
    expect(byBadge.html).toContain('Showing 1–2 of 2');
    const byStatus = await i.client.get(`${base(i.org)}?status=revoked`);
    expect(byStatus.html).toContain('Showing 1–1 of 1');
    expect(byStatus.html).toContain(first.short_id);
    const byName = await i.client.get(`${base(i.org)}?q=Bulk%2017`);
    expect(byName.html).toContain('Showing 1–1 of 1');
    const byId = await i.client.get(`${base(i.org)}?q=${first.short_id}`);
    expect(byId.html).toContain('Showing 1–1 of 1');
    const none = await i.client.get(`${base(i.org)}?q=nobody-at-all`);
    expect(none.html).toContain('No credentials match');
  });

  it('escapes what recipients are called', async () => {
    const i = await issuer();
    await seedCredential(t.laurel.deps, i.org, i.badge, {
      recipientName: '<img src=x onerror=alert(1)>',
    });
    const list = await i.client.get(base(i.org));
    expect(list.html).not.toContain('<img src=x');
    expect(list.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('revoke and resend through the forms', () => {
  it('revoke asks for a reason in a dialog, refuses an empty one, and records it', async () => {
    const i = await issuer();
    const cred = await seedCredential(t.laurel.deps, i.org, i.badge);
    const list = await i.client.get(base(i.org));
    expect(list.html).toContain(`href="${base(i.org)}/${cred.id}/revoke"`);
    expect(list.html).toContain('hx-target="#dialog-root"');

    // Without JS the question is a page of its own; htmx gets the open modal alone.
    const dialog = await i.client.get(`${base(i.org)}/${cred.id}/revoke`);
    expect(dialog.status).toBe(200);
    expect(dialog.html).toMatch(/^<!doctype html>/i);
    expect(dialog.html).toContain('Confirm Revoke');
    expect(dialog.html).toMatch(/<textarea[^>]*name="reason"[^>]*required=""/);
    const modal = await i.client.get(`${base(i.org)}/${cred.id}/revoke`, { 'hx-request': 'true' });
    expect(modal.status).toBe(200);
    expect(modal.html).toMatch(/^<dialog[^>]* open=""/);
    expect(modal.html).toContain('Confirm Revoke');

    const before = await settledSnapshot(t.database.db);
    const empty = await i.client.post(`${base(i.org)}/${cred.id}/revoke`, { reason: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Give a reason for the revocation.');
    expect(await settledSnapshot(t.database.db)).toEqual(before);

    const done = await i.client.post(`${base(i.org)}/${cred.id}/revoke`, {
      reason: 'Recipient withdrew from program.',
    });
    expect(done.status).toBe(303);
    const after = await i.client.get(done.location!);
    expect(after.html).toContain('Credential revoked.');
    const row = await credentialRow(cred.shortId);
    expect(row.revocation_reason).toBe('Recipient withdrew from program.');
    expect(row.revoked_at).not.toBeNull();
    // A revoked credential has no Revoke or Resend left.
    expect(rowWith(after.html, cred.shortId)).not.toContain('Resend email');
    expect(rowWith(after.html, cred.shortId)).not.toContain('/revoke');
  });

  it('resend is disabled with its date during the cooldown, refused by the server too, and allowed after a failed send', async () => {
    const i = await issuer();
    const email = uniqueEmail('resend');
    await issueThroughForm(i, i.badge, email);
    const row = await credentialRow(email);
    const list = await i.client.get(base(i.org));
    const tr = rowWith(list.html, row.short_id);
    const available = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-US', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(tr).toMatch(/<button[^>]*disabled=""[^>]*>.*Resend email/);
    expect(tr).toContain(`Available ${available}`);

    const before = await settledSnapshot(t.database.db);
    const refused = await i.client.post(`${base(i.org)}/${row.id}/resend`);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('This email was sent recently. You can resend it from');
    expect(await settledSnapshot(t.database.db)).toEqual(before);

    await t.database.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: 'Connection refused' })
      .where('id', '=', row.email_outbox_id!)
      .execute();
    const enabled = rowWith((await i.client.get(base(i.org))).html, row.short_id);
    expect(enabled).toContain(`action="${base(i.org)}/${row.id}/resend"`);
    const resent = await i.client.post(`${base(i.org)}/${row.id}/resend`);
    expect(resent.status).toBe(303);
    expect((await i.client.get(resent.location!)).html).toContain(
      'The credential email is on its way again.',
    );
    expect((await credentialRow(email)).email_outbox_id).not.toBe(row.email_outbox_id);
  });
});

describe('permissions', () => {
  it('a Viewer sees no mutating buttons, and every POST is refused with nothing changed', async () => {
    const i = await issuer();
    const deps = t.laurel.deps;
    const cred = await seedCredential(deps, i.org, i.badge);
    const viewer = await addMember(deps, i.org.id, 'viewer');
    const v = await signedInClient(t.url, viewer.email);

    const list = await v.get(base(i.org));
    expect(list.status).toBe(200);
    expect(list.html).toContain(cred.shortId);
    expect(list.html).not.toContain('Issue credential');
    expect(list.html).not.toContain('Resend email');
    expect(list.html).not.toContain('/revoke');
    expect(list.html).not.toContain('method="post" action="/organizations');

    expect((await v.get(`${base(i.org)}/issue`)).status).toBe(403);
    expect((await v.get(`${base(i.org)}/${cred.id}/revoke`)).status).toBe(403);
    expect((await check({ ...i, client: v }, i.badge, uniqueEmail())).status).toBe(403);

    const before = await settledSnapshot(t.database.db);
    const attempts = [
      await v.post(`${base(i.org)}/issue`, issueForm(i.badge, uniqueEmail('sneaky'))),
      await v.post(`${base(i.org)}/${cred.id}/revoke`, { reason: 'Because.' }),
      await v.post(`${base(i.org)}/${cred.id}/resend`),
    ];
    for (const res of attempts) expect(res.status).toBe(403);
    expect(await settledSnapshot(t.database.db)).toEqual(before);
  });

  it('an Issuer issues but cannot revoke or resend; another organization answers 404', async () => {
    const i = await issuer();
    const deps = t.laurel.deps;
    const cred = await seedCredential(deps, i.org, i.badge);
    const member = await addMember(deps, i.org.id, 'issuer');
    const c = await signedInClient(t.url, member.email);
    const list = await c.get(base(i.org));
    expect(list.html).toContain('Issue credential');
    expect(list.html).not.toContain('Resend email');
    expect(list.html).not.toContain('/revoke');
    const before = await settledSnapshot(t.database.db);
    expect((await c.post(`${base(i.org)}/${cred.id}/revoke`, { reason: 'No.' })).status).toBe(403);
    expect((await c.post(`${base(i.org)}/${cred.id}/resend`)).status).toBe(403);
    expect(await settledSnapshot(t.database.db)).toEqual(before);
    const issued = await c.post(
      `${base(i.org)}/issue`,
      issueForm(i.badge, uniqueEmail('by-issuer')),
    );
    expect(issued.status).toBe(303);

    const other = await issuer();
    const before2 = await settledSnapshot(t.database.db);
    for (const path of [
      base(other.org),
      `${base(other.org)}/issue`,
      `${base(other.org)}/${cred.id}/revoke`,
    ]) {
      expect((await c.get(path)).status).toBe(404);
    }
    expect(
      (await c.post(`${base(other.org)}/issue`, issueForm(other.badge, uniqueEmail()))).status,
    ).toBe(404);
    // Revoking this organization's credential through another organization's URL finds nothing.
    expect(
      (await other.client.post(`${base(other.org)}/${cred.id}/revoke`, { reason: 'Cross-org.' }))
        .status,
    ).toBe(404);
    expect(await settledSnapshot(t.database.db)).toEqual(before2);
  });
});
