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
import { WebClient, type PageResponse } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * The public organization and badge pages (/o/{slug}, /o/{slug}/badges/{badge}), the
 * organization's LinkedIn company ID, and the verification count on its overview.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

/** The number a Stat card shows under `label`. */
function statValue(html: string, label: string): string {
  const match = new RegExp(
    `<span class="stat__label">${label.replace(/[()]/g, '\\$&')}</span>.*?<p class="stat__value">([^<]*)`,
    's',
  ).exec(html);
  if (!match) throw new Error(`no stat "${label}"`);
  return match[1]!;
}

/** The gallery card of the badge linking to `href`. */
function galleryCard(html: string, href: string): string {
  const card = html.split('<li class="badge-card">').find((c) => c.includes(`href="${href}"`));
  if (!card) throw new Error(`no gallery card for ${href}`);
  // Cards are siblings: one runs until the next card, or the end of the gallery's section.
  return card.split('</section>')[0]!;
}

function ogTag(html: string, property: string): string | undefined {
  return new RegExp(`<meta property="og:${property}" content="([^"]*)"/>`).exec(html)?.[1];
}

function expectNotFound(res: PageResponse) {
  expect(res.status).toBe(404);
  expect(res.html).toContain('Page not found');
}

/**
 * An approved issuer with a description, website and logo; two active badges with three
 * credentials to two people (one address in two spellings); a deactivated badge.
 */
async function publicIssuer() {
  const deps = t.laurel.deps;
  const {
    org: seeded,
    owner,
    badge: first,
  } = await seedIssuer(deps, {
    badge: {
      name: 'Forklift Safety',
      description: 'Drives a forklift safely in a busy warehouse.',
      criteria: 'Passed the written test.\nPassed the practical test.',
      tags: ['forklift', 'warehouse', 'safety'],
      externalUrl: 'https://training.example/forklift',
      imagePath: 'badges/forklift.png',
    },
  });
  const s = deps.uow.stores;
  await s.organizations.updateDetails(
    seeded.id,
    {
      name: seeded.name,
      slug: seeded.slug,
      website: 'https://academy.example/',
      description: 'We train <b>warehouse</b> staff.',
      linkedinCompanyId: null,
    },
    new Date(),
  );
  await s.organizations.setLogo(seeded.id, 'logos/academy.png', new Date());
  const org = (await s.organizations.findById(seeded.id))!;
  const second = await seedBadge(deps, org.id, { name: 'Crane Basics', tags: ['cranes'] });
  const retired = await seedBadge(deps, org.id, { name: 'Old Pallet Course' });
  await s.badges.setActive(retired.id, false, new Date());
  const alice = uniqueEmail('alice');
  await seedCredential(deps, org, first, { recipientEmail: alice });
  await seedCredential(deps, org, first, { recipientEmail: uniqueEmail('bob') });
  await seedCredential(deps, org, second, { recipientEmail: `  ${alice.toUpperCase()} ` });
  // Private credentials never count: not even as a number on a public page.
  await seedCredential(deps, org, second, {
    recipientEmail: uniqueEmail('carol'),
    isPublic: false,
  });
  await seedCredential(deps, org, first, { recipientEmail: uniqueEmail('dave'), isPublic: false });
  return { org, owner, first, second, retired };
}

