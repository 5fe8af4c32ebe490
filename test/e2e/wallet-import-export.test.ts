import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential, User } from '../../src/core/entities.ts';

import sharp from 'sharp';
import { verificationUrl } from '../../src/core/public-urls.ts';
import { bakeImage, extractCredential } from '../../src/vc/baking/index.ts';
import {
  seedBadge,
  seedCredential,
  seedIssuer,
  seedUser,
  uniqueEmail,
} from '../factories/index.ts';
import { storeBadgeImage, tinyPng } from '../factories/images.ts';
import { otherIssuerCredential } from '../factories/other-issuer.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import type { PageResponse, WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * Importing credentials from other platforms and exporting the wallet over HTTP
 * (recipients/public-profile.md, verification/open-badges.md): the import page's three ways,
 * refusals that store nothing, an imported credential's JSON, picture and removal, and the
 * wallet as a Verifiable Presentation.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

interface Person {
  user: User;
  client: WebClient;
}

async function person(): Promise<Person> {
  const user = await seedUser(t.laurel.deps);
  return { user, client: await signedInClient(t.url, user.email) };
}

/** A Laurel credential to `email` from a badge with a stored PNG image (so it can be baked). */
async function laurelCredential(
  email: string,
  opts: { isPublic?: boolean } = {},
): Promise<Credential> {
  const { org } = await seedIssuer(t.laurel.deps);
  const imagePath = await storeBadgeImage(t.laurel.config.dataDir);
  const badge = await seedBadge(t.laurel.deps, org.id, { imagePath, name: 'Forklift Operator' });
  return seedCredential(t.laurel.deps, org, badge, { recipientEmail: email, ...opts });
}

function importForm(
  source: 'image' | 'file' | 'paste',
  content: { file?: Blob; fileName?: string; json?: string },
): FormData {
  const form = new FormData();
  form.append('source', source);
  if (content.file)
    form.append(source === 'image' ? 'image' : 'file', content.file, content.fileName ?? 'upload');
  if (content.json !== undefined) form.append('json', content.json);
  return form;
}

/** Submits an import and follows the redirect to the page that confirms it. */
async function importOk(client: WebClient, form: FormData): Promise<PageResponse> {
  const res = await client.postMultipart('/credentials/import', form);
  expect(res.status, res.html.slice(0, 2000)).toBe(303);
  expect(res.location).toMatch(/^\/credentials\/import\?imported=[0-9a-f-]{36}$/);
  return client.get(res.location!);
}

const importedIds = (html: string) =>
  [...html.matchAll(/\/credentials\/imported\/([0-9a-f-]{36})\/json/g)].map((m) => m[1]!);
const imageIds = (html: string) =>
  [...html.matchAll(/\/imported-images\/([0-9a-f-]{36})/g)].map((m) => m[1]!);

