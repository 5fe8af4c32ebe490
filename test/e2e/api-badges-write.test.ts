import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../src/core/entities.ts';
import { createApiKey, seedIssuer } from '../factories/index.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  ApiClient,
  ContractChecker,
  snapshotState,
  startExtraApp,
  type ExtraApp,
} from './api-support.ts';

/**
 * Beyond the reference: POST /api/v1/badges (multipart/form-data), PATCH and DELETE
 * /api/v1/badges/{badgeId}, with the rules of creating-a-badge.md, over the real app.
 */

let t: TestApp;
let x: ExtraApp;
let checker: ContractChecker;

beforeAll(async () => {
  t = await startTestApp();
  x = await startExtraApp(t, { api: { rateLimits: { perIp: 100_000, perApiKey: 100_000 } } });
  checker = await ContractChecker.load(x.url);
});
afterAll(async () => {
  await x.close();
  await t.close();
});

const BADGE_FIELDS = [
  'id',
  'name',
  'slug',
  'description',
  'criteria',
  'imageUrl',
  'expiresInDays',
  'tags',
  'isActive',
  'createdAt',
  'publicUrl',
  'achievementUrl',
];

interface Badge {
  id: string;
  name: string;
  slug: string;
  description: string;
  criteria: string;
  imageUrl: string | null;
  expiresInDays: number | null;
  tags: string[];
  isActive: boolean;
  [field: string]: unknown;
}
interface ApiError {
  error: string;
  message: string;
  details?: { reason?: string; fields?: Record<string, string>; locked?: string[] };
}

async function issuer() {
  const seeded = await seedIssuer(t.laurel.deps, { plan: 'professional' });
  return {
    ...seeded,
    api: new ApiClient(x.url, await createApiKey(t.laurel.deps, seeded.org), checker),
  };
}

/** A badge form: the fields given (arrays repeat the field), and the image unless `image: null`. */
function badgeForm(
  fields: Record<string, string | string[]> = {},
  image: Blob | null = new Blob([tinyPng()], { type: 'image/png' }),
): FormData {
  const form = new FormData();
  const all = {
    name: 'AWS Fundamentals',
    description: 'Demonstrates a foundational understanding of AWS core services.',
    criteria: 'Pass the exam with a score of 70% or higher.',
    ...fields,
  };
  for (const [name, value] of Object.entries(all))
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  if (image) form.append('image', image, 'badge.png');
  return form;
}

/** The badge images stored for an organization. */
async function storedImages(org: Organization): Promise<string[]> {
  try {
    return await fs.readdir(path.join(t.dataDir, 'uploads', 'badges', org.id));
  } catch {
    return [];
  }
}

async function issueFrom(api: ApiClient, badgeId: string) {
  return api.post<ApiError>('/api/v1/credentials', {
    badgeId,
    recipient: {
      name: 'Jane Doe',
      email: `jane-${Math.random().toString(36).slice(2)}@example.test`,
    },
  });
}

