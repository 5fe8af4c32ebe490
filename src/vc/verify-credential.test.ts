// The one verification function over a typical Laurel credential and its signed status
// list: every check passes on the real thing, each breaks on its own when its part is
// wrong, "could not find out" is never a pass nor a forgery, and no input makes it throw.
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from './document-loader.ts';
import { fixtureJson } from './fixtures/load.ts';
import { ISSUER_DID, sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import {
  KeyResolutionError,
  resolverFromControllerDocuments,
  type ControllerDocument,
  type KeyResolver,
} from './key-resolver.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { signCredential } from './sign.ts';
import { StatusBitstring, buildStatusListCredential, statusEntry } from './status-list.ts';
import {
  verifyCredential,
  type CredentialVerifierOptions,
  type IssuerStanding,
  type VerificationReport,
} from './verify-credential.ts';

const documentLoader = createDocumentLoader();
const LIST_URL = 'https://badges.example.org/status/acme/1';
const SUSPENSION_URL = 'https://badges.example.org/status/acme/suspensions';
const REVOKED_INDEX = 1234;
const NOW = new Date('2026-01-15T12:00:00Z');
const CREATED = new Date('2025-03-01T09:00:05Z');

type Issuer = Awaited<ReturnType<typeof sampleIssuer>>;

async function signedList(
  issuer: Issuer,
  {
    id = LIST_URL,
    issuerId = ISSUER_DID,
    set = [REVOKED_INDEX],
    purpose = 'revocation',
    validFrom = '2025-03-01T09:00:00Z',
    validUntil,
  }: {
    id?: string;
    issuerId?: string;
    set?: number[];
    purpose?: 'revocation' | 'suspension';
    validFrom?: string;
    validUntil?: string;
  } = {},
): Promise<JsonLdObject> {
  const bits = StatusBitstring.create();
  for (const index of set) bits.set(index, true);
  return signCredential(
    buildStatusListCredential({
      id,
      issuer: issuerId,
      validFrom,
      ...(validUntil ? { validUntil } : {}),
      purpose,
      encodedList: bits.encode(),
    }),
    { signer: issuer.signer, documentLoader, created: CREATED },
  );
}

function sign(issuer: Issuer, credential: JsonLdObject): Promise<JsonLdObject> {
  return signCredential(credential, { signer: issuer.signer, documentLoader, created: CREATED });
}

const ALL_PASSED = {
  signature: { outcome: 'passed' },
  expiration: { outcome: 'passed' },
  revocation: { outcome: 'passed' },
  issuerStatus: { outcome: 'passed' },
  verified: true,
  issuerId: ISSUER_DID,
};

describe('verifyCredential', () => {
  let issuer: Issuer;
  let signed: JsonLdObject;
  let lists: Map<string, JsonLdObject>;

  /** Options over `lists` and the issuer's DID document, each overridable by a test. */
  const options = (
    overrides: Partial<CredentialVerifierOptions> = {},
  ): CredentialVerifierOptions => ({
    now: NOW,
    documentLoader,
    resolveKey: resolverFromControllerDocuments([issuer.didDocument]),
    loadStatusList: (url) => Promise.resolve(lists.get(url)),
    issuerStanding: (id) =>
      Promise.resolve<IssuerStanding | undefined>(id === ISSUER_DID ? 'approved' : undefined),
    ...overrides,
  });
  const verify = (document: unknown, overrides?: Partial<CredentialVerifierOptions>) =>
    verifyCredential(document, options(overrides));

  beforeAll(async () => {
    issuer = await sampleIssuer();
    signed = await sign(issuer, sampleCredential());
    lists = new Map([[LIST_URL, await signedList(issuer)]]);
  });

  /** The sample credential with another status entry (or none), signed. */
  async function signedWithStatus(credentialStatus: unknown): Promise<JsonLdObject> {
    const credential = sampleCredential();
    if (credentialStatus === undefined) delete credential.credentialStatus;
    else credential.credentialStatus = credentialStatus;
    return sign(issuer, credential);
  }

  describe('a genuine credential', () => {
    it('passes all four checks, as stored JSON too', async () => {
      expect(await verify(signed)).toEqual(ALL_PASSED);
      expect(await verify(JSON.parse(JSON.stringify(signed)))).toEqual(ALL_PASSED);
    });

    it('passes the 1EdTech OB 3.0 vector with a resolver from its controller document', async () => {
      const vector = fixtureJson('./1edtech-ob3/signed-credential.json');
      const controller = fixtureJson<ControllerDocument>(
        './1edtech-ob3/issuer-controller-document.json',
      );
      const report = await verify(vector, {
        resolveKey: resolverFromControllerDocuments([controller]),
        issuerStanding: () => Promise.resolve('approved'),
      });
      expect(report).toEqual({
        signature: { outcome: 'passed' },
        expiration: { outcome: 'passed', reason: 'the credential has no expiry date' },
        revocation: { outcome: 'passed', reason: 'the credential carries no status entry' },
        issuerStatus: { outcome: 'passed' },
        verified: true,
        issuerId: 'https://example.edu/issuers/565049',
      });
    });
  });

  describe('signature', () => {
    it('fails when a signed field is changed', async () => {
      const tampered = structuredClone(signed);
      (tampered.credentialSubject as JsonLdObject).name = 'Mallory';
      const report = await verify(tampered);
      expect(report.signature).toMatchObject({ outcome: 'failed' });
      expect(report.signature.reason).toMatch(/signature does not verify/);
      expect(report).toMatchObject({ verified: false, expiration: { outcome: 'passed' } });
    });

    it('fails when the published key for that method id is another key', async () => {
      const impostor = await sampleIssuer();
      const [method] = impostor.didDocument.verificationMethod as { publicKeyMultibase: string }[];
      const forged: ControllerDocument = {
        ...issuer.didDocument,
        verificationMethod: [
          {
            id: issuer.signer.id,
            type: 'Multikey',
            controller: ISSUER_DID,
            publicKeyMultibase: method!.publicKeyMultibase,
          },
        ],
      };
      const report = await verify(signed, {
        resolveKey: resolverFromControllerDocuments([forged]),
      });
      expect(report.signature.outcome).toBe('failed');
      expect(report.verified).toBe(false);
    });

    it("fails when signed by another issuer's own key (the issuer must control the key)", async () => {
      const other = await sampleIssuer('did:web:badges.example.org:issuers:other');
      const bySomeoneElse = await sign(other, sampleCredential());
      const report = await verify(bySomeoneElse, {
        resolveKey: resolverFromControllerDocuments([issuer.didDocument, other.didDocument]),
      });
      expect(report.signature).toMatchObject({ outcome: 'failed' });
      expect(report.signature.reason).toMatch(/issuer must match/);
    });

    it('fails when the resolver does not know the key (the DID document does not list it)', async () => {
      const report = await verify(signed, { resolveKey: resolverFromControllerDocuments([]) });
      expect(report.signature).toMatchObject({ outcome: 'failed' });
      expect(report.signature.reason).toMatch(/not one its issuer publishes/);
    });

    it('could not check when the resolver could not fetch the key', async () => {
      const offline: KeyResolver = () =>
        Promise.reject(new KeyResolutionError('badges.example.org did not answer'));
      const report = await verify(signed, { resolveKey: offline });
      expect(report.signature).toEqual({
        outcome: 'could_not_check',
        reason: 'the signing key could not be resolved: badges.example.org did not answer',
      });
      expect(report.verified).toBe(false);
      // The status list's proof needs the same key, so revocation is unchecked too.
      expect(report.revocation.outcome).toBe('could_not_check');
    });

    it('could not check, without throwing, when the resolver breaks unexpectedly', async () => {
      const broken: KeyResolver = () => Promise.reject(new Error('database is down'));
      const report = await verify(signed, { resolveKey: broken });
      expect(report.signature.outcome).toBe('could_not_check');
      expect(report.signature.reason).toMatch(/database is down/);
    });

    it('fails a validly signed VC that is not an OpenBadgeCredential', async () => {
      const credential = sampleCredential();
      credential.type = ['VerifiableCredential'];
      const report = await verify(await sign(issuer, credential));
      expect(report.signature).toEqual({
        outcome: 'failed',
        reason: 'the credential is not an OpenBadgeCredential',
      });
      // A signed status list is a VC by the same issuer, but no badge.
      expect((await verify(lists.get(LIST_URL))).signature).toEqual({
        outcome: 'failed',
        reason: 'the credential is not an OpenBadgeCredential',
      });
    });

    it('could not check a proof of another cryptosuite or a context Laurel does not bundle', async () => {
      const otherSuite = structuredClone(signed);
      (otherSuite.proof as JsonLdObject).cryptosuite = 'ecdsa-rdfc-2019';
      expect((await verify(otherSuite)).signature).toEqual({
        outcome: 'could_not_check',
        reason: 'Laurel does not check ecdsa-rdfc-2019 proofs',
      });
      const otherContext = structuredClone(signed);
      (otherContext['@context'] as string[]).push('https://example.org/contexts/extra.jsonld');
      expect((await verify(otherContext)).signature).toEqual({
        outcome: 'could_not_check',
        reason:
          'the document uses a JSON-LD context Laurel does not have: https://example.org/contexts/extra.jsonld',
      });
    });

    it('fails when the proof is missing or malformed, and could not check several', async () => {
      const { proof, ...unsigned } = signed;
      expect((await verify(unsigned)).signature).toEqual({
        outcome: 'failed',
        reason: 'the document carries no single proof naming its key',
      });
      expect((await verify({ ...signed, proof: [] })).signature.outcome).toBe('failed');
      expect(
        (await verify({ ...signed, proof: { ...(proof as JsonLdObject), type: undefined } }))
          .signature.outcome,
      ).toBe('failed');
      expect((await verify({ ...signed, proof: [proof, proof] })).signature).toEqual({
        outcome: 'could_not_check',
        reason: 'Laurel checks credentials that carry exactly one proof',
      });
    });
  });

  describe('expiration', () => {
    const at = (now: string) => ({ now: new Date(now) });

    it('fails after validUntil and before validFrom', async () => {
      expect((await verify(signed, at('2027-03-01T09:00:01Z'))).expiration).toEqual({
        outcome: 'failed',
        reason: 'the credential expired on 2027-03-01T09:00:00Z',
      });
      expect((await verify(signed, at('2025-03-01T08:59:59Z'))).expiration).toEqual({
        outcome: 'failed',
        reason: 'the credential is not valid until 2025-03-01T09:00:00Z',
      });
      expect((await verify(signed, at('2027-03-01T09:00:00Z'))).expiration.outcome).toBe('passed');
    });

    it('passes without validUntil, and says there is no expiry date', async () => {
      const credential = sampleCredential();
      delete credential.validUntil;
      const report = await verify(await sign(issuer, credential), at('2099-01-01T00:00:00Z'));
      expect(report.expiration).toEqual({
        outcome: 'passed',
        reason: 'the credential has no expiry date',
      });
      expect(report.verified).toBe(true);
    });

    it('could not check without a valid current time', async () => {
      expect((await verify(signed, { now: new Date(Number.NaN) })).expiration).toEqual({
        outcome: 'could_not_check',
        reason: 'the current time is not known',
      });
    });

    it('fails on dates that are not date-time stamps', async () => {
      for (const [field, value] of [
        ['validUntil', 'next year'],
        ['validUntil', '2027-03-01'],
        ['validUntil', '2027-03-01T09:00:00'],
        ['validUntil', '2027-13-01T09:00:00Z'],
        ['validUntil', 20270301],
        ['validFrom', ['2025-03-01T09:00:00Z']],
        ['validFrom', null],
      ] as const) {
        const report = await verify({ ...signed, [field]: value });
        expect(report.expiration, `${field}=${JSON.stringify(value)}`).toEqual({
          outcome: 'failed',
          reason: `${field} is not a date-time`,
        });
      }
    });

    it('accepts offsets and fractions', async () => {
      const report = await verify({
        ...signed,
        validFrom: '2025-03-01T10:00:00.5+01:00',
        validUntil: '2026-01-15T13:00:01+01:00',
      });
      expect(report.expiration).toEqual({ outcome: 'passed' });
    });
  });

  describe('revocation', () => {
    it('fails when the bit is set in the issuer-signed list', async () => {
      const revoked = await signedWithStatus(
        statusEntry({
          statusListCredential: LIST_URL,
          index: REVOKED_INDEX,
          purpose: 'revocation',
        }),
      );
      const report = await verify(revoked);
      expect(report.revocation).toEqual({
        outcome: 'failed',
        reason: 'the issuer has revoked the credential',
      });
      expect(report).toMatchObject({ verified: false, signature: { outcome: 'passed' } });
    });

    it('passes without a status entry, and says so', async () => {
      const report = await verify(await signedWithStatus(undefined));
      expect(report.revocation).toEqual({
        outcome: 'passed',
        reason: 'the credential carries no status entry',
      });
      expect(report.verified).toBe(true);
    });

    it('could not check when the list cannot be had', async () => {
      const down = await verify(signed, {
        loadStatusList: () => Promise.reject(new Error('connection refused')),
      });
      expect(down.revocation).toEqual({
        outcome: 'could_not_check',
        reason: `the status list ${LIST_URL} could not be loaded: connection refused`,
      });
      expect(down.verified).toBe(false);
      const missing = await verify(signed, { loadStatusList: () => Promise.resolve(undefined) });
      expect(missing.revocation).toEqual({
        outcome: 'could_not_check',
        reason: `the status list ${LIST_URL} is not available`,
      });
    });

    // A list we cannot trust says nothing either way about the credential: not checked.
    it('could not check when the list is tampered with, signed by another issuer, expired or not yet valid', async () => {
      const tampered = structuredClone(lists.get(LIST_URL)!);
      (tampered.credentialSubject as JsonLdObject).encodedList = StatusBitstring.create().encode();
      const other = await sampleIssuer('did:web:badges.example.org:issuers:other');
      const byOther = await signedList(other, {
        issuerId: 'did:web:badges.example.org:issuers:other',
        set: [],
      });
      const claimsOurIssuer = await signedList(other, { set: [] });
      const expired = await signedList(issuer, { set: [], validUntil: '2025-12-31T00:00:00Z' });
      const early = await signedList(issuer, { set: [], validFrom: '2099-01-01T00:00:00Z' });
      const bothKeys = resolverFromControllerDocuments([issuer.didDocument, other.didDocument]);
      for (const [name, list, reason] of [
        ['tampered', tampered, /cannot be trusted: the signature does not verify/],
        [
          'by another issuer',
          byOther,
          /is issued by did:web:badges.example.org:issuers:other, not/,
        ],
        ['forged in our name', claimsOurIssuer, /cannot be trusted: .*issuer must match/],
        ['expired', expired, /cannot be used: status list expired at 2025-12-31T00:00:00Z/],
        ['not yet valid', early, /cannot be used: status list is not valid until 2099-01-01T/],
      ] as const) {
        const report = await verify(signed, {
          resolveKey: bothKeys,
          loadStatusList: () => Promise.resolve(list),
        });
        expect(report.revocation.outcome, name).toBe('could_not_check');
        expect(report.revocation.reason, name).toMatch(reason);
        expect(report.signature.outcome, name).toBe('passed');
      }
    });

    it('could not check a list served for another URL or purpose', async () => {
      const elsewhere = await signedList(issuer, { id: `${LIST_URL}0` });
      const suspensions = await signedList(issuer, { purpose: 'suspension' });
      for (const list of [elsewhere, suspensions]) {
        const report = await verify(signed, { loadStatusList: () => Promise.resolve(list) });
        expect(report.revocation.outcome).toBe('could_not_check');
        expect(report.revocation.reason).toMatch(/cannot be used/);
      }
    });

    it('checks every entry: a suspension bit set fails, an unknown type cannot be checked', async () => {
      const suspensions = await signedList(issuer, {
        id: SUSPENSION_URL,
        purpose: 'suspension',
        set: [7],
      });
      const withSuspension = (index: number) => [
        statusEntry({ statusListCredential: LIST_URL, index: 94_567, purpose: 'revocation' }),
        statusEntry({ statusListCredential: SUSPENSION_URL, index, purpose: 'suspension' }),
      ];
      const both = new Map([...lists, [SUSPENSION_URL, suspensions]]);
      const load = { loadStatusList: (url: string) => Promise.resolve(both.get(url)) };

      expect((await verify(await signedWithStatus(withSuspension(8)), load)).revocation).toEqual({
        outcome: 'passed',
      });
      expect((await verify(await signedWithStatus(withSuspension(7)), load)).revocation).toEqual({
        outcome: 'failed',
        reason: 'the issuer has suspended the credential',
      });

      // The check reads the entries whatever the proof says, so no need to re-sign here.
      const unknownType = {
        id: 'https://example.org/revocations/1',
        type: '1EdTechRevocationList',
      };
      const mixed = { ...signed, credentialStatus: [withSuspension(8)[0], unknownType] };
      expect((await verify(mixed, load)).revocation).toEqual({
        outcome: 'could_not_check',
        reason: 'Laurel cannot check status entries of type 1EdTechRevocationList',
      });
      const revokedAndUnknown = {
        ...signed,
        credentialStatus: [
          unknownType,
          statusEntry({
            statusListCredential: LIST_URL,
            index: REVOKED_INDEX,
            purpose: 'revocation',
          }),
        ],
      };
      expect((await verify(revokedAndUnknown, load)).revocation).toEqual({
        outcome: 'failed',
        reason: 'the issuer has revoked the credential',
      });
    });

    it('could not check other purposes or sizes, and fails a malformed entry', async () => {
      const entry = statusEntry({
        statusListCredential: LIST_URL,
        index: 1,
        purpose: 'revocation',
      });
      for (const [status, outcome, reason] of [
        [{ ...entry, statusPurpose: 'message' }, 'could_not_check', /purpose "message"/],
        [{ ...entry, statusSize: 2 }, 'could_not_check', /statusSize 2/],
        [{ ...entry, statusListIndex: 1 }, 'failed', /decimal index/],
        [{ ...entry, statusListCredential: undefined }, 'failed', /status list URL/],
        [{ ...entry, statusListCredential: 'status/acme/1' }, 'failed', /status list URL/],
        ['revoked?', 'failed', /malformed/],
        [[entry, null], 'failed', /malformed/],
      ] as const) {
        const report = await verify({ ...signed, credentialStatus: status });
        expect(report.revocation.outcome, JSON.stringify(status)).toBe(outcome);
        expect(report.revocation.reason, JSON.stringify(status)).toMatch(reason);
      }
    });

    it('loads a list named by several entries once', async () => {
      const loaded: string[] = [];
      const twice = [1, 2].map((index) =>
        statusEntry({ statusListCredential: LIST_URL, index, purpose: 'revocation' }),
      );
      const report = await verify(await signedWithStatus(twice), {
        loadStatusList: (url) => {
          loaded.push(url);
          return Promise.resolve(lists.get(url));
        },
      });
      expect(report.revocation).toEqual({ outcome: 'passed' });
      expect(loaded).toEqual([LIST_URL]);
    });
  });

  describe('issuer status', () => {
    const standing = (value: IssuerStanding | undefined) => ({
      issuerStanding: () => Promise.resolve(value),
    });

    it('fails for a suspended or unapproved issuer', async () => {
      expect((await verify(signed, standing('suspended'))).issuerStatus).toEqual({
        outcome: 'failed',
        reason: 'the issuer is suspended',
      });
      expect((await verify(signed, standing('not_approved'))).issuerStatus).toEqual({
        outcome: 'failed',
        reason: 'the issuer is not approved',
      });
    });

    it('could not check an issuer that is not ours, or when the lookup fails', async () => {
      const report = await verify(signed, standing(undefined));
      expect(report.issuerStatus).toEqual({
        outcome: 'could_not_check',
        reason: 'not a Laurel issuer, so its standing is not known here',
      });
      expect(report.verified).toBe(false);
      const broken = await verify(signed, {
        issuerStanding: () => Promise.reject(new Error('timeout')),
      });
      expect(broken.issuerStatus).toEqual({
        outcome: 'could_not_check',
        reason: "the issuer's standing could not be looked up: timeout",
      });
    });

    it('asks about the issuer id the document claims', async () => {
      const asked: string[] = [];
      await verify(
        { ...signed, issuer: 'did:web:elsewhere.example' },
        {
          issuerStanding: (id) => {
            asked.push(id);
            return Promise.resolve(undefined);
          },
        },
      );
      expect(asked).toEqual(['did:web:elsewhere.example']);
    });
  });

  describe('any input', () => {
    it('never throws and never verifies garbage', async () => {
      const inputs: unknown[] = [
        null,
        undefined,
        'not a credential',
        'a.b.c',
        'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln',
        42,
        [],
        [signed],
        {},
        { proof: {} },
        { '@context': 5, type: 'OpenBadgeCredential', issuer: {}, proof: 'x' },
        { ...signed, '@context': { '@vocab': 'https://example.org/' } },
        { ...signed, proof: { ...(signed.proof as JsonLdObject), verificationMethod: 7 } },
        { ...signed, issuer: ['did:web:a', 'did:web:b'], credentialSubject: [] },
        {
          ...signed,
          credentialStatus: {
            type: ['BitstringStatusListEntry'],
            statusPurpose: 'revocation',
            statusListIndex: '1',
            statusListCredential: 'not a url',
          },
        },
      ];
      for (const input of inputs) {
        const report: VerificationReport = await verify(input);
        expect(report.verified, JSON.stringify(input)?.slice(0, 80)).toBe(false);
        for (const check of [
          report.signature,
          report.expiration,
          report.revocation,
          report.issuerStatus,
        ]) {
          if (check.outcome !== 'passed') expect(check.reason).toEqual(expect.any(String));
        }
      }
    });

    it('reports a non-object or non-VC as failed throughout, and a JWT as not checked', async () => {
      expect(await verify(null)).toMatchObject({
        signature: { outcome: 'failed', reason: 'the document is not a JSON object' },
        expiration: { outcome: 'failed' },
        revocation: { outcome: 'failed' },
        issuerStatus: { outcome: 'failed' },
        verified: false,
        issuerId: undefined,
      });
      expect(await verify({ issuer: ISSUER_DID, validUntil: '2099-01-01T00:00:00Z' })).toEqual({
        signature: { outcome: 'failed', reason: 'the document is not a verifiable credential' },
        expiration: { outcome: 'failed', reason: 'the document is not a verifiable credential' },
        revocation: { outcome: 'failed', reason: 'the document is not a verifiable credential' },
        issuerStatus: { outcome: 'failed', reason: 'the document is not a verifiable credential' },
        verified: false,
        issuerId: ISSUER_DID,
      });
      expect((await verify('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln')).signature).toEqual({
        outcome: 'could_not_check',
        reason: 'Laurel does not check JWT-secured credentials',
      });
    });

    it('survives ports that break', async () => {
      const report = await verify(signed, {
        loadStatusList: () => {
          throw new Error('sync throw');
        },
        issuerStanding: () => Promise.resolve('bogus' as IssuerStanding),
      });
      expect(report.revocation.outcome).toBe('could_not_check');
      expect(report.issuerStatus.outcome).toBe('could_not_check');
    });
  });
});
