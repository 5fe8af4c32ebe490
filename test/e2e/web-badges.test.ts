import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization, User } from '../../src/core/entities.ts';
import { addMember, seedBadge, seedCredential, seedIssuer, seedOrg } from '../factories/index.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import type { WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { settledSnapshot } from '../support/snapshot.ts';

/** The badge template pages over HTTP (creating-a-badge.md) and who may do what on them. */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

function storedImages(orgId: string): string[] {
  const dir = path.join(t.dataDir, 'uploads', 'badges', orgId);
  // The local store keeps each file's content type in a .type file beside it.
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => !f.endsWith('.type'))
        .sort()
    : [];
}

/** Every row a refused request must leave alone, and the organization's stored badge images. */
async function snapshot(orgId: string) {
  return { ...(await settledSnapshot(t.database.db)), images: storedImages(orgId) };
}

const badges = (org: Organization) => `/organizations/${org.id}/badges`;

function badgeForm(
  fields: Record<string, string>,
  image?: { bytes: Buffer | string; type: string; name: string },
): FormData {
  const form = new FormData();
  if (image) form.append('image', new Blob([image.bytes], { type: image.type }), image.name);
  else form.append('image', new Blob([], { type: 'application/octet-stream' }), '');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

const PNG = { bytes: tinyPng(), type: 'image/png', name: 'badge.png' };
const SVG = { bytes: TINY_SVG, type: 'image/svg+xml', name: 'badge.svg' };
const FIELDS = {
  name: 'Cloud Native Practitioner',
  slug: '',
  description: 'Runs containerised services in production.',
  criteria: 'Passed the hands-on lab.',
  externalUrl: 'https://academy.example/cloud',
  expiresInDays: '730',
  tags: 'kubernetes, cloud-native, Kubernetes',
};

async function owner(): Promise<{ org: Organization; user: User; client: WebClient }> {
  const { org, owner: user } = await seedIssuer(t.laurel.deps);
  return { org, user, client: await signedInClient(t.url, user.email) };
}

async function badgeRow(id: string) {
  return t.database.db.selectFrom('badges').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('creating a badge', () => {
  it('uploads the image, saves the fields, lands on the detail page with Issue this credential, and lists it', async () => {
    const { org, client } = await owner();
    const page = await client.get(`${badges(org)}/new`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/enctype="multipart\/form-data"/i);
    expect(page.html).toContain('accept="image/png,image/jpeg,image/webp,image/svg+xml"');
    expect(page.html).toContain(`hx-post="${badges(org)}/preview?_csrf=`);

    const res = await client.postMultipart(`${badges(org)}/new`, badgeForm(FIELDS, PNG));
    expect(res.status, res.html.slice(0, 3000)).toBe(303);
    const id = /\/badges\/([0-9a-f-]{36})$/.exec(res.location ?? '')?.[1];
    expect(id).toBeDefined();
    const row = await badgeRow(id!);
    expect(row).toMatchObject({
      name: 'Cloud Native Practitioner',
      slug: 'cloud-native-practitioner',
      expires_in_days: 730,
      external_url: 'https://academy.example/cloud',
    });
    expect(storedImages(org.id)).toHaveLength(1);

    const detail = await client.get(res.location!);
    expect(detail.html).toContain('Badge created.');
    expect(detail.html).toContain(
      `href="/organizations/${org.id}/credentials/issue?badgeId=${id!}"`,
    );
    expect(detail.html).toContain('Issue this credential');
    expect(detail.html).toContain('Expires 730 days after issue');
    expect(detail.html).toContain('cloud-native');
    expect(detail.html).toContain(`src="/badge-images/${id!}?v=`);
    expect(detail.html).toContain(`href="https://academy.example/cloud"`);
    expect(detail.html).toContain('rel="noopener noreferrer nofollow"');

    const image = await fetch(`${t.url}/badge-images/${id!}`);
    expect(image.headers.get('content-type')).toBe('image/png');

    const list = await client.get(badges(org));
    expect(list.html).toContain('Cloud Native Practitioner');
    expect(list.html).toMatch(/Active <span class="segmented__count">2<\/span>/);
  });

  it('rasterises an SVG; refuses a missing image or bad fields with the form again and nothing stored', async () => {
    const { org, client } = await owner();
    const svg = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'Vector Badge' }, SVG),
    );
    expect(svg.status).toBe(303);
    const id = /\/badges\/([0-9a-f-]{36})$/.exec(svg.location ?? '')![1]!;
    const served = await fetch(`${t.url}/badge-images/${id}`);
    expect(served.headers.get('content-type')).toBe('image/png');

    const before = await snapshot(org.id);
    const noImage = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'No Image' }),
    );
    expect(noImage.status).toBe(400);
    expect(noImage.html).toContain('Upload a badge image: PNG, JPEG, WebP or SVG, at most 5 MB.');
    expect(noImage.html).toContain('value="No Image"');

    const badFields = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm(
        { ...FIELDS, name: '', externalUrl: 'javascript:alert(1)', expiresInDays: '-3' },
        PNG,
      ),
    );
    expect(badFields.status).toBe(400);
    expect(badFields.html).toContain('Enter a name.');
    expect(badFields.html).toContain('Enter a full web address starting with http:// or https://.');
    expect(badFields.html).toContain('Expires in days must be a whole number');
    expect(badFields.html).toContain('Choose the image again');

    const notImage = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm(FIELDS, { bytes: 'hello', type: 'text/plain', name: 'a.txt' }),
    );
    expect(notImage.status).toBe(400);
    expect(notImage.html).toContain('Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.');
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('answers an image over 5 MB with 413 and the form again (as filled in, on the new form), on the new and the edit form, storing nothing', async () => {
    const { org, client } = await owner();
    const badge = await seedBadge(t.laurel.deps, org.id, { name: 'Kept' });
    const huge = { bytes: Buffer.alloc(5 * 1024 * 1024 + 1), type: 'image/png', name: 'huge.png' };
    const before = await snapshot(org.id);
    const created = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'Huge' }, huge),
    );
    expect(created.status).toBe(413);
    expect(created.html).toContain('The badge image must be at most 5 MB.');
    expect(created.html).toContain('value="Huge"');
    const edited = await client.postMultipart(
      `${badges(org)}/${badge.id}/edit`,
      badgeForm({ name: 'Renamed' }, huge),
    );
    expect(edited.status).toBe(413);
    expect(edited.html).toContain('The badge image must be at most 5 MB.');
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('normalises tabs in signed fields, and refuses a control character with a message on the field, the input kept and nothing stored', async () => {
    const { org, client } = await owner();
    const before = await snapshot(org.id);
    const refused = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'Bell\u0007 Badge', criteria: 'Passed\r\nthe lab.' }, PNG),
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(
      'Name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
    );
    expect(refused.html).toMatch(
      /name="name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="name"/,
    );
    // What the person typed comes back to be corrected, the control character included.
    expect(refused.html).toContain('value="Bell\u0007 Badge"');
    expect(refused.html).toContain('Runs containerised services in production.');
    expect(await snapshot(org.id)).toEqual(before);

    const created = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'Tab\tBadge', criteria: 'Passed\r\nthe lab.' }, PNG),
    );
    expect(created.status, created.html.slice(0, 2000)).toBe(303);
    const id = /\/badges\/([0-9a-f-]{36})$/.exec(created.location ?? '')![1]!;
    expect(await badgeRow(id)).toMatchObject({
      name: 'Tab Badge',
      slug: 'tab-badge',
      criteria: 'Passed\nthe lab.',
    });
  });

  it('previews the chosen image (an SVG as the PNG it becomes) without storing anything', async () => {
    const { org, client } = await owner();
    const before = await snapshot(org.id);
    const ok = await client.postMultipart(`${badges(org)}/preview`, badgeForm({}, SVG));
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('src="data:image/png;base64,');
    const bad = await client.postMultipart(
      `${badges(org)}/preview`,
      badgeForm({}, { bytes: '<html></html>', type: 'text/html', name: 'x.html' }),
    );
    expect(bad.html).toContain('Upload a PNG, JPEG, WebP or SVG image of at most 5 MB.');
    expect(bad.html).not.toContain('data:');
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('the plan limit shows a warning with an upgrade link, and creation is refused', async () => {
    const { org, client } = await owner();
    for (let n = 0; n < 99; n++) await seedBadge(t.laurel.deps, org.id);
    const page = await client.get(`${badges(org)}/new`);
    expect(page.html).toContain('Badge template limit reached');
    expect(page.html).toContain(`href="/organizations/${org.id}#billing"`);
    const before = await snapshot(org.id);
    const refused = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'One Too Many' }, PNG),
    );
    expect(refused.status).toBe(403);
    expect(refused.html).toContain(
      'The Free plan allows 100 badge templates per organization. Upgrade your plan to create more.',
    );
    expect(refused.html).toContain(`href="/organizations/${org.id}#billing"`);
    expect(await snapshot(org.id)).toEqual(before);
  });
});