describe('creating a badge', () => {
  it('creates from multipart/form-data: 201 with exactly the badge fields, the image served, repeated tags kept', async () => {
    const i = await issuer();
    const res = await i.api.post<Badge>(
      '/api/v1/badges',
      badgeForm({
        expiresInDays: '730',
        tags: ['aws', 'cloud', ' fundamentals '],
        externalUrl: 'https://example.org/aws',
      }),
    );
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([...BADGE_FIELDS].sort());
    const b = res.body;
    expect(b).toMatchObject({
      name: 'AWS Fundamentals',
      slug: 'aws-fundamentals',
      criteria: 'Pass the exam with a score of 70% or higher.',
      expiresInDays: 730,
      tags: ['aws', 'cloud', 'fundamentals'],
      isActive: true,
      imageUrl: `${t.url}/badge-images/${b.id}`,
      publicUrl: `${t.url}/o/${i.org.slug}/badges/aws-fundamentals`,
      achievementUrl: `${t.url}/achievements/${i.org.slug}/aws-fundamentals`,
    });
    expect((await i.api.get(`/api/v1/badges/${b.id}`)).body).toEqual(b);
    const image = await fetch(`${x.url}/badge-images/${b.id}`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(tinyPng());
    // A credential can be issued from it at once.
    expect((await issueFrom(i.api, b.id)).status).toBe(201);
  });

  it('honours Idempotency-Key on the upload: the same form replays the first badge, another form with the key is a 409', async () => {
    const i = await issuer();
    const headers = { 'idempotency-key': `badge-${Math.random().toString(36).slice(2)}` };
    const first = await i.api.post<Badge>('/api/v1/badges', badgeForm({ name: 'Replay Badge' }), {
      headers,
    });
    expect(first.status).toBe(201);
    const again = await i.api.post<Badge>('/api/v1/badges', badgeForm({ name: 'Replay Badge' }), {
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const created = () =>
      t.database.db
        .selectFrom('badges')
        .select('id')
        .where('organization_id', '=', i.org.id)
        .where('id', '!=', i.badge.id)
        .execute();
    expect(await created()).toHaveLength(1);
    // One stored image (with its content-type sidecar): the replay stored nothing.
    expect((await storedImages(i.org)).filter((f) => !f.endsWith('.type'))).toHaveLength(1);
    const other = await i.api.post<ApiError>(
      '/api/v1/badges',
      badgeForm({ name: 'Another Badge' }),
      { headers },
    );
    expect(other.status).toBe(409);
    expect(other.body.details?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await created()).toHaveLength(1);
  });

  it('takes a slug, stores an SVG as a PNG, and makes the badge never-expiring without expiresInDays', async () => {
    const i = await issuer();
    const res = await i.api.post<Badge>(
      '/api/v1/badges',
      badgeForm({ slug: 'aws-101' }, new Blob([TINY_SVG], { type: 'image/svg+xml' })),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: 'aws-101', expiresInDays: null, tags: [] });
    const image = await fetch(`${x.url}/badge-images/${res.body.id}`);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('refuses an invalid form with 400 VALIDATION_ERROR naming the fields; nothing is stored', async () => {
    const i = await issuer();
    const png = () => new Blob([tinyPng()], { type: 'image/png' });
    const twice = badgeForm();
    twice.append('name', 'Other name');
    const misplaced = badgeForm({}, null);
    misplaced.append('picture', png(), 'badge.png');
    const textImage = badgeForm({}, null);
    textImage.append('image', 'not a file');
    const twoFiles = badgeForm();
    twoFiles.append('image', png(), 'second.png');
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1);
    tinyPng().copy(huge);

    const cases: [string, FormData | Record<string, unknown>, string[]][] = [
      ['no image', badgeForm({}, null), ['image']],
      [
        'blank fields',
        badgeForm({ name: ' ', description: '', criteria: '' }),
        ['criteria', 'description', 'name'],
      ],
      ['bad expiresInDays', badgeForm({ expiresInDays: 'soon' }), ['expiresInDays']],
      ['expiresInDays 0', badgeForm({ expiresInDays: '0' }), ['expiresInDays']],
      ['bad externalUrl', badgeForm({ externalUrl: 'ftp://example.org' }), ['externalUrl']],
      ['bad slug', badgeForm({ slug: 'Not A Slug!' }), ['slug']],
      ['unknown field', badgeForm({ colour: 'red' }), ['colour']],
      ['a field twice', twice, ['name']],
      ['a file elsewhere', misplaced, ['picture']],
      ['image as text', textImage, ['image']],
      ['two files', twoFiles, ['image']],
      ['not an image', badgeForm({}, new Blob(['hello'], { type: 'image/png' })), ['image']],
      ['over 5 MB', badgeForm({}, new Blob([huge], { type: 'image/png' })), ['image']],
      ['JSON', { name: 'x', description: 'y', criteria: 'z' }, ['body']],
    ];
    const before = await snapshotState(t);
    for (const [label, body, fields] of cases) {
      const res = await i.api.post<ApiError>('/api/v1/badges', body);
      expect(res.status, label).toBe(400);
      expect(res.body.error, label).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!).sort(), label).toEqual(fields);
    }
    const noImage = await i.api.post<ApiError>('/api/v1/badges', badgeForm({ name: '' }, null));
    expect(noImage.body).toEqual({
      error: 'VALIDATION_ERROR',
      message:
        'The request is invalid: name: Enter a name.; image: Upload a badge image: PNG, JPEG, WebP or SVG, at most 5 MB.',
      details: {
        fields: {
          name: 'Enter a name.',
          image: 'Upload a badge image: PNG, JPEG, WebP or SVG, at most 5 MB.',
        },
      },
    });
    const empty = await i.api.post<ApiError>('/api/v1/badges', undefined);
    expect(empty.status).toBe(400);
    expect(empty.body.details?.fields).toEqual({
      body: 'Send the request as multipart/form-data.',
    });
    expect(await snapshotState(t)).toEqual(before);
    expect(await storedImages(i.org)).toEqual([]);
  });

  it('normalises signed text: a tab in the name becomes a space and CRLF in the criteria LF, as stored, served and signed', async () => {
    const i = await issuer();
    const res = await i.api.post<Badge>(
      '/api/v1/badges',
      badgeForm({
        name: 'AWS\tFundamentals',
        criteria: 'Pass the exam.\r\nThen the lab.',
        tags: ['cloud\tnative'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'AWS Fundamentals',
      slug: 'aws-fundamentals',
      criteria: 'Pass the exam.\nThen the lab.',
      tags: ['cloud native'],
    });
    expect((await i.api.get<Badge>(`/api/v1/badges/${res.body.id}`)).body).toEqual(res.body);
    const row = await t.database.db
      .selectFrom('badges')
      .select(['name', 'criteria'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'AWS Fundamentals', criteria: 'Pass the exam.\nThen the lab.' });
    const issued = await issueFrom(i.api, res.body.id);
    expect(issued.status).toBe(201);
  });

  it('refuses a control character in any signed field with 400 VALIDATION_ERROR naming the field; nothing is stored', async () => {
    const i = await issuer();
    const before = await snapshotState(t);
    const res = await i.api.post<ApiError>(
      '/api/v1/badges',
      badgeForm({ name: 'AWS\u0007Basics' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'VALIDATION_ERROR',
      message:
        'The request is invalid: name: Name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
      details: {
        fields: {
          name: 'Name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
        },
      },
    });
    const cases: [FormData, string][] = [
      [badgeForm({ description: 'Cloud\u0000' }), 'description'],
      [badgeForm({ criteria: '\u001bPass' }), 'criteria'],
      [badgeForm({ tags: ['aws', 'del\u007f'] }), 'tags'],
    ];
    for (const [form, field] of cases) {
      const refused = await i.api.post<ApiError>('/api/v1/badges', form);
      expect(refused.status, field).toBe(400);
      const fields = refused.body.details?.fields ?? {};
      expect(Object.keys(fields), field).toEqual([field]);
      expect(fields[field], field).toContain('contains a control character');
    }
    const edit = await i.api.request<ApiError>('PATCH', `/api/v1/badges/${i.badge.id}`, {
      body: { description: 'Edited\u0008' },
    });
    expect(edit.status).toBe(400);
    expect(Object.keys(edit.body.details?.fields ?? {})).toEqual(['description']);
    expect(edit.body.details?.fields?.description).toContain('(U+0008)');
    expect(await snapshotState(t)).toEqual(before);
    expect(await storedImages(i.org)).toEqual([]);
  });

  it('answers 409 SLUG_TAKEN for a slug in use, and deletes the image it stored', async () => {
    const i = await issuer();
    expect((await i.api.post('/api/v1/badges', badgeForm({ slug: 'taken' }))).status).toBe(201);
    const stored = await storedImages(i.org);
    const before = await snapshotState(t);
    const res = await i.api.post<ApiError>('/api/v1/badges', badgeForm({ slug: 'taken' }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'CONFLICT', details: { reason: 'SLUG_TAKEN' } });
    expect(await snapshotState(t)).toEqual(before);
    expect(await storedImages(i.org)).toEqual(stored);
    // Without a slug, a second badge of the same name gets the next free one.
    const again = await i.api.post<Badge>('/api/v1/badges', badgeForm());
    const third = await i.api.post<Badge>('/api/v1/badges', badgeForm());
    expect([again.body.slug, third.body.slug]).toEqual(['aws-fundamentals', 'aws-fundamentals-2']);
  });
});

describe('updating a badge', () => {
  it('changes the fields sent and keeps the others; name and slug sent unchanged are fine', async () => {
    const i = await issuer();
    const created = (await i.api.post<Badge>('/api/v1/badges', badgeForm())).body;
    const res = await i.api.request<Badge>('PATCH', `/api/v1/badges/${created.id}`, {
      body: {
        name: created.name,
        slug: created.slug,
        criteria: 'Pass the exam with a score of 75% or higher.',
        tags: ['aws', 'cloud'],
        expiresInDays: 365,
        externalUrl: 'https://example.org/aws',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created,
      criteria: 'Pass the exam with a score of 75% or higher.',
      tags: ['aws', 'cloud'],
      expiresInDays: 365,
    });
    expect((await i.api.get(`/api/v1/badges/${created.id}`)).body).toEqual(res.body);
    const cleared = await i.api.request<Badge>('PATCH', `/api/v1/badges/${created.id}`, {
      body: { expiresInDays: null, externalUrl: null },
    });
    expect(cleared.body.expiresInDays).toBeNull();
    const unchanged = await i.api.request<Badge>('PATCH', `/api/v1/badges/${created.id}`, {
      body: {},
    });
    expect(unchanged.body).toEqual(cleared.body);
  });

  it('answers 409 FIELD_LOCKED for a new name or slug, and once credentials exist for all but externalUrl; nothing changes', async () => {
    const i = await issuer();
    const path = `/api/v1/badges/${i.badge.id}`;
    const patch = (body: Record<string, unknown>) =>
      i.api.request<ApiError & Badge>('PATCH', path, { body });

    let before = await snapshotState(t);
    const renamed = await patch({ name: 'Another name', slug: 'another-slug' });
    expect(renamed.status).toBe(409);
    expect(renamed.body).toMatchObject({
      error: 'CONFLICT',
      details: { reason: 'FIELD_LOCKED', locked: ['name', 'slug'] },
    });
    expect(await snapshotState(t)).toEqual(before);

    expect((await issueFrom(i.api, i.badge.id)).status).toBe(201);
    before = await snapshotState(t);
    const locked = await patch({ description: 'New', tags: ['x'], expiresInDays: 5 });
    expect(locked.status).toBe(409);
    expect(locked.body.details).toMatchObject({
      reason: 'FIELD_LOCKED',
      locked: ['description', 'tags', 'expiresInDays'],
    });
    expect(locked.body.message).toContain('only its external URL can change');
    expect(await snapshotState(t)).toEqual(before);

    const link = await patch({ externalUrl: 'https://example.org/more' });
    expect(link.status).toBe(200);
    // Sending the locked fields with their current values is not a change.
    const same = await patch({ description: i.badge.description, tags: i.badge.tags });
    expect(same.status).toBe(200);
  });

  it('refuses invalid or unknown fields (400) and an unknown badge (404); nothing changes', async () => {
    const i = await issuer();
    const path = `/api/v1/badges/${i.badge.id}`;
    const before = await snapshotState(t);
    for (const [body, field] of [
      [{ expiresInDays: 0 }, 'expiresInDays'],
      [{ expiresInDays: 'soon' }, 'expiresInDays'],
      [{ description: '  ' }, 'description'],
      [{ externalUrl: 'javascript:alert(1)' }, 'externalUrl'],
      [{ tags: 'aws' }, 'tags'],
      [{ isActive: false }, 'body'],
    ] as const) {
      const res = await i.api.request<ApiError>('PATCH', path, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details!.fields!), JSON.stringify(body)).toEqual([field]);
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const res = await i.api.request<ApiError>('PATCH', `/api/v1/badges/${id}`, {
        body: { criteria: 'New' },
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
    }
    expect(await snapshotState(t)).toEqual(before);
  });
});

describe('deleting a badge', () => {
  it('deletes a badge without credentials, and its image', async () => {
    const i = await issuer();
    const created = (await i.api.post<Badge>('/api/v1/badges', badgeForm())).body;
    expect(await storedImages(i.org)).toHaveLength(2); // the file and its content-type sidecar
    const res = await i.api.request('DELETE', `/api/v1/badges/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true });
    expect(await storedImages(i.org)).toEqual([]);
    expect((await i.api.get(`/api/v1/badges/${created.id}`)).status).toBe(404);
    const again = await i.api.request<ApiError>('DELETE', `/api/v1/badges/${created.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: 'NOT_FOUND', message: 'Badge not found.' });
  });

  it('deactivates a badge with credentials instead: they stay verifiable, no new one can be issued', async () => {
    const i = await issuer();
    const issued = await issueFrom(i.api, i.badge.id);
    expect(issued.status).toBe(201);
    const res = await i.api.request('DELETE', `/api/v1/badges/${i.badge.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deactivated: true });
    expect((await i.api.get<Badge>(`/api/v1/badges/${i.badge.id}`)).body.isActive).toBe(false);
    const refused = await issueFrom(i.api, i.badge.id);
    expect(refused.status).toBe(403);
    expect(refused.body.details).toEqual({ reason: 'BADGE_INACTIVE' });
    const shortId = (issued.body as unknown as { credentialId: string }).credentialId;
    const verified = (await (await fetch(`${x.url}/api/verify/${shortId}`)).json()) as {
      verification: { signatureValid: boolean; notRevoked: boolean };
    };
    expect(verified.verification).toMatchObject({ signatureValid: true, notRevoked: true });
    // Deleting it again answers the same.
    expect((await i.api.request('DELETE', `/api/v1/badges/${i.badge.id}`)).body).toEqual({
      deactivated: true,
    });
  });
});
