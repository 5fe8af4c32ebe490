// The proof that the shape canonicalizer changes nothing an outside verifier could see:
// thousands of random credentials from Laurel's real builder give byte-identical canonical
// N-Quads and the same proofValue as the standard stack, and the test can fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rdfcCanonize, shapeCanonize } from './canonize.ts';
import { buildCredentialDocument } from './credential-document.ts';
import { createDocumentLoader } from './document-loader.ts';
import { credentialFacts, text, url } from './fixtures/arbitrary-facts.ts';
import { ISSUER_DID, sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import { stockSign, stockVerify } from './fixtures/stock-stack.ts';
import type { Canonize, JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments } from './key-resolver.ts';
import { createShapeCanonize } from './shape-canonize.ts';
import { signCredential } from './sign.ts';
import { StatusBitstring, buildStatusListCredential } from './status-list.ts';
import { verifyCredentialProof } from './verify.ts';
import { countingCanonize, proofConfig } from './fixtures/canonize-probes.ts';

const documentLoader = createDocumentLoader();
const issuer = await sampleIssuer();
const resolveKey = resolverFromControllerDocuments([issuer.didDocument]);
const created = new Date('2026-03-04T05:06:07Z');
const LONG = 300_000;

/** The canonical N-Quads of `document`, or the error's message: both paths must agree on either. */
function outcome(canonize: Canonize, document: JsonLdObject): Promise<string> {
  return canonize(document, { documentLoader }).catch(
    (error: unknown) => `error: ${(error as Error).message}`,
  );
}

/** Fast-signs a built credential and compares every byte with the standard stack. */
async function sameAsStandard(document: JsonLdObject, canonize: Canonize): Promise<void> {
  const fast = await signCredential(document, {
    signer: issuer.signer,
    documentLoader,
    canonize,
    created,
  });
  const standard = await stockSign(document, issuer.signer, documentLoader, created);
  expect(await canonize(document, { documentLoader })).toBe(
    await rdfcCanonize(document, { documentLoader }),
  );
  expect(await canonize(proofConfig(fast), { documentLoader })).toBe(
    await rdfcCanonize(proofConfig(standard), { documentLoader }),
  );
  expect(fast).toEqual(standard);
}

describe('shape canonicalization against the standard stack', () => {
  it(
    'gives the same N-Quads and proofValue for 2,000 random credentials from the real builder',
    async () => {
      await fc.assert(
        fc.asyncProperty(credentialFacts, async (facts) => {
          await sameAsStandard(buildCredentialDocument(facts), shapeCanonize);
        }),
        { numRuns: 2000 },
      );
    },
    LONG,
  );

  it(
    'fails once duplicate quads are kept, so the property above can fail',
    async () => {
      const sabotaged = createShapeCanonize({ standard: rdfcCanonize, keepDuplicates: true });
      const result = await fc.check(
        fc.asyncProperty(credentialFacts, async (facts) => {
          await sameAsStandard(buildCredentialDocument(facts), sabotaged);
        }),
        { numRuns: 50 },
      );
      // failed on a comparison, not on an input the builder refused
      expect(result.failed).toBe(true);
      expect((result.errorInstance as Error).name).toBe('AssertionError');
    },
    LONG,
  );

  it(
    'agrees on any string in any slot, including control characters and non-IRIs where IRIs go',
    async () => {
      // The builder keeps bad values out of Laurel's documents; here they are put straight
      // into a credential's slots, so the fallback and the narrowed shapes are exercised too.
      const slotValue = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.constantFrom('', ' ', 'relative/path', 'schema:name', '_:b1', '@id', 'x\u0000y', '\t'),
        fc.constantFrom('\b\f\u007f\u001f', 'did:example:a b', 'urn:uuid:x', 'mailto:a@b.c'),
        // whitespace beyond ASCII: jsonld reads these as relative IRIs
        fc.constantFrom('https://a.example/\u00a0x', 'https://a.example/\ufeff', 'did:x:\u3000'),
        url,
        text,
      );
      const paths: (readonly string[])[] = [
        ['id'],
        ['name'],
        ['issuer', 'id'],
        ['issuer', 'url'],
        ['validFrom'],
        ['credentialSubject', 'name'],
        ['credentialSubject', 'achievement', 'id'],
        ['credentialSubject', 'achievement', 'creator', 'id'],
        ['credentialSubject', 'achievement', 'image', 'id'],
        ['credentialStatus', 'statusListCredential'],
        ['credentialStatus', 'statusPurpose'],
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...paths), slotValue), { minLength: 1, maxLength: 3 }),
          async (edits) => {
            const document = sampleCredential();
            for (const [path, value] of edits) {
              let node = document;
              for (const key of path.slice(0, -1)) node = node[key] as JsonLdObject;
              node[path.at(-1)!] = value;
            }
            expect(await outcome(shapeCanonize, document)).toBe(
              await outcome(rdfcCanonize, document),
            );
          },
        ),
        { numRuns: 400 },
      );
    },
    LONG,
  );

  it(
    'gives the same N-Quads for status list credentials',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          url,
          fc.constantFrom('did:web:badges.example.org:issuers:acme', 'did:web:x.example'),
          fc.date({ min: new Date(0), max: new Date('9000-01-01'), noInvalidDate: true }),
          fc.array(fc.nat({ max: 131_071 }), { maxLength: 20 }),
          async (id, issuerDid, validFrom, revoked) => {
            const bits = StatusBitstring.create(131_072);
            for (const index of revoked) bits.set(index, true);
            const list = buildStatusListCredential({
              id,
              issuer: issuerDid,
              validFrom,
              purpose: 'revocation',
              encodedList: bits.encode(),
            });
            expect(await shapeCanonize(list, { documentLoader })).toBe(
              await rdfcCanonize(list, { documentLoader }),
            );
          },
        ),
        { numRuns: 100 },
      );
    },
    LONG,
  );
});

