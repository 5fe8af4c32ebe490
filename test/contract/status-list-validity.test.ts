// A status list is signed lazily, on the first fetch after a change, but it is valid from
// the change itself: a verifier whose clock reads any moment after the change accepts it,
// however late the list was signed (issue 13, part 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { addMs, HOUR, MINUTE } from '../../src/core/clock.ts';
import {
  localIssuerByDid,
  localStatusListByUrl,
} from '../../src/core/credentials/local-sources.ts';
import { revokeCredential } from '../../src/core/credentials/revoke.ts';
import {
  STATUS_LIST_CAPACITY,
  recordRevocation,
} from '../../src/core/credentials/status-entries.ts';
import { currentStatusList } from '../../src/core/credentials/status-list-documents.ts';
import type { Credential } from '../../src/core/entities.ts';
import type { CredentialVerifier } from '../../src/core/ports/credential-verifier.ts';
import { revokeSigningKey } from '../../src/core/signing-keys/signing-keys.ts';
import * as versionTime from '../../src/db/migrations/202612070100_status_list_version_time.ts';
import { createLaurelVerifier } from '../../src/vc/laurel-verifier.ts';
import { checkStatus, StatusBitstring } from '../../src/vc/status-list.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { createTestCore, TEST_PUBLIC_URL, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';

/** Laurel's one date form: to the second, milliseconds dropped (so never later). */
const floorToSecond = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface ListDocument {
  validFrom: string;
  credentialSubject: { encodedList: string };
}

