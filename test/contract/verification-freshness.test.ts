import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { revokeCredential } from '../../src/core/credentials/revoke.ts';
import { verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import { reviewOrganization } from '../../src/core/organizations/review.ts';
import { revokeSigningKey, rotateSigningKey } from '../../src/core/signing-keys/signing-keys.ts';
import { withCredentialEngine } from '../../src/main/credential-engine.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

/**
 * A process keeps copies of its issuers' keys and signed status lists between views
 * (issuer-records.ts). These tests warm them, change the records through another instance on
 * the same database (its own copies: what a second web server would do), and show the very
 * next view on the first one tells the truth.
 */
describe.each(testDialects())('what a view shows after a change, on %s', (dialect) => {
  let core: TestCore;
  /** Another instance of Laurel on the same database, with copies of its own. */
  let other: CoreDeps;
  beforeAll(async () => {
    core = await createTestCore(dialect);
    other = withCredentialEngine({ ...core.deps });
  });
  afterAll(() => core.destroy());

  async function view(deps: CoreDeps, id: string) {
    const r = await verifyIssuedCredential(deps, id, null);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('reads the keys and the list once while nothing changes', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const a = await seedCredential(core.deps, org, badge);
    const b = await seedCredential(core.deps, org, badge);
    expect((await view(core.deps, a.shortId)).report.verified).toBe(true);
    const cached = core.deps.issuerRecords.keys.get(org.id);
    const list = core.deps.issuerRecords.statusLists.get(a.statusListId);
    expect(cached?.keys.map((k) => k.keyId)).toEqual(['key-1']);
    expect(list).toBeDefined();
    expect((await view(core.deps, b.shortId)).report.verified).toBe(true);
    // The same copies served the second view: nothing was read again.
    expect(core.deps.issuerRecords.keys.get(org.id)).toBe(cached);
    expect(core.deps.issuerRecords.statusLists.get(a.statusListId)).toBe(list);
  });

  it('shows a revocation made elsewhere on the next view', async () => {
    const { org, owner, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    const sibling = await seedCredential(core.deps, org, badge);
    expect((await view(core.deps, c.shortId)).report.verified).toBe(true);
    const revoked = await revokeCredential(other, userActor(owner.id), org.id, c.id, 'Error.');
    expect(revoked.ok).toBe(true);
    const after = await view(core.deps, c.shortId);
    expect(after.status).toBe('revoked');
    expect(after.report.revocation.outcome).toBe('failed');
    expect(after.report.verified).toBe(false);
    // Its neighbour on the same list still verifies against the new list.
    expect((await view(core.deps, sibling.shortId)).report.verified).toBe(true);
  });

  it('shows a suspension made elsewhere on the next view, and the reinstatement', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    expect((await view(core.deps, c.shortId)).report.issuerStatus.outcome).toBe('passed');
    expect((await reviewOrganization(other, OPERATOR, org.id, 'suspend')).ok).toBe(true);
    const suspended = await view(core.deps, c.shortId);
    expect(suspended.report.issuerStatus.outcome).toBe('failed');
    expect(suspended.report.verified).toBe(false);
    expect((await reviewOrganization(other, OPERATOR, org.id, 'reinstate')).ok).toBe(true);
    expect((await view(core.deps, c.shortId)).report.verified).toBe(true);
  });

  it('fails what a key revoked elsewhere signed on the next view; a rotation leaves it valid', async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const c = await seedCredential(core.deps, org, badge);
    expect((await view(core.deps, c.shortId)).report.verified).toBe(true);
    expect((await rotateSigningKey(other, OPERATOR, org.id)).ok).toBe(true);
    const rotated = await view(core.deps, c.shortId);
    expect(rotated.report.verified).toBe(true);
    expect(core.deps.issuerRecords.keys.get(org.id)?.keys.map((k) => k.keyId)).toEqual([
      'key-1',
      'key-2',
    ]);
    expect((await revokeSigningKey(other, OPERATOR, org.id, 'key-1')).ok).toBe(true);
    const after = await view(core.deps, c.shortId);
    expect(after.report.signature.outcome).toBe('failed');
    expect(after.report.verified).toBe(false);
    // What the new key signs verifies, with the list re-signed by it.
    const fresh = await seedCredential(core.deps, org, badge);
    expect((await view(core.deps, fresh.shortId)).report.verified).toBe(true);
  });
});
