import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKeys,
  publishedIssuerKeys,
  rotateSigningKey,
} from '../../src/core/signing-keys/signing-keys.ts';
import { addMember, seedOrg } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

describe.each(testDialects())('signing keys on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const rows = (orgId: string) =>
    core.db
      .selectFrom('signing_keys')
      .select(['key_id', 'status', 'sealed_private_key'])
      .where('organization_id', '=', orgId)
      .orderBy('key_id')
      .execute();

  it('are generated once, by an owner only, with the private key sealed', async () => {
    const { org, owner } = await seedOrg(core.deps, { approved: false });
    for (const role of ['admin', 'issuer', 'viewer'] as const) {
      const member = await addMember(core.deps, org.id, role);
      const refused = await generateSigningKeys(core.deps, userActor(member.id), org.id);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    }
    expect(await rows(org.id)).toEqual([]);

    const made = await generateSigningKeys(core.deps, userActor(owner.id), org.id);
    expect(made.ok && made.value.keyId).toBe('key-1');
    const again = await generateSigningKeys(core.deps, userActor(owner.id), org.id);
    expect(again.ok ? 'ok' : again.error.details?.reason).toBe('KEYS_EXIST');
    const stored = await rows(org.id);
    expect(stored.map((r) => [r.key_id, r.status])).toEqual([['key-1', 'active']]);
    expect(stored[0]?.sealed_private_key).toMatch(/^v1\./);
  });

  it('rotation retires the active key but keeps it published', async () => {
    const { org, owner } = await seedOrg(core.deps);
    expect((await rotateSigningKey(core.deps, OPERATOR, org.id)).ok).toBe(false);
    await generateSigningKeys(core.deps, userActor(owner.id), org.id);
    const rotated = await rotateSigningKey(core.deps, OPERATOR, org.id);
    expect(rotated.ok && rotated.value.keyId).toBe('key-2');
    expect((await rows(org.id)).map((r) => [r.key_id, r.status])).toEqual([
      ['key-1', 'retired'],
      ['key-2', 'active'],
    ]);
    const published = await publishedIssuerKeys(core.deps, org.slug);
    expect(published?.keys.map((k) => k.keyId)).toEqual(['key-1', 'key-2']);
  });

  it('concurrent generation makes exactly one key', async () => {
    const { org, owner } = await seedOrg(core.deps);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => generateSigningKeys(core.deps, userActor(owner.id), org.id)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.error.details?.reason === 'KEYS_EXIST')).toHaveLength(
      4,
    );
    expect(await rows(org.id)).toHaveLength(1);
  });

  it('the database allows one active key per organization', async () => {
    const { org, owner } = await seedOrg(core.deps);
    await generateSigningKeys(core.deps, userActor(owner.id), org.id);
    await expect(
      core.deps.uow.stores.signingKeys.create(
        {
          organizationId: org.id,
          keyId: 'key-9',
          publicKeyMultibase: 'z6Mkx',
          sealedPrivateKey: 'v1.x',
        },
        new Date(),
      ),
    ).rejects.toThrow();
  });
});