describe('the import page', () => {
  it('asks a visitor to sign in first', async () => {
    const res = await fetch(`${t.url}/credentials/import`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?redirect=%2Fcredentials%2Fimport');
  });

  it('imports a baked PNG, a JSON file and pasted JSON, each listed with its confirmation', async () => {
    const { user, client } = await person();
    const page = await client.get('/credentials/import');
    expect(page.status).toBe(200);
    for (const label of [
      'Baked badge image',
      'Credential JSON file',
      'Credential JSON',
      'Import image',
      'Import file',
      'Import JSON',
    ]) {
      expect(page.html).toContain(label);
    }
    expect(page.html).toContain('Nothing imported yet');

    const recipient = { email: user.email };
    // 1. A baked PNG from another issuer.
    const fromImage = await otherIssuerCredential({ recipient });
    const bakedBytes = Buffer.from(bakeImage(tinyPng(), fromImage.text).bytes);
    const first = await importOk(
      client,
      importForm('image', {
        file: new Blob([bakedBytes], { type: 'image/png' }),
        fileName: 'badge.png',
      }),
    );
    const imageName = (fromImage.document.credentialSubject as { achievement: { name: string } })
      .achievement.name;
    expect(first.html).toContain(`Imported: ${imageName}`);
    expect(first.html).toContain('role="status"');

    // 2. A JSON file from another issuer.
    const fromFile = await otherIssuerCredential({ recipient });
    const second = await importOk(
      client,
      importForm('file', {
        file: new Blob([fromFile.text], { type: 'application/json' }),
        fileName: 'credential.json',
      }),
    );
    const fileName = (fromFile.document.credentialSubject as { achievement: { name: string } })
      .achievement.name;
    expect(second.html).toContain(`Imported: ${fileName}`);

    // 3. Pasted JSON, pretty-printed as a person would copy it.
    const pasted = await otherIssuerCredential({ recipient });
    const third = await importOk(
      client,
      importForm('paste', { json: JSON.stringify(pasted.document, null, 2) }),
    );
    expect(third.html).toContain('Elsewhere Academy');
    expect(importedIds(third.html)).toHaveLength(3);
    const rows = await t.database.db
      .selectFrom('imported_credentials')
      .select(['document', 'issuer_name'])
      .where('user_id', '=', user.id)
      .execute();
    // Each text as it arrived; a form sends a pasted text's line breaks as CRLF.
    const pastedText = JSON.stringify(pasted.document, null, 2).replace(/\n/g, '\r\n');
    expect(rows.map((r) => r.document).sort()).toEqual(
      [fromImage.text, fromFile.text, pastedText].sort(),
    );

    // The baked PNG is the picture: public and sandboxed, drawn again so the signed credential is not in it.
    const [imageId] = imageIds(third.html);
    expect(imageId).toBeDefined();
    const image = await fetch(`${t.url}/imported-images/${imageId}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const served = Buffer.from(await image.arrayBuffer());
    expect(extractCredential(served)).toBeUndefined();
    expect(served.includes('openbadgecredential')).toBe(false);
    expect((await sharp(served).metadata()).format).toBe('png');
    expect(
      (await fetch(`${t.url}/imported-images/00000000-0000-4000-8000-000000000000`)).status,
    ).toBe(404);
    expect((await fetch(`${t.url}/imported-images/..%2F..%2Fsecret`)).status).toBe(404);
  });

  it('shows why an import was refused, keeps what was pasted, and stores nothing', async () => {
    const { user, client } = await person();
    const recipient = { email: user.email };
    const { document } = await otherIssuerCredential({ recipient });
    const tampered = structuredClone(document);
    (tampered.credentialSubject as { name: string }).name = 'Mallory';
    const tamperedText = JSON.stringify(tampered);
    const duplicate = await otherIssuerCredential({ recipient });
    await importOk(client, importForm('paste', { json: duplicate.text }));
    const someoneElses = await otherIssuerCredential({ recipient: { email: uniqueEmail() } });
    // Laurel's own: a public one baked as Laurel serves it, and another person's private one.
    const ours = await laurelCredential(uniqueEmail());
    const oursBaked = await fetch(`${t.url}/api/credentials/${ours.id}/baked`);
    expect(oursBaked.status).toBe(200);
    const privateOne = await laurelCredential(uniqueEmail(), { isPublic: false });

    const before = await snapshotTables(t.database.db);
    const cases: [FormData, number, string][] = [
      [
        importForm('paste', { json: tamperedText }),
        400,
        'The credential’s signature could not be verified: the signature does not verify',
      ],
      [
        importForm('paste', { json: '{"hello": "world"}' }),
        400,
        'This is not an Open Badges 3.0 credential: its type does not include OpenBadgeCredential.',
      ],
      [
        importForm('paste', { json: duplicate.text }),
        409,
        'This credential is already in your wallet.',
      ],
      [
        importForm('paste', { json: someoneElses.text }),
        400,
        'This credential was issued to a different email address than yours.',
      ],
      [
        importForm('image', {
          file: new Blob([await oursBaked.arrayBuffer()], { type: 'image/png' }),
        }),
        409,
        `This credential was issued on this Laurel: claim it from its verification page instead, ${verificationUrl(t.laurel.deps.publicUrl, ours.shortId)}`,
      ],
      [
        importForm('paste', { json: await storedDocument(privateOne.id) }),
        409,
        'Credentials issued on this Laurel are claimed from their verification page, not imported.',
      ],
      [
        importForm('image', { file: new Blob([tinyPng()], { type: 'image/png' }) }),
        400,
        'The image carries no Open Badges credential.',
      ],
      [importForm('image', {}), 400, 'Choose a baked PNG or SVG badge image to import.'],
      [
        importForm('file', {
          file: new Blob([' '.repeat(1024 * 1024 + 1)], { type: 'application/json' }),
        }),
        400,
        'The JSON file must be at most 1 MB.',
      ],
      [
        importForm('file', { file: new Blob([Buffer.from([0xff, 0xfe, 0x7b])]) }),
        400,
        'The file is not UTF-8 text.',
      ],
      [importForm('paste', { json: '   ' }), 400, 'Paste the credential’s JSON to import it.'],
    ];
    for (const [form, status, message] of cases) {
      const res = await client.postMultipart('/credentials/import', form);
      expect(res.status, message).toBe(status);
      expect(res.html).toContain('role="alert"');
      expect(res.html).toContain(escapeHtml(message));
    }
    // What was pasted comes back in the box, to fix and send again.
    const again = await client.postMultipart(
      '/credentials/import',
      importForm('paste', { json: tamperedText }),
    );
    expect(again.html).toContain(escapeHtml(tamperedText));
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('refuses an import without the form’s CSRF token', async () => {
    const { user, client } = await person();
    const { text } = await otherIssuerCredential({ recipient: { email: user.email } });
    const before = await snapshotTables(t.database.db);
    const res = await client.postMultipart(
      '/credentials/import?_csrf=forged',
      importForm('paste', { json: text }),
    );
    expect(res.status).toBe(403);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('lets only the owner download or remove an imported credential; removing drops its picture', async () => {
    const owner = await person();
    const stranger = await person();
    const { text } = await otherIssuerCredential({ recipient: { email: owner.user.email } });
    const baked = bakeImage(tinyPng(), text).bytes;
    const page = await importOk(
      owner.client,
      importForm('image', {
        file: new Blob([baked], { type: 'image/png' }),
        fileName: 'badge.png',
      }),
    );
    const [id] = importedIds(page.html);
    const [imageId] = imageIds(page.html);

    const before = await snapshotTables(t.database.db);
    expect((await stranger.client.get(`/credentials/imported/${id}/json`)).status).toBe(404);
    expect((await stranger.client.post(`/credentials/imported/${id}/remove`)).status).toBe(404);
    expect(await snapshotTables(t.database.db)).toEqual(before);
    const signedOut = await fetch(`${t.url}/credentials/imported/${id}/json`, {
      redirect: 'manual',
    });
    expect(signedOut.status).toBe(303);

    const download = await owner.client.get(`/credentials/imported/${id}/json`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/json');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="imported-credential-${id}.json"`,
    );
    expect(download.html).toBe(text);

    const removed = await owner.client.post(`/credentials/imported/${id}/remove`);
    expect(removed.status).toBe(303);
    const after = await owner.client.get(removed.location!);
    expect(after.html).toContain('Removed from your wallet.');
    expect(importedIds(after.html)).toEqual([]);
    expect(
      await t.database.db
        .selectFrom('imported_credentials')
        .select('id')
        .where('id', '=', id!)
        .execute(),
    ).toEqual([]);
    expect((await fetch(`${t.url}/imported-images/${imageId}`)).status).toBe(404);
    expect((await owner.client.post(`/credentials/imported/${id}/remove`)).status).toBe(404);
  });
});

describe('GET /api/credentials/export', () => {
  it('answers 401 to a visitor', async () => {
    const res = await fetch(`${t.url}/api/credentials/export`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('UNAUTHORIZED');
  });

  it('gives the signed-in user their wallet as a presentation whose credentials still verify', async () => {
    const { user, client } = await person();
    const claimed = await laurelCredential(user.email, { isPublic: false });
    expect(await t.laurel.deps.uow.stores.credentials.claim(claimed.id, user.id, new Date())).toBe(
      true,
    );
    const notMine = await laurelCredential(uniqueEmail());
    const imported = await otherIssuerCredential({ recipient: { email: user.email } });
    await importOk(client, importForm('paste', { json: imported.text }));

    const res = await client.get('/api/credentials/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="laurel-wallet-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const vp = JSON.parse(res.html) as {
      '@context': string[];
      type: string[];
      verifiableCredential: unknown[];
    };
    expect(vp['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vp.type).toEqual(['VerifiablePresentation']);

    // The claimed credential exactly as /credentials/{id}/ob3 serves it (it is private: the owner may see it).
    const ob3 = await client.get(`/credentials/${claimed.id}/ob3`);
    expect(ob3.status).toBe(200);
    expect(vp.verifiableCredential).toEqual([JSON.parse(ob3.html), imported.document]);
    expect(JSON.stringify(vp.verifiableCredential)).not.toContain(notMine.id);
    for (const credential of vp.verifiableCredential) {
      expect((await t.laurel.deps.verifier.verify(credential, 'presented')).signature.outcome).toBe(
        'passed',
      );
    }
  });
});

async function storedDocument(id: string): Promise<string> {
  return (await t.laurel.deps.uow.stores.credentials.findDocument(id))!;
}

/** What renderToStaticMarkup makes of text. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

describe('importing too often', () => {
  // Last in this file: it spends this address's uploads for the minute.
  it('refuses an address over 20 imports a minute with 429 and Retry-After, storing nothing', async () => {
    const { client } = await person();
    const before = await snapshotTables(t.database.db);
    // 41 attempts cannot all fit in two one-minute windows of 20, wherever the boundary falls.
    let refused: PageResponse | undefined;
    for (let i = 0; i < 41 && !refused; i++) {
      const res = await client.postMultipart('/credentials/import', new FormData());
      if (res.status === 429) refused = res;
    }
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.html).toContain('Too many uploads from your address: 20 a minute.');
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });
});
