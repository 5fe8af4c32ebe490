import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import { up } from '../../src/db/migrations/202612072140_normalise_signed_text.ts';
import { seedBadge, seedCredential, seedIssuer } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

/**
 * 202612072140_normalise_signed_text: organizations and badges stored before signed text was
 * normalised on input get the same treatment, so their next credential can be built and signed.
 */
describe.each(testDialects())('normalising stored signed text on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const orgRow = (id: string) =>
    core.db
      .selectFrom('organizations')
      .select(['name', 'description'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const badgeRow = (id: string) =>
    core.db
      .selectFrom('badges')
      .select(['name', 'description', 'criteria', 'tags'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('rewrites CRLF, CR and tabs, drops other controls, leaves clean rows alone; the next credential signs and verifies', async () => {
    const { org, badge: clean } = await seedIssuer(core.deps);
    // As the organization form stored a textarea before the rule: CRLF, and a tab in the name.
    await core.db
      .updateTable('organizations')
      .set({ name: 'Acme\tTraining', description: 'We teach.\r\nWell.\rReally.\u0007' })
      .where('id', '=', org.id)
      .execute();
    const dirty = await seedBadge(core.deps, org.id, {
      name: 'Forklift\tSafety',
      description: 'Line one\r\nLine two',
      criteria: 'Pass\u007f the test.',
      tags: ['safety\u0000', 'lifting', '\u001b'],
    });
    const cleanBefore = await badgeRow(clean.id);
    const stale = (await core.deps.uow.stores.organizations.findById(org.id))!;
    // The document builder refuses what the migration is for.
    await expect(seedCredential(core.deps, stale, dirty)).rejects.toThrow(TypeError);

    await up(core.db);

    expect(await orgRow(org.id)).toEqual({
      name: 'Acme Training',
      description: 'We teach.\nWell.\nReally.',
    });
    expect(await badgeRow(dirty.id)).toEqual({
      name: 'Forklift Safety',
      description: 'Line one\nLine two',
      criteria: 'Pass the test.',
      tags: JSON.stringify(['safety', 'lifting']),
    });
    expect(await badgeRow(clean.id)).toEqual(cleanBefore);

    const fresh = (await core.deps.uow.stores.organizations.findById(org.id))!;
    const badge = (await core.deps.uow.stores.badges.findById(org.id, dirty.id))!;
    const credential = await seedCredential(core.deps, fresh, badge);
    const verified = await verifyIssuedCredential(core.deps, credential.id, null);
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.report).toMatchObject({
      verified: true,
      signature: { outcome: 'passed' },
    });
    expect(JSON.parse(verified.value.document)).toMatchObject({
      issuer: { name: 'Acme Training', description: 'We teach.\nWell.\nReally.' },
      name: 'Forklift Safety',
    });

    // Run again, it changes nothing.
    const after = [await orgRow(org.id), await badgeRow(dirty.id)];
    await up(core.db);
    expect([await orgRow(org.id), await badgeRow(dirty.id)]).toEqual(after);
  });
});
