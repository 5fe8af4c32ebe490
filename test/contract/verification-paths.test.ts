// Which canonicalizer checks what: the fast shape path only for documents Laurel stored
// itself; anything presented to Laurel (an upload, a baked image, a wallet import) goes the
// standard way, exactly as another verifier would check it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localIssuerByDid,
  localStatusListByUrl,
} from '../../src/core/credentials/local-sources.ts';
import { verifyDocument, verifyIssuedCredential } from '../../src/core/credentials/verify.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { CredentialVerifier } from '../../src/core/ports/credential-verifier.ts';
import { rdfcCanonize, shapeCanonize } from '../../src/vc/canonize.ts';
import { createLaurelVerifier } from '../../src/vc/laurel-verifier.ts';
import { seedCredential, seedIssuer } from '../factories/index.ts';
import { TEST_PUBLIC_URL, createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { countingCanonize } from '../../src/vc/fixtures/canonize-probes.ts';

describe.each(testDialects())('verification paths on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  const storedDocument = async () => {
    const { org, badge } = await seedIssuer(core.deps);
    const credential = await seedCredential(core.deps, org, badge);
    const document = await core.deps.uow.stores.credentials.findDocument(credential.id);
    return { credential, document: JSON.parse(document!) as unknown };
  };

  it('checks a stored document on the shape path and a presented one on the standard path, with the same report', async () => {
    const stored = countingCanonize(shapeCanonize);
    const presented = countingCanonize(rdfcCanonize);
    const verifier = createLaurelVerifier({
      publicUrl: TEST_PUBLIC_URL,
      clock: core.deps.clock,
      local: {
        issuerByDid: (did) => localIssuerByDid(core.deps, did),
        statusListByUrl: (url) => localStatusListByUrl(core.deps, url),
      },
      fetchJson: (url) => Promise.reject(new Error(`no network in this test: ${url}`)),
      canonizers: { stored: stored.canonize, presented: presented.canonize },
    });
    const { document } = await storedDocument();

    const fast = await verifier.verify(document, 'stored');
    // the credential and its status list, each document and proof configuration
    expect(stored.calls()).toBe(4);
    expect(presented.calls()).toBe(0);

    const standard = await verifier.verify(document, 'presented');
    // the credential and its proof configuration; the status list is Laurel's own, and this
    // signed version of it was already found valid with the same key
    expect(presented.calls()).toBe(2);
    expect(stored.calls()).toBe(4);
    expect(fast.verified).toBe(true);
    expect(standard).toEqual(fast);
  });

  it('presents uploads, baked images and imports to the verifier as presented, and its own pages as stored', async () => {
    const origins: string[] = [];
    const verifier: CredentialVerifier = {
      verify: (document, origin, known) => {
        origins.push(origin);
        return core.deps.verifier.verify(document, origin, known);
      },
    };
    const deps: CoreDeps = { ...core.deps, verifier };
    const { credential, document } = await storedDocument();

    expect((await verifyDocument(deps, document)).verified).toBe(true);
    expect(origins).toEqual(['presented']);
    const page = await verifyIssuedCredential(deps, credential.shortId, null);
    expect(page.ok && page.value.report.verified).toBe(true);
    expect(origins).toEqual(['presented', 'stored']);
  });
});
