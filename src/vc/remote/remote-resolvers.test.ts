// Keys and status lists of other issuers: which answers mean "not the issuer's key" and
// which mean "could not find out", and a credential from a
// did:web issuer verified end to end over HTTPS (a local server playing the issuer).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentLoader } from '../document-loader.ts';
import { sampleCredential, sampleIssuer } from '../fixtures/sample-credential.ts';
import { KeyResolutionError } from '../key-resolver.ts';
import type { JsonLdObject } from '../jsonld-types.ts';
import { signCredential } from '../sign.ts';
import { StatusBitstring, buildStatusListCredential, statusEntry } from '../status-list.ts';
import { verifyCredential } from '../verify-credential.ts';
import {
  STATUS_LIST_MAX_BYTES,
  remoteKeyResolver,
  remoteStatusListLoader,
} from './remote-resolvers.ts';
import { createSafeFetchJson, type FetchJson } from './safe-fetch.ts';
import {
  allowOnlyLocalhostRequests,
  selfSignedCertificate,
  startTestServer,
  type TestServer,
} from './test-https-server.ts';

const DID = 'did:web:issuer.example:acme';
const DID_URL = 'https://issuer.example/acme/did.json';
const documentLoader = createDocumentLoader();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('remoteKeyResolver', () => {
  let issuer: Awaited<ReturnType<typeof sampleIssuer>>;
  beforeAll(async () => {
    issuer = await sampleIssuer(DID);
  });

  const serving =
    (documents: Record<string, unknown>): FetchJson =>
    (url) =>
      url in documents
        ? Promise.resolve(documents[url])
        : Promise.reject(new Error(`${new URL(url).host} answered HTTP 404`));

  it("resolves a did:web key from the issuer's DID document", async () => {
    const resolve = remoteKeyResolver(serving({ [DID_URL]: issuer.didDocument }));
    expect(await resolve(issuer.signer.id)).toEqual({
      method: (issuer.didDocument.verificationMethod as unknown[])[0],
      controller: issuer.didDocument,
    });
  });

  it('answers undefined when the fetched document does not list the key, or the id names no key', async () => {
    const resolve = remoteKeyResolver(serving({ [DID_URL]: issuer.didDocument }));
    expect(await resolve(`${DID}#not-a-key`)).toBeUndefined();
    expect(await resolve(DID)).toBeUndefined();
    expect(await resolve('did:web:127.0.0.1#key')).toBeUndefined();
  });

  it('throws KeyResolutionError when the document cannot be had or is not the DID’s', async () => {
    const down = remoteKeyResolver(serving({}));
    const error = await rejection(down(issuer.signer.id));
    expect(error).toBeInstanceOf(KeyResolutionError);
    expect((error as Error).message).toBe(
      `the DID document of ${DID} could not be fetched: issuer.example answered HTTP 404`,
    );
    const wrongId = remoteKeyResolver(
      serving({ [DID_URL]: { ...issuer.didDocument, id: 'did:web:issuer.example' } }),
    );
    expect(await rejection(wrongId(issuer.signer.id))).toBeInstanceOf(KeyResolutionError);
  });

  it('resolves Ed25519 did:key without fetching, and cannot check other methods', async () => {
    const noFetch: FetchJson = () => Promise.reject(new Error('no fetch expected'));
    const resolve = remoteKeyResolver(noFetch);
    const key = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    expect(await resolve(`did:key:${key}#${key}`)).toMatchObject({
      method: { publicKeyMultibase: key },
    });
    expect(await resolve(`did:key:${key}#z6Mkother`)).toBeUndefined();
    for (const [id, reason] of [
      [
        'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169',
        /only Ed25519/,
      ],
      ['did:ion:EiAbc#key-1', /did:ion identifiers/],
      ['https://example.edu/issuers/565049#key-1', /https: identifiers/],
    ] as const) {
      const error = await rejection(resolve(id));
      expect(error, id).toBeInstanceOf(KeyResolutionError);
      expect((error as Error).message, id).toMatch(reason);
    }
  });
});