describe.each(testDialects())('a status list is valid from its latest change, on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  /**
   * Laurel's verifier on a clock of its own, reading what this Laurel publishes (its keys and
   * its status lists, signed on first fetch by the server's clock): an independent verifier
   * whose clock differs from the server's.
   */
  const verifierAt = (now: Date): CredentialVerifier =>
    createLaurelVerifier({
      publicUrl: TEST_PUBLIC_URL,
      clock: { now: () => now },
      local: {
        issuerByDid: (did) => localIssuerByDid(core.deps, did),
        statusListByUrl: (url) => localStatusListByUrl(core.deps, url),
      },
      fetchJson: (url) => Promise.reject(new Error(`no network in this test: ${url}`)),
    });

  /** The list as the server serves it now (signing it first if it is stale). */
  const served = async (slug: string, listNumber = 1) => {
    const list = await currentStatusList(core.deps, slug, listNumber);
    if (!list) throw new Error('no list');
    return { text: list.document, json: JSON.parse(list.document) as ListDocument };
  };
  const row = (statusListId: string) =>
    core.db
      .selectFrom('status_lists')
      .select(['version', 'version_changed_at', 'signed_version'])
      .where('id', '=', statusListId)
      .executeTakeFirstOrThrow();
  const documentOf = async (c: Credential): Promise<unknown> => {
    const r = await core.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    return JSON.parse(r.document);
  };

  it('a list signed seconds after a revocation is accepted by a verifier whose clock reads just after the revocation, and reads revoked', async () => {
    core.setNow(new Date('2026-11-25T12:00:00.000Z'));
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    const neighbour = await seedCredential(core.deps, org, badge);
    await served(org.slug); // signed once before the change, so the change makes it stale

    const revokedAt = new Date('2026-11-25T12:00:30.750Z');
    core.setNow(revokedAt);
    const revoked = await revokeCredential(
      core.deps,
      userActor(owner.id),
      org.id,
      credential.id,
      'Issued in error',
    );
    expect(revoked.ok).toBe(true);
    expect((await row(credential.statusListId)).version_changed_at).toBe(revokedAt.toISOString());

    // The server signs the new version only when it is first fetched, seven seconds later.
    core.advance(7_000);
    const list = await served(org.slug);
    expect(list.json.validFrom).toBe('2026-11-25T12:00:30Z');
    expect(list.json.validFrom).toBe(floorToSecond(revokedAt));

    // A verifier whose clock reads one second after the revocation (six before the signing).
    const justAfter = await verifierAt(addMs(revokedAt, 1_000)).verify(
      await documentOf(credential),
      'presented',
    );
    expect(justAfter.signature.outcome).toBe('passed');
    expect(justAfter.revocation).toEqual({
      outcome: 'failed',
      reason: 'the issuer has revoked the credential',
    });
    const other = await verifierAt(addMs(revokedAt, 1_000)).verify(
      await documentOf(neighbour),
      'presented',
    );
    expect(other.revocation.outcome).toBe('passed');
    expect(other.verified).toBe(true);

    // Any moment after the change reads the list, the very millisecond of it included.
    const entry = ((await documentOf(credential)) as { credentialStatus: unknown })
      .credentialStatus;
    for (const now of [revokedAt, addMs(revokedAt, 1)]) {
      expect(checkStatus(entry, list.json, { now }).status).toBe('set');
    }
    // And the check is real: a verifier whose clock reads before the change cannot use it.
    const before = await verifierAt(new Date('2026-11-25T12:00:29.999Z')).verify(
      await documentOf(credential),
      'presented',
    );
    expect(before.revocation.outcome).toBe('could_not_check');
    expect(before.revocation.reason).toMatch(/not valid until 2026-11-25T12:00:30Z/);
  });

  it('opening a list sets its time: signed an hour later, it is valid from the opening', async () => {
    const openedAt = new Date('2026-11-25T13:00:00.480Z');
    core.setNow(openedAt);
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    expect(await row(credential.statusListId)).toEqual({
      version: 1,
      version_changed_at: openedAt.toISOString(),
      signed_version: null,
    });

    core.advance(HOUR);
    const list = await served(org.slug);
    expect(list.json.validFrom).toBe('2026-11-25T13:00:00Z');
    const report = await verifierAt(addMs(openedAt, 1)).verify(
      await documentOf(credential),
      'presented',
    );
    expect(report.revocation.outcome).toBe('passed');
    expect(report.verified).toBe(true);
  });

  it('without a change the list keeps its validFrom: the cached copy is served as is, and a re-sign is valid from the same moment', async () => {
    core.setNow(new Date('2026-11-25T14:00:00.000Z'));
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    const revokedAt = new Date('2026-11-25T14:05:00.200Z');
    core.setNow(revokedAt);
    expect(
      (await revokeCredential(core.deps, userActor(owner.id), org.id, credential.id, 'Mistake')).ok,
    ).toBe(true);

    core.advance(5_000);
    const first = await served(org.slug);
    core.advance(MINUTE);
    expect((await served(org.slug)).text).toBe(first.text);

    // A lost signed copy is signed again, later, and is valid from the same moment.
    await core.db
      .updateTable('status_lists')
      .set({ signed_version: null, signed_document: null })
      .where('id', '=', credential.statusListId)
      .execute();
    core.advance(MINUTE);
    const again = await served(org.slug);
    const { version, signed_version } = await row(credential.statusListId);
    expect(signed_version).toBe(version);
    expect(again.json.validFrom).toBe('2026-11-25T14:05:00Z');
    expect(again.json.credentialSubject).toEqual(first.json.credentialSubject);
  });

  it('revoking a signing key is a change: the list re-signed with the new key is valid from then', async () => {
    core.setNow(new Date('2026-11-25T15:00:00.000Z'));
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    await served(org.slug);
    const keyRevokedAt = new Date('2026-11-25T15:10:00.999Z');
    core.setNow(keyRevokedAt);
    expect((await revokeSigningKey(core.deps, OPERATOR, org.id, 'key-1')).ok).toBe(true);
    expect(await row(credential.statusListId)).toMatchObject({
      version: 2,
      version_changed_at: keyRevokedAt.toISOString(),
    });
    core.advance(30_000);
    const list = await served(org.slug);
    expect(list.text).toContain('#key-2');
    expect(list.json.validFrom).toBe('2026-11-25T15:10:00Z');
  });

  it('is never valid from later than it is served, even when the change was stamped by a clock ahead of the server', async () => {
    core.setNow(new Date('2026-11-25T16:00:00.000Z'));
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    // Another instance, its clock ten seconds ahead, records the revocation.
    await core.deps.uow.transaction((s) =>
      recordRevocation(
        s,
        credential,
        { reason: 'Mistake', revokedBy: owner.id },
        new Date('2026-11-25T16:00:10.000Z'),
      ),
    );
    const servedAt = new Date('2026-11-25T16:00:02.500Z');
    core.setNow(servedAt);
    expect((await served(org.slug)).json.validFrom).toBe('2026-11-25T16:00:02Z');
  });

  it('concurrent revocations: the version counts each one, and its time is the latest of them', async () => {
    core.setNow(new Date('2026-11-25T17:00:00.000Z'));
    const { org, badge, owner } = await seedIssuer(core.deps);
    const credentials: Credential[] = [];
    for (let i = 0; i < 8; i++) credentials.push(await seedCredential(core.deps, org, badge));
    const listId = credentials[0]!.statusListId;
    const before = await row(listId);
    // Each revocation read its own clock before its transaction, a second apart.
    const times = credentials.map((_, i) => new Date(Date.UTC(2026, 10, 25, 17, 1, i, 250)));
    await Promise.all(
      credentials.map((c, i) =>
        core.deps.uow.transaction((s) =>
          recordRevocation(s, c, { reason: 'Course withdrawn', revokedBy: owner.id }, times[i]!),
        ),
      ),
    );
    const latest = times[times.length - 1]!;
    expect(await row(listId)).toMatchObject({
      version: before.version + credentials.length,
      version_changed_at: latest.toISOString(),
    });
    core.setNow(addMs(latest, 3_000));
    const list = await served(org.slug);
    expect(list.json.validFrom).toBe(floorToSecond(latest));
    const bits = StatusBitstring.decode(list.json.credentialSubject.encodedList);
    for (const c of credentials) expect(bits.get(c.statusListIndex)).toBe(true);
  });

  it('a change committed after a later-stamped one does not move the time back', async () => {
    core.setNow(new Date('2026-11-25T18:00:00.000Z'));
    const { org, badge, owner } = await seedIssuer(core.deps);
    const [a, b] = [
      await seedCredential(core.deps, org, badge),
      await seedCredential(core.deps, org, badge),
    ];
    const revoke = (c: Credential, at: string) =>
      core.deps.uow.transaction((s) =>
        recordRevocation(s, c, { reason: 'Mistake', revokedBy: owner.id }, new Date(at)),
      );
    // b read its clock later but committed first; a's slower transaction lands after it.
    await revoke(b, '2026-11-25T18:00:05.000Z');
    await revoke(a, '2026-11-25T18:00:04.000Z');
    expect(await row(a.statusListId)).toMatchObject({
      version: 3,
      version_changed_at: '2026-11-25T18:00:05.000Z',
    });
  });
});