describe('the public organization page', () => {
  let org: Organization;
  let first: Badge;
  let second: Badge;
  let retired: Badge;
  let page: PageResponse;
  beforeAll(async () => {
    ({ org, first, second, retired } = await publicIssuer());
    // Another organization's credentials never count toward this one's numbers.
    const other = await seedIssuer(t.laurel.deps);
    await seedCredential(t.laurel.deps, other.org, other.badge);
    page = await new WebClient(t.url).get(`/o/${org.slug}`);
  });

  it('shows the name, description and website to someone signed out', () => {
    expect(page.status).toBe(200);
    expect(page.html).toMatch(new RegExp(`<h1>${org.name}</h1>`));
    expect(page.html).toContain('We train &lt;b&gt;warehouse&lt;/b&gt; staff.');
    expect(page.html).toContain(
      '<a href="https://academy.example/" rel="noopener noreferrer nofollow" class="break-all">academy.example</a>',
    );
    expect(page.html).toContain(`src="/logos/${org.id}"`);
    expect(page.html).toContain('href="/login"');
  });

  it('counts active badges, every public credential issued and distinct recipients (never a private one)', () => {
    expect(statValue(page.html, 'Badges')).toBe('2');
    expect(statValue(page.html, 'Credentials issued')).toBe('3');
    expect(statValue(page.html, 'Recipients')).toBe('2');
  });

  it('lists only active badges, each linking to its page with its skills and how many were issued', () => {
    const forklift = galleryCard(page.html, `/o/${org.slug}/badges/${first.slug}`);
    expect(forklift).toContain('Forklift Safety');
    expect(forklift).toContain('Drives a forklift safely in a busy warehouse.');
    expect(forklift).toContain(`src="/badge-images/${first.id}?v=`);
    expect(forklift).toContain('<li class="tag">forklift</li>');
    expect(forklift).toContain('2 issued');
    expect(galleryCard(page.html, `/o/${org.slug}/badges/${second.slug}`)).toContain('1 issued');
    expect(page.html).not.toContain(retired.slug);
    expect(page.html).not.toContain('Old Pallet Course');
  });

  it('describes itself for link previews with absolute URLs', () => {
    expect(ogTag(page.html, 'title')).toBe(org.name);
    expect(ogTag(page.html, 'description')).toBe('We train &lt;b&gt;warehouse&lt;/b&gt; staff.');
    expect(ogTag(page.html, 'url')).toBe(`${t.url}/o/${org.slug}`);
    expect(ogTag(page.html, 'image')).toBe(`${t.url}/logos/${org.id}`);
  });

  it('keeps the navigation of someone signed in', async () => {
    const visitor = await signedInClient(t.url, (await seedOrg(t.laurel.deps)).owner.email);
    const res = await visitor.get(`/o/${org.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('href="/dashboard"');
    expect(res.html).not.toContain('href="/login"');
  });

  it('shows an empty gallery, zeros and no logo image for an organization with nothing yet', async () => {
    const { org: quiet } = await seedOrg(t.laurel.deps);
    const res = await new WebClient(t.url).get(`/o/${quiet.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('No badges yet');
    expect(statValue(res.html, 'Credentials issued')).toBe('0');
    expect(ogTag(res.html, 'image')).toBeUndefined();
    expect(ogTag(res.html, 'description')).toBe(`Badges and credentials issued by ${quiet.name}.`);
  });
});

describe('organizations without a public page', () => {
  it.each(['pending_review', 'rejected', 'suspended'] as const)(
    'a %s organization and its badges answer 404',
    async (status) => {
      const { org } = await seedOrg(t.laurel.deps, { approved: status !== 'pending_review' });
      if (status !== 'pending_review')
        await t.laurel.deps.uow.stores.organizations.setStatus(
          org.id,
          status,
          'Reason',
          new Date(),
        );
      const badge = await seedBadge(t.laurel.deps, org.id);
      const visitor = new WebClient(t.url);
      expectNotFound(await visitor.get(`/o/${org.slug}`));
      expectNotFound(await visitor.get(`/o/${org.slug}/badges/${badge.slug}`));
    },
  );

  it('an unknown slug answers 404', async () => {
    expectNotFound(await new WebClient(t.url).get('/o/no-such-organization'));
  });
});

describe('the public badge page', () => {
  let org: Organization;
  let first: Badge;
  let retired: Badge;
  beforeAll(async () => {
    ({ org, first, retired } = await publicIssuer());
  });

  it('shows the description, criteria with its line breaks, skills, external link and credentials issued', async () => {
    const res = await new WebClient(t.url).get(`/o/${org.slug}/badges/${first.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<h1><span class="badge-title">.*Forklift Safety<\/span><\/h1>/s);
    expect(res.html).toContain(
      '<p class="prose pre-line">Drives a forklift safely in a busy warehouse.</p>',
    );
    expect(res.html).toContain(
      '<p class="prose pre-line">Passed the written test.\nPassed the practical test.</p>',
    );
    for (const skill of ['forklift', 'warehouse', 'safety'])
      expect(res.html).toContain(`<li class="tag">${skill}</li>`);
    expect(res.html).toContain('href="https://training.example/forklift"');
    expect(statValue(res.html, 'Credentials issued')).toBe('2');
    expect(res.html).not.toContain('No longer issued');
  });

  it('links back to the issuer and to its Open Badges achievement, which resolves', async () => {
    const res = await new WebClient(t.url).get(`/o/${org.slug}/badges/${first.slug}`);
    expect(res.html).toMatch(
      new RegExp(
        `<nav class="breadcrumbs" aria-label="Breadcrumb">.*<a href="/o/${org.slug}">${org.name}</a>`,
        's',
      ),
    );
    expect(res.html).toContain(`Awarded by <a href="/o/${org.slug}">${org.name}</a>`);
    const json = `/achievements/${org.slug}/${first.slug}`;
    expect(res.html).toContain(`href="${json}"`);
    const achievement = await fetch(`${t.url}${json}`);
    expect(achievement.status).toBe(200);
    expect(((await achievement.json()) as { name: string }).name).toBe('Forklift Safety');
  });

  it('describes itself for link previews with the badge image', async () => {
    const res = await new WebClient(t.url).get(`/o/${org.slug}/badges/${first.slug}`);
    expect(ogTag(res.html, 'title')).toBe(`Forklift Safety · ${org.name}`);
    expect(ogTag(res.html, 'description')).toBe('Drives a forklift safely in a busy warehouse.');
    expect(ogTag(res.html, 'url')).toBe(`${t.url}/o/${org.slug}/badges/${first.slug}`);
    expect(ogTag(res.html, 'image')).toBe(`${t.url}/badge-images/${first.id}`);
  });

  it('keeps the page of a deactivated badge, marked as no longer issued', async () => {
    const res = await new WebClient(t.url).get(`/o/${org.slug}/badges/${retired.slug}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Old Pallet Course');
    expect(res.html).toContain('No longer issued');
  });

  it('answers 404 for an unknown badge, and for another organization’s badge under this slug', async () => {
    const other = await seedIssuer(t.laurel.deps);
    const visitor = new WebClient(t.url);
    expectNotFound(await visitor.get(`/o/${org.slug}/badges/no-such-badge`));
    expectNotFound(await visitor.get(`/o/${org.slug}/badges/${other.badge.slug}`));
  });
});

describe('verifications on the organization overview', () => {
  it('counts the last 30 days of verifications of this organization only, for every member', async () => {
    const deps = t.laurel.deps;
    const { org, owner, badge } = await seedIssuer(deps);
    const credential = await seedCredential(deps, org, badge);
    const other = await seedIssuer(deps);
    const otherCredential = await seedCredential(deps, other.org, other.badge);
    const now = Date.now();
    const event = (
      c: { id: string; organizationId: string },
      ago: number,
      channel: 'page' | 'api' | 'embed' = 'page',
    ) => ({
      credentialId: c.id,
      organizationId: c.organizationId,
      channel,
      occurredAt: new Date(now - ago),
    });
    await deps.uow.stores.verificationEvents.recordAll([
      event(credential, 60_000),
      event(credential, 2 * DAY, 'api'),
      event(credential, 30 * DAY - 60 * 60 * 1000, 'embed'),
      event(credential, 30 * DAY + 60 * 60 * 1000),
      event(credential, 90 * DAY),
      event(otherCredential, 60_000),
    ]);

    const ownerPage = await (
      await signedInClient(t.url, owner.email)
    ).get(`/organizations/${org.id}`);
    expect(ownerPage.status).toBe(200);
    expect(statValue(ownerPage.html, 'Verifications (30 days)')).toBe('3');

    const viewer = await addMember(deps, org.id, 'viewer');
    const viewerPage = await (
      await signedInClient(t.url, viewer.email)
    ).get(`/organizations/${org.id}`);
    expect(statValue(viewerPage.html, 'Verifications (30 days)')).toBe('3');

    const otherPage = await (
      await signedInClient(t.url, other.owner.email)
    ).get(`/organizations/${other.org.id}`);
    expect(statValue(otherPage.html, 'Verifications (30 days)')).toBe('1');
  });

  it('shows nothing of it to someone who is not a member', async () => {
    const { org } = await seedIssuer(t.laurel.deps);
    const outsider = await signedInClient(t.url, (await seedOrg(t.laurel.deps)).owner.email);
    const res = await outsider.get(`/organizations/${org.id}`);
    expect(res.status).toBe(404);
    expect(res.html).not.toContain('Verifications (30 days)');
  });
});

describe('the LinkedIn company ID', () => {
  let org: Organization;
  let owner: User;
  let client: WebClient;
  beforeAll(async () => {
    ({ org, owner } = await seedOrg(t.laurel.deps));
    client = await signedInClient(t.url, owner.email);
  });

  const linkedinId = async () =>
    (
      await t.database.db
        .selectFrom('organizations')
        .select('linkedin_company_id')
        .where('id', '=', org.id)
        .executeTakeFirstOrThrow()
    ).linkedin_company_id;
  const details = (linkedinCompanyId: string) => ({
    name: org.name,
    slug: org.slug,
    website: '',
    description: '',
    linkedinCompanyId,
  });

  it('is saved from the details form and shown back in it', async () => {
    const form = await client.get(`/organizations/${org.id}`);
    expect(form.html).toContain('LinkedIn company ID');
    expect(form.html).toContain(
      'The number in your LinkedIn company page&#x27;s admin URL; add-to-profile links then name your company page.',
    );

    const saved = await client.post(`/organizations/${org.id}`, details(' 2414183 '));
    expect(saved.status).toBe(303);
    expect(await linkedinId()).toBe('2414183');
    const page = await client.get(`/organizations/${org.id}`);
    expect(page.html).toMatch(
      /name="linkedinCompanyId"[^>]*value="2414183"|value="2414183"[^>]*name="linkedinCompanyId"/,
    );

    const viewer = await addMember(t.laurel.deps, org.id, 'viewer');
    const viewerPage = await (
      await signedInClient(t.url, viewer.email)
    ).get(`/organizations/${org.id}`);
    expect(viewerPage.html).toMatch(/LinkedIn company ID<\/dt><dd[^>]*>2414183</);
  });

  it('refuses anything but digits with a field error and changes nothing', async () => {
    await client.post(`/organizations/${org.id}`, details('2414183'));
    const before = await snapshotTables(t.database.db);
    for (const bad of ['abc', '12-34', '9'.repeat(21)]) {
      const res = await client.post(`/organizations/${org.id}`, {
        ...details(bad),
        name: 'A new name',
      });
      expect(res.status).toBe(400);
      expect(res.html).toContain('Enter the LinkedIn company ID as digits only (at most 20).');
      expect(res.html).toMatch(
        /id="f-linkedinCompanyId"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-linkedinCompanyId"/,
      );
    }
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('is cleared by emptying the field', async () => {
    await client.post(`/organizations/${org.id}`, details('2414183'));
    const cleared = await client.post(`/organizations/${org.id}`, details(''));
    expect(cleared.status).toBe(303);
    expect(await linkedinId()).toBeNull();
  });
});
