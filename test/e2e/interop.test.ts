import { OPERATOR } from '../../src/core/authz/actor.ts';
// Interoperability: a separate Node process, holding only what Laurel serves over HTTP and
// running the digitalbazaar verifier libraries (test/interop/reference-verifier.mjs, which
// imports nothing from src/), verifies Laurel's credentials and rejects tampered, revoked and
// wrong-key ones. See test/interop/README.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import type { Credential, Organization } from '../../src/core/entities.ts';
import { keyBinding } from '../../src/core/signing-keys/issuer-did.ts';
import { revokeSigningKey, rotateSigningKey } from '../../src/core/signing-keys/signing-keys.ts';
import { createDocumentLoader } from '../../src/vc/document-loader.ts';
import type { JsonLdObject, Signer } from '../../src/vc/jsonld-types.ts';
import { signCredential } from '../../src/vc/sign.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';

const VERIFIER = fileURLToPath(new URL('../interop/reference-verifier.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface Verdict {
  verified: boolean;
  revoked: boolean | null;
  errors: string[];
}

/** Runs the reference verifier in its own process on a credential URL (http: or file:). */
async function referenceVerify(target: string): Promise<Verdict> {
  const { stdout } = await run(process.execPath, [VERIFIER, target], {
    cwd: REPO_ROOT,
    timeout: 30_000,
    env: { PATH: process.env.PATH },
  });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Verdict;
}

/** What a relying party accepts: a verified proof and a status list that says "not revoked". */
const accepted = (v: Verdict) => v.verified && v.revoked === false;

let t: TestApp;
let scratch: string;
beforeAll(async () => {
  t = await startSetUpApp();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-interop-'));
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await t.close();
});

const ob3Url = (c: Credential) => `${t.url}/credentials/${c.shortId}/ob3`;

async function served(c: Credential): Promise<{ text: string; json: JsonLdObject }> {
  const res = await fetch(ob3Url(c));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, json: JSON.parse(text) as JsonLdObject };
}

/** Signs `unsigned` with an organization's vault key, as only that organization could. */
async function signWithVaultKey(
  org: Organization,
  keyId: string,
  unsigned: JsonLdObject,
): Promise<JsonLdObject> {
  const did = `did:web:${encodeURIComponent(new URL(t.url).host)}:issuers:${org.slug}`;
  const row = await t.database.db
    .selectFrom('signing_keys')
    .select('sealed_private_key')
    .where('organization_id', '=', org.id)
    .where('key_id', '=', keyId)
    .executeTakeFirstOrThrow();
  const signer: Signer = {
    id: `${did}#${keyId}`,
    algorithm: 'Ed25519',
    sign: ({ data }) =>
      t.laurel.deps.keyVault.sign(row.sealed_private_key, keyBinding(org.id, keyId), data),
  };
  return signCredential(unsigned, { signer, documentLoader: createDocumentLoader() });
}

function withoutProof(document: JsonLdObject): JsonLdObject {
  const copy = { ...document };
  delete copy.proof;
  return copy;
}