describe.each(testDialects())('the version-time migration on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  it('gives existing lists the time of their latest change: opening, a revocation on them, or a key revoked', async () => {
    core.setNow(new Date('2026-11-20T10:00:00.000Z'));
    const quiet = await seedIssuer(core.deps);
    const quietCredential = await seedCredential(core.deps, quiet.org, quiet.badge);
    const revoking = await seedIssuer(core.deps);
    const revokedOne = await seedCredential(core.deps, revoking.org, revoking.badge);
    const keyless = await seedIssuer(core.deps);
    const keylessCredential = await seedCredential(core.deps, keyless.org, keyless.badge);

    core.setNow(new Date('2026-11-21T10:00:00.000Z'));
    await revokeCredential(
      core.deps,
      userActor(revoking.owner.id),
      revoking.org.id,
      revokedOne.id,
      'Mistake',
    );
    core.setNow(new Date('2026-11-22T10:00:00.000Z'));
    await revokeSigningKey(core.deps, OPERATOR, keyless.org.id, 'key-1');
    // A key revoked before a list was opened is not a change of that list.
    await core.db
      .updateTable('status_lists')
      .set({ allocated: STATUS_LIST_CAPACITY })
      .where('id', '=', keylessCredential.statusListId)
      .execute();
    core.setNow(new Date('2026-11-23T10:00:00.000Z'));
    const later = await seedCredential(core.deps, keyless.org, keyless.badge);
    expect(later.statusListId).not.toBe(keylessCredential.statusListId);

    // The schema before this migration, then the migration itself.
    await versionTime.down(core.db);
    await versionTime.up(core.db);

    const times = await core.db
      .selectFrom('status_lists')
      .select(['id', 'version_changed_at'])
      .where('id', 'in', [
        quietCredential.statusListId,
        revokedOne.statusListId,
        keylessCredential.statusListId,
        later.statusListId,
      ])
      .execute();
    expect(Object.fromEntries(times.map((t) => [t.id, t.version_changed_at]))).toEqual({
      [quietCredential.statusListId]: '2026-11-20T10:00:00.000Z',
      [revokedOne.statusListId]: '2026-11-21T10:00:00.000Z',
      [keylessCredential.statusListId]: '2026-11-22T10:00:00.000Z',
      [later.statusListId]: '2026-11-23T10:00:00.000Z',
    });
  });
});
