// did:web → URL as the did:web spec's examples have it, what is not a did:web DID, and the
// one check on the fetched document.
import { describe, expect, it } from 'vitest';
import { didWebUrl, resolveDidWeb } from './did-web.ts';
import type { FetchJson } from './safe-fetch.ts';

describe('didWebUrl', () => {
  it('maps DIDs to their document URLs, decoding a %3A port', () => {
    for (const [did, url] of [
      ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
      ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
      ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
      ['did:web:example.com:issuers:acme', 'https://example.com/issuers/acme/did.json'],
      ['did:web:badges.example.org%3A443', 'https://badges.example.org/.well-known/did.json'],
      ['did:web:Example.COM:Issuers', 'https://example.com/Issuers/did.json'],
      ['did:web:example.com:a%20b', 'https://example.com/a%20b/did.json'],
    ]) {
      expect(didWebUrl(did!), did).toBe(url);
    }
  });

  it('refuses what is not a well-formed did:web DID', () => {
    for (const did of [
      'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
      'did:web:',
      'did:web:example.com#key-1',
      'did:web:example.com?versionId=1',
      'did:web:example.com/path',
      'did:web:example.com::acme',
      'did:web:example.com:..:admin',
      'did:web:example.com:.',
      'did:web:example.com:a%2Fb',
      'did:web:example.com:%E0%A4%A',
      'did:web:127.0.0.1',
      'did:web:127.0.0.1%3A8443',
      'did:web:[::1]',
      'did:web:user%40example.com',
      'did:web:example.com%2Fevil',
      'did:web:-example.com',
      'did:web:example.com%3Ahttp',
      'did:web:example.com%3A99999',
    ]) {
      expect(didWebUrl(did), did).toBeUndefined();
    }
  });
});

describe('resolveDidWeb', () => {
  const DID = 'did:web:example.com:issuers:acme';
  const serving =
    (document: unknown): FetchJson =>
    (url) =>
      url === 'https://example.com/issuers/acme/did.json'
        ? Promise.resolve(document)
        : Promise.reject(new Error(`unexpected fetch of ${url}`));

  it('returns the document whose id is the DID', async () => {
    const document = { id: DID, verificationMethod: [] };
    expect(await resolveDidWeb(DID, serving(document))).toEqual(document);
  });

  it("refuses another DID's document, a non-object, and a malformed DID", async () => {
    await expect(resolveDidWeb(DID, serving({ id: 'did:web:example.com' }))).rejects.toThrow(
      /is the DID document of did:web:example.com, not did:web:example.com:issuers:acme/,
    );
    await expect(resolveDidWeb(DID, serving([{ id: DID }]))).rejects.toThrow(/not a DID document/);
    await expect(resolveDidWeb(DID, serving(null))).rejects.toThrow(/not a DID document/);
    await expect(resolveDidWeb('did:web:127.0.0.1', serving({}))).rejects.toThrow(
      /not a did:web DID/,
    );
  });

  it('passes fetch failures through', async () => {
    const down: FetchJson = () => Promise.reject(new Error('no answer within 5000 ms'));
    await expect(resolveDidWeb(DID, down)).rejects.toThrow('no answer within 5000 ms');
  });
});