function writeScratch(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

describe('the digitalbazaar reference verifier, in a separate process, over HTTP only', () => {
  it('verifies a genuine credential, reading "not revoked" from the signed status list', async () => {
    const { org, badge } = await seedIssuer(t.laurel.deps);
    const c = await seedCredential(t.laurel.deps, org, badge);
    const { json } = await served(c);
    // The child resolves exactly these: the did:web issuer and the status list URL.
    const host = new URL(t.url).host;
    expect((json.issuer as { id: string }).id).toBe(
      `did:web:${encodeURIComponent(host)}:issuers:${org.slug}`,
    );
    expect(
      (json.credentialStatus as { statusListCredential: string }).statusListCredential,
    ).toMatch(new RegExp(`^${t.url}/issuers/${org.slug}/status/\\d+$`));

    const verdict = await referenceVerify(ob3Url(c));
    expect(verdict).toEqual({ verified: true, revoked: false, errors: [] });
  });

  it('reports a credential revoked through Laurel as revoked; its neighbour on the same list stays valid', async () => {
    const { org, badge, owner } = await seedIssuer(t.laurel.deps);
    const revoked = await seedCredential(t.laurel.deps, org, badge);
    const neighbour = await seedCredential(t.laurel.deps, org, badge);
    const listOf = async (c: Credential) =>
      ((await served(c)).json.credentialStatus as { statusListCredential: string })
        .statusListCredential;
    expect(await listOf(revoked)).toBe(await listOf(neighbour));

    // Before: the bit is read and clear (so "revoked" below is the bit flipping, not a skipped check).
    expect(await referenceVerify(ob3Url(revoked))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });

    const revokedAt = new Date();
    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, revoked, { reason: 'Issued in error', revokedBy: owner.id }, revokedAt),
    );
    const after = await referenceVerify(ob3Url(revoked));
    // The proof and the re-signed status list still verify; the list's bit says revoked.
    expect(after).toEqual({ verified: true, revoked: true, errors: [] });
    expect(accepted(after)).toBe(false);
    // The list is signed on that fetch, but valid from the revocation (to the second, never
    // later), so a verifier whose clock is behind the signing still accepts it. (This
    // verifier allows its library's default 300 s of clock skew; the strict check is in
    // test/contract/status-list-validity.test.ts.)
    const listUrl = await listOf(revoked);
    const list = (await (await fetch(listUrl)).json()) as { validFrom: string };
    expect(list.validFrom).toBe(revokedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'));

    expect(await referenceVerify(ob3Url(neighbour))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });
  });

  it('a tampered copy of a genuine credential fails the signature check', async () => {
    const { org, badge } = await seedIssuer(t.laurel.deps);
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientName: 'Honest Name' });
    const { text } = await served(c);

    // Control: the untouched bytes, loaded from a file the same way, verify.
    expect(await referenceVerify(writeScratch('genuine.json', text))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });

    const forged = text.replace('Honest Name', 'Forged Name');
    expect(forged).not.toBe(text);
    const verdict = await referenceVerify(writeScratch('forged.json', forged));
    expect(verdict.verified).toBe(false);
    expect(verdict.revoked).toBeNull();
    expect(verdict.errors).toContain('Invalid signature.');
  });

  it('a credential signed before a key rotation verifies; once that key is revoked it fails', async () => {
    const { org, badge } = await seedIssuer(t.laurel.deps);
    const byKey1 = await seedCredential(t.laurel.deps, org, badge);
    expect(
      ((await served(byKey1)).json.proof as [{ verificationMethod: string }])[0].verificationMethod,
    ).toMatch(/#key-1$/);

    expect((await rotateSigningKey(t.laurel.deps, OPERATOR, org.id)).ok).toBe(true);
    const byKey2 = await seedCredential(t.laurel.deps, org, badge);
    expect(
      ((await served(byKey2)).json.proof as [{ verificationMethod: string }])[0].verificationMethod,
    ).toMatch(/#key-2$/);
    expect(await referenceVerify(ob3Url(byKey1))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });
    expect(await referenceVerify(ob3Url(byKey2))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });

    expect((await revokeSigningKey(t.laurel.deps, OPERATOR, org.id, 'key-1')).ok).toBe(true);
    const verdict = await referenceVerify(ob3Url(byKey1));
    expect(verdict.verified).toBe(false);
    expect(verdict.revoked).toBeNull();
    expect(verdict.errors.join('\n')).toMatch(/key-1 is not in the DID document/);
    // The current key (and the status list, re-signed with it) still verifies.
    expect(await referenceVerify(ob3Url(byKey2))).toEqual({
      verified: true,
      revoked: false,
      errors: [],
    });
  });

  it("a credential naming one issuer but signed with another issuer's valid key fails", async () => {
    const victim = await seedIssuer(t.laurel.deps);
    const forger = await seedIssuer(t.laurel.deps);
    const genuine = (await served(await seedCredential(t.laurel.deps, victim.org, victim.badge)))
      .json;
    const forged = await signWithVaultKey(forger.org, 'key-1', withoutProof(genuine));

    const verdict = await referenceVerify(
      writeScratch('cross-issuer.json', JSON.stringify(forged)),
    );
    expect(verdict.verified).toBe(false);
    expect(verdict.revoked).toBeNull();
    // The signature itself is good; the key's controller is not the credential's issuer.
    expect(verdict.errors).not.toContain('Invalid signature.');
    expect(verdict.errors).toContain(
      'Credential issuer must match the verification method controller.',
    );
  });

  it("checks the status list's own proof: a list edited to clear a revoked bit is refused", async () => {
    const { org, badge, owner } = await seedIssuer(t.laurel.deps);
    const c = await seedCredential(t.laurel.deps, org, badge);
    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, c, { reason: 'Misconduct', revokedBy: owner.id }, new Date()),
    );
    const credential = (await served(c)).json;
    const status = credential.credentialStatus as { statusListCredential: string };
    const listText = await (await fetch(status.statusListCredential)).text();
    const list = JSON.parse(listText) as { credentialSubject: { encodedList: string } };
    const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    list.credentialSubject.encodedList = `u${gzipSync(Buffer.alloc(bits.length)).toString('base64url')}`;

    // The same credential, signed by the issuer's own key, pointing at a copy of the list
    // served elsewhere: genuine bytes there, then the edited ones.
    let servedList = listText;
    const mirror = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/ld+json' }).end(servedList),
    );
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mirror.address() as AddressInfo;
      const pointed = await signWithVaultKey(org, 'key-1', {
        ...withoutProof(credential),
        credentialStatus: { ...status, statusListCredential: `http://127.0.0.1:${port}/status/1` },
      });
      const file = writeScratch('mirrored-status.json', JSON.stringify(pointed));
      expect(await referenceVerify(file)).toEqual({ verified: true, revoked: true, errors: [] });

      servedList = JSON.stringify(list);
      const verdict = await referenceVerify(file);
      expect(verdict.verified).toBe(false);
      expect(verdict.revoked).toBeNull();
      expect(verdict.errors.join('\n')).toMatch(/"BitstringStatusListCredential" not verified/);
    } finally {
      await new Promise((resolve) => mirror.close(resolve));
    }
  });

  it('does not accept what it cannot check: an unknown credential URL', async () => {
    const verdict = await referenceVerify(`${t.url}/credentials/CRD-ZZZZZZZZ/ob3`);
    expect(verdict).toMatchObject({ verified: false, revoked: null });
    expect(verdict.errors.join('\n')).toMatch(/HTTP 404/);
  });
});