describe('cross-verification with the standard digitalbazaar stack', () => {
  it(
    'accepts fast-signed credentials with the standard verifier, and standard-signed ones with the fast verifier',
    async () => {
      const samples = fc.sample(credentialFacts, { numRuns: 30, seed: 7 });
      for (const facts of samples) {
        // signed by the sample issuer, whose DID document both verifiers are given
        const document = buildCredentialDocument({
          ...facts,
          issuer: { ...facts.issuer, did: ISSUER_DID },
        });
        const fast = await signCredential(document, {
          signer: issuer.signer,
          documentLoader,
          canonize: shapeCanonize,
          created,
        });
        const standard = await stockSign(document, issuer.signer, documentLoader, created);
        // Each stack checks the other's, and rejects a one-character change.
        const fastChecks = (signed: JsonLdObject) =>
          verifyCredentialProof(signed, { resolveKey, documentLoader, canonize: shapeCanonize });
        const tampered = { ...standard, name: `${String(standard.name)}!` };
        expect(await stockVerify(fast, issuer.didDocument, documentLoader)).toBe(true);
        expect(await fastChecks(standard)).toMatchObject({ verified: true });
        expect(await fastChecks(tampered)).toMatchObject({ verified: false });
        expect(
          await stockVerify({ ...fast, name: tampered.name }, issuer.didDocument, documentLoader),
        ).toBe(false);
      }
    },
    LONG,
  );
});

describe('what stays on the standard path', () => {
  it('sends a document naming a context outside the bundle to the standard path and its error', async () => {
    const document = { ...sampleCredential(), '@context': ['https://example.org/ctx.json'] };
    expect(await outcome(shapeCanonize, document)).toBe(await outcome(rdfcCanonize, document));
    expect(await outcome(shapeCanonize, document)).toMatch(/^error: /);
  });

  it('sends a document with a context below its root to the standard path', async () => {
    // An inline context can make `did` a prefix; a sentinel would not show that.
    const document = sampleCredential();
    document.credentialSubject = {
      ...(document.credentialSubject as JsonLdObject),
      '@context': { did: 'https://evil.example/' },
      id: 'did:web:x',
    };
    const standard = await outcome(rdfcCanonize, document);
    expect(standard).toContain('<https://evil.example/web:x>');
    expect(await outcome(shapeCanonize, document)).toBe(standard);
  });

  it('sends a parsed __proto__ key to the standard path', async () => {
    // A copy of the document could not hold the key as data, so no template is made of it.
    const standard = countingCanonize(rdfcCanonize);
    const canonize = createShapeCanonize({ standard: standard.canonize });
    const document = JSON.parse(
      JSON.stringify(sampleCredential()).replace('{', '{"__proto__":{},'),
    ) as JsonLdObject;
    expect(await outcome(canonize, document)).toBe(await outcome(rdfcCanonize, document));
    expect(standard.calls()).toBe(1);
  });

  it('rejects an undefined term exactly as the standard path does (safe mode)', async () => {
    const document = { ...sampleCredential(), notATerm: 'x' };
    const fast = await outcome(shapeCanonize, document);
    expect(fast).toMatch(/^error: /);
    expect(fast).toBe(await outcome(rdfcCanonize, document));
  });

  it('takes what a parsed document could not hold (undefined, a Date) to the standard path', async () => {
    const standard = countingCanonize(rdfcCanonize);
    const canonize = createShapeCanonize({ standard: standard.canonize });
    await canonize(sampleCredential(), { documentLoader });
    expect(standard.calls()).toBe(0);
    await canonize({ ...sampleCredential(), validUntil: undefined }, { documentLoader }).catch(
      () => 'thrown',
    );
    expect(standard.calls()).toBe(1);
  });
});