describe('editing a badge', () => {
  it('before any credential everything but name and slug changes; name and slug show as locked', async () => {
    const { org, client } = await owner();
    const badge = await seedBadge(t.laurel.deps, org.id, { name: 'Editable' });
    const page = await client.get(`${badges(org)}/${badge.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Locked');
    expect(page.html).toContain('A badge’s name and slug never change');
    expect(page.html).toContain('name="description"');
    const res = await client.postMultipart(
      `${badges(org)}/${badge.id}/edit`,
      badgeForm(
        {
          description: 'New words.',
          criteria: badge.criteria,
          externalUrl: '',
          expiresInDays: '365',
          tags: 'a, b',
        },
        PNG,
      ),
    );
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    expect(await badgeRow(badge.id)).toMatchObject({
      description: 'New words.',
      expires_in_days: 365,
      name: 'Editable',
    });
    expect((await client.get(res.location!)).html).toContain('Badge saved.');
    expect(storedImages(org.id)).toHaveLength(1);
  });

  it('after issuance the signed fields show as locked with why, only the external URL changes, and the server refuses the rest', async () => {
    const { org, client } = await owner();
    const deps = t.laurel.deps;
    const badge = await seedBadge(deps, org.id, { name: 'Issued Badge' });
    const fresh = (await deps.uow.stores.organizations.findById(org.id))!;
    await seedCredential(deps, fresh, badge);
    const page = await client.get(`${badges(org)}/${badge.id}/edit`);
    expect(page.html).toContain('Credentials have been issued from this badge');
    expect(page.html).toContain('Locked: 1 credential has been issued from this badge');
    expect(page.html).not.toContain('name="description"');
    expect(page.html).not.toContain('name="image"');
    expect(page.html).toContain('name="externalUrl"');

    const before = await snapshot(org.id);
    const refused = await client.postMultipart(
      `${badges(org)}/${badge.id}/edit`,
      badgeForm({ description: 'Sneaky change.' }),
    );
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('only its external URL can change');
    expect(await snapshot(org.id)).toEqual(before);

    const ok = await client.postMultipart(
      `${badges(org)}/${badge.id}/edit`,
      badgeForm({ externalUrl: 'https://new.example/page' }),
    );
    expect(ok.status).toBe(303);
    expect((await badgeRow(badge.id))?.external_url).toBe('https://new.example/page');
  });
});

describe('deleting a badge', () => {
  it('deletes a badge without credentials, and deactivates one with credentials', async () => {
    const { org, client } = await owner();
    const deps = t.laurel.deps;
    const created = await client.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'Short Lived' }, PNG),
    );
    const id = /\/badges\/([0-9a-f-]{36})$/.exec(created.location ?? '')![1]!;
    const confirm = await client.get(`${badges(org)}/${id}/delete`);
    expect(confirm.html).toContain('Delete Short Lived?');
    expect(confirm.html).toContain('Delete badge');
    const gone = await client.post(`${badges(org)}/${id}/delete`);
    expect(gone.status).toBe(303);
    expect((await client.get(gone.location!)).html).toContain('Badge deleted.');
    expect(await badgeRow(id)).toBeUndefined();
    expect(storedImages(org.id)).toEqual([]);

    const used = await seedBadge(deps, org.id, { name: 'Has Credentials' });
    await seedCredential(deps, (await deps.uow.stores.organizations.findById(org.id))!, used);
    const detail = await client.get(`${badges(org)}/${used.id}`);
    expect(detail.html).toContain('Deactivate');
    const warn = await client.get(`${badges(org)}/${used.id}/delete`);
    expect(warn.html).toContain('Deactivate Has Credentials?');
    const deactivated = await client.post(`${badges(org)}/${used.id}/delete`);
    expect(deactivated.status).toBe(303);
    const after = await client.get(deactivated.location!);
    expect(after.html).toContain('so it was deactivated instead of deleted');
    expect(after.html).toContain('This badge is deactivated');
    expect(after.html).not.toContain('Issue this credential');
    expect((await badgeRow(used.id))?.is_active).toBeFalsy();
    expect((await client.get(`${badges(org)}?status=deactivated`)).html).toContain(
      'Has Credentials',
    );
    expect((await client.get(badges(org))).html).not.toContain('Has Credentials');
    expect((await client.get(`/organizations/${org.id}/credentials/issue`)).html).not.toContain(
      'Has Credentials',
    );
  });
});

describe('permissions', () => {
  it('an Issuer creates badges but sees no Edit or Delete, and the server refuses them', async () => {
    const { org } = await owner();
    const deps = t.laurel.deps;
    const badge = await seedBadge(deps, org.id, { name: 'Owned Elsewhere' });
    const issuer = await addMember(deps, org.id, 'issuer');
    const c = await signedInClient(t.url, issuer.email);
    expect((await c.get(badges(org))).html).toContain('New badge');
    const detail = await c.get(`${badges(org)}/${badge.id}`);
    expect(detail.html).toContain('Issue this credential');
    expect(detail.html).not.toContain(`${badges(org)}/${badge.id}/edit"`);
    expect(detail.html).not.toContain('/delete"');
    expect((await c.get(`${badges(org)}/${badge.id}/edit`)).status).toBe(403);
    const before = await snapshot(org.id);
    expect(
      (
        await c.postMultipart(
          `${badges(org)}/${badge.id}/edit`,
          badgeForm({ description: 'Mine now.' }, PNG),
        )
      ).status,
    ).toBe(403);
    expect((await c.post(`${badges(org)}/${badge.id}/delete`)).status).toBe(403);
    expect(await snapshot(org.id)).toEqual(before);
    const created = await c.postMultipart(
      `${badges(org)}/new`,
      badgeForm({ ...FIELDS, name: 'By An Issuer' }, PNG),
    );
    expect(created.status).toBe(303);
  });

  it('a Viewer sees no mutating buttons and every POST is refused with nothing changed or stored', async () => {
    const { org } = await owner();
    const deps = t.laurel.deps;
    const badge = await seedBadge(deps, org.id, { name: 'Look Only' });
    const viewer = await addMember(deps, org.id, 'viewer');
    const v = await signedInClient(t.url, viewer.email);
    const list = await v.get(badges(org));
    expect(list.status).toBe(200);
    expect(list.html).toContain('Look Only');
    expect(list.html).not.toContain('New badge');
    expect(list.html).not.toContain('credentials/issue');
    const detail = await v.get(`${badges(org)}/${badge.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).not.toContain('Issue this credential');
    expect(detail.html).not.toContain(`${badges(org)}/${badge.id}/edit"`);
    expect(detail.html).not.toContain('/delete"');
    for (const p of [
      `${badges(org)}/new`,
      `${badges(org)}/${badge.id}/edit`,
      `${badges(org)}/${badge.id}/delete`,
    ])
      expect((await v.get(p)).status).toBe(403);

    const before = await snapshot(org.id);
    expect((await v.postMultipart(`${badges(org)}/new`, badgeForm(FIELDS, PNG))).status).toBe(403);
    expect((await v.postMultipart(`${badges(org)}/preview`, badgeForm({}, PNG))).status).toBe(403);
    expect(
      (
        await v.postMultipart(
          `${badges(org)}/${badge.id}/edit`,
          badgeForm({ externalUrl: 'https://x.example' }),
        )
      ).status,
    ).toBe(403);
    expect((await v.post(`${badges(org)}/${badge.id}/delete`)).status).toBe(403);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it('another organization’s badges answer 404', async () => {
    const { org } = await owner();
    const badge = await seedBadge(t.laurel.deps, org.id, { name: 'Private Matter' });
    const { org: otherOrg, owner: otherOwner } = await seedOrg(t.laurel.deps);
    const c = await signedInClient(t.url, otherOwner.email);
    for (const p of [
      badges(org),
      `${badges(org)}/${badge.id}`,
      `${badges(otherOrg)}/${badge.id}`,
      `${badges(otherOrg)}/${badge.id}/edit`,
    ]) {
      const res = await c.get(p);
      expect(res.status).toBe(404);
      expect(res.html).not.toContain('Private Matter');
    }
    const before = await snapshot(org.id);
    expect((await c.post(`${badges(otherOrg)}/${badge.id}/delete`)).status).toBe(404);
    expect(await snapshot(org.id)).toEqual(before);
  });
});