describe('remoteStatusListLoader', () => {
  it('fetches with the status-list size cap and wants a JSON object', async () => {
    const limits: unknown[] = [];
    const fetchJson: FetchJson = (url, limit) => {
      limits.push(limit);
      return Promise.resolve(url.endsWith('/list') ? { id: url } : ['not', 'a', 'list']);
    };
    const load = remoteStatusListLoader(fetchJson);
    expect(await load('https://issuer.example/list')).toEqual({
      id: 'https://issuer.example/list',
    });
    expect(limits).toEqual([{ maxBytes: STATUS_LIST_MAX_BYTES }]);
    await expect(load('https://issuer.example/other')).rejects.toThrow(/not a JSON object/);
  });
});

describe('a did:web credential verified over HTTPS', () => {
  let server: TestServer;
  let did: string;
  let issuer: Awaited<ReturnType<typeof sampleIssuer>>;
  let credential: JsonLdObject;
  const routes = new Map<string, unknown>();

  beforeAll(async () => {
    server = await startTestServer(selfSignedCertificate(), (request, response) => {
      const body = routes.get(request.url ?? '');
      if (body === undefined) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    did = `did:web:localhost%3A${server.port}:issuers:acme`;
    issuer = await sampleIssuer(did);
    const listUrl = server.url('/status/acme/1');
    const bits = StatusBitstring.create();
    bits.set(7, true);
    const list = await signCredential(
      buildStatusListCredential({
        id: listUrl,
        issuer: did,
        validFrom: '2025-03-01T09:00:00Z',
        purpose: 'revocation',
        encodedList: bits.encode(),
      }),
      { signer: issuer.signer, documentLoader },
    );
    const unsigned = sampleCredential();
    unsigned.issuer = { id: did, type: ['Profile'], name: 'Acme Training' };
    unsigned.credentialStatus = statusEntry({
      statusListCredential: listUrl,
      index: 8,
      purpose: 'revocation',
    });
    credential = await signCredential(unsigned, { signer: issuer.signer, documentLoader });
    routes.set('/issuers/acme/did.json', issuer.didDocument);
    routes.set('/status/acme/1', list);
  });
  afterAll(() => server.close());
  beforeEach(() => allowOnlyLocalhostRequests());
  afterEach(() => vi.restoreAllMocks());

  const verify = () => {
    const fetchJson = createSafeFetchJson(server.fetchOptions);
    return verifyCredential(credential, {
      now: new Date('2026-01-15T12:00:00Z'),
      documentLoader,
      // Not one of ours: production sends such DIDs to the remote resolver.
      resolveKey: remoteKeyResolver(fetchJson),
      loadStatusList: remoteStatusListLoader(fetchJson),
      issuerStanding: () => Promise.resolve(undefined),
    });
  };

  it('passes signature, expiration and revocation; its standing is not ours to know', async () => {
    expect(await verify()).toEqual({
      signature: { outcome: 'passed' },
      expiration: { outcome: 'passed' },
      revocation: { outcome: 'passed' },
      issuerStatus: {
        outcome: 'could_not_check',
        reason: 'not a Laurel issuer, so its standing is not known here',
      },
      verified: false,
      issuerId: did,
    });
  });

  it('could not check the signature or the list while the issuer serves no DID document', async () => {
    const document = routes.get('/issuers/acme/did.json');
    routes.delete('/issuers/acme/did.json');
    try {
      const report = await verify();
      expect(report.signature.outcome).toBe('could_not_check');
      expect(report.signature.reason).toMatch(
        /could not be fetched: localhost:\d+ answered HTTP 404/,
      );
      expect(report.revocation.outcome).toBe('could_not_check');
    } finally {
      routes.set('/issuers/acme/did.json', document);
    }
  });

  it('fails the signature when the DID document no longer lists the key', async () => {
    const document = routes.get('/issuers/acme/did.json');
    routes.set('/issuers/acme/did.json', {
      ...issuer.didDocument,
      verificationMethod: [],
      assertionMethod: [],
    });
    try {
      const report = await verify();
      expect(report.signature.outcome).toBe('failed');
      expect(report.signature.reason).toMatch(/not one its issuer publishes/);
    } finally {
      routes.set('/issuers/acme/did.json', document);
    }
  });
});
