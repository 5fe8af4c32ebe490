// Bitstring Status List v1.0: bit order, encodedList round trips and hostile input, the
// entry and the check a verifier runs, index allocation, and a signed list that verifies.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from './document-loader.ts';
import { ISSUER_DID, sampleIssuer } from './fixtures/sample-credential.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments } from './key-resolver.ts';
import { signCredential } from './sign.ts';
import {
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_LENGTH,
  StatusBitstring,
  StatusListError,
  buildStatusListCredential,
  checkStatus,
  statusEntry,
} from './status-list.ts';
import { verifyCredentialProof } from './verify.ts';

const LIST_URL = 'https://badges.example.org/status/acme/1';
/** The spec's example encodedList: 131,072 clear bits. */
const SPEC_EMPTY_LIST = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

const encodeRaw = (bytes: Uint8Array) => `u${gzipSync(bytes).toString('base64url')}`;

function expectStatusError(fn: () => unknown, code: StatusListError['code']): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StatusListError);
  expect((caught as StatusListError).code).toBe(code);
}

describe('StatusBitstring', () => {
  it('orders bits as the spec does: index 0 is the most significant bit of the first byte', () => {
    const list = StatusBitstring.create();
    list.set(0, true);
    expect(list.toBytes().subarray(0, 2)).toEqual(new Uint8Array([0x80, 0x00]));
    list.set(0, false);
    list.set(7, true);
    expect(list.toBytes().subarray(0, 2)).toEqual(new Uint8Array([0x01, 0x00]));
    list.set(7, false);
    list.set(8, true);
    expect(list.toBytes().subarray(0, 2)).toEqual(new Uint8Array([0x00, 0x80]));
    list.set(3, true);
    list.set(MIN_STATUS_LIST_LENGTH - 1, true);
    const bytes = list.toBytes();
    expect([bytes[0], bytes[1], bytes[bytes.length - 1]]).toEqual([0x10, 0x80, 0x01]);
  });

  it('reads the bits of hand-built bytes in the same order', () => {
    const bytes = new Uint8Array(MIN_STATUS_LIST_LENGTH / 8);
    bytes[0] = 0b1010_0000;
    bytes[2] = 0b0000_0001;
    const list = StatusBitstring.decode(encodeRaw(bytes));
    const set = [...Array(32).keys()].filter((i) => list.get(i));
    expect(set).toEqual([0, 2, 23]);
  });

  it('creates 131,072 clear bits by default, encoded exactly as the spec example', () => {
    const list = StatusBitstring.create();
    expect(list.length).toBe(131_072);
    expect(list.encode()).toBe(SPEC_EMPTY_LIST);
    const decoded = StatusBitstring.decode(SPEC_EMPTY_LIST);
    expect(decoded.length).toBe(131_072);
    expect(decoded.toBytes().every((b) => b === 0)).toBe(true);
  });

  it('round trips through encode/decode at 131,072 bits', () => {
    const list = StatusBitstring.create(MIN_STATUS_LIST_LENGTH);
    for (const i of [0, 1, 7, 8, 94_567, 131_071]) list.set(i, true);
    const encoded = list.encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const back = StatusBitstring.decode(encoded);
    expect(back.toBytes()).toEqual(list.toBytes());
    expect(back.get(94_567)).toBe(true);
    expect(back.get(94_566)).toBe(false);
  });

  it('refuses lengths below the minimum or not a multiple of 8, and indexes outside', () => {
    expect(() => StatusBitstring.create(MIN_STATUS_LIST_LENGTH - 8)).toThrow(RangeError);
    expect(() => StatusBitstring.create(MIN_STATUS_LIST_LENGTH + 1)).toThrow(RangeError);
    expect(() => StatusBitstring.create(MAX_STATUS_LIST_BYTES * 8 + 8)).toThrow(RangeError);
    const list = StatusBitstring.create(MIN_STATUS_LIST_LENGTH + 8);
    expect(list.length).toBe(MIN_STATUS_LIST_LENGTH + 8);
    for (const bad of [-1, list.length, 1.5, Number.NaN]) {
      expect(() => list.get(bad)).toThrow(RangeError);
      expect(() => list.set(bad, true)).toThrow(RangeError);
    }
  });

  it('rejects a wrong prefix, bad base64url, non-GZIP data and short lists', () => {
    const good = StatusBitstring.create().encode();
    expectStatusError(() => StatusBitstring.decode(good.slice(1)), 'MALFORMED_VALUE_ERROR');
    expectStatusError(() => StatusBitstring.decode(`z${good.slice(1)}`), 'MALFORMED_VALUE_ERROR');
    expectStatusError(() => StatusBitstring.decode(''), 'MALFORMED_VALUE_ERROR');
    expectStatusError(() => StatusBitstring.decode('u'), 'MALFORMED_VALUE_ERROR');
    expectStatusError(() => StatusBitstring.decode(`${good}+/`), 'MALFORMED_VALUE_ERROR');
    expectStatusError(
      () => StatusBitstring.decode(`u${Buffer.from('not gzip').toString('base64url')}`),
      'MALFORMED_VALUE_ERROR',
    );
    expectStatusError(() => StatusBitstring.decode(good.slice(0, -6)), 'MALFORMED_VALUE_ERROR');
    expectStatusError(
      () => StatusBitstring.decode(encodeRaw(new Uint8Array(MIN_STATUS_LIST_LENGTH / 8 - 1))),
      'STATUS_LIST_LENGTH_ERROR',
    );
  });

  it('rejects a zip bomb without inflating it past the cap', () => {
    // 32 MiB of zeros compresses to ~32 KB; decoding must stop at 16 MiB.
    const bomb = encodeRaw(new Uint8Array(2 * MAX_STATUS_LIST_BYTES));
    expect(bomb.length).toBeLessThan(100_000);
    expectStatusError(() => StatusBitstring.decode(bomb), 'MALFORMED_VALUE_ERROR');
    expect(() => StatusBitstring.decode(bomb)).toThrow(/more than 16777216 bytes/);
    // Exactly at the cap is still a (very large) list.
    expect(StatusBitstring.decode(encodeRaw(new Uint8Array(MAX_STATUS_LIST_BYTES))).length).toBe(
      MAX_STATUS_LIST_BYTES * 8,
    );
  });

  it('set/get over random indexes round trips through encode/decode (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(MIN_STATUS_LIST_LENGTH, MIN_STATUS_LIST_LENGTH * 2 + 64),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 60 }),
        (length, ops) => {
          const list = StatusBitstring.create(length);
          const model = new Map<number, boolean>();
          for (const [n, value] of ops) {
            const index = n % length;
            list.set(index, value);
            model.set(index, value);
          }
          const back = StatusBitstring.decode(list.encode());
          expect(back.length).toBe(length);
          for (const [index, value] of model) expect(back.get(index)).toBe(value);
          const setCount = [...model.values()].filter(Boolean).length;
          const popcount = back
            .toBytes()
            .reduce((sum, b) => sum + b.toString(2).replaceAll('0', '').length, 0);
          expect(popcount).toBe(setCount);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('statusEntry', () => {
  it('builds a BitstringStatusListEntry with a decimal string index', () => {
    expect(
      statusEntry({ statusListCredential: LIST_URL, index: 94_567, purpose: 'revocation' }),
    ).toEqual({
      id: `${LIST_URL}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: LIST_URL,
    });
  });

  it('refuses negative or fractional indexes', () => {
    for (const index of [-1, 0.5, Number.NaN, 2 ** 53]) {
      expect(() =>
        statusEntry({ statusListCredential: LIST_URL, index, purpose: 'revocation' }),
      ).toThrow(RangeError);
    }
  });
});

describe('checkStatus', () => {
  const list = StatusBitstring.create();
  list.set(42, true);
  const credential = buildStatusListCredential({
    id: LIST_URL,
    issuer: ISSUER_DID,
    validFrom: new Date('2025-03-01T09:00:00.123Z'),
    purpose: 'revocation',
    encodedList: list.encode(),
  });
  const entry = (index: number) =>
    statusEntry({ statusListCredential: LIST_URL, index, purpose: 'revocation' });

  it('builds a VC 2.0 BitstringStatusListCredential', () => {
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER_DID,
      validFrom: '2025-03-01T09:00:00Z',
      credentialSubject: {
        id: `${LIST_URL}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: list.encode(),
      },
    });
    expect(() =>
      buildStatusListCredential({
        id: LIST_URL,
        issuer: ISSUER_DID,
        validFrom: '2025-03-01T09:00:00Z',
        purpose: 'revocation',
        encodedList: 'not-a-list',
      }),
    ).toThrow(StatusListError);
  });

  it('reports set and unset bits', () => {
    expect(checkStatus(entry(42), credential)).toEqual({
      status: 'set',
      purpose: 'revocation',
      index: 42,
    });
    expect(checkStatus(entry(43), credential)).toMatchObject({ status: 'unset' });
  });

  it('accepts a list whose statusPurpose is an array', () => {
    const subject = credential.credentialSubject as JsonLdObject;
    const multi = {
      ...credential,
      credentialSubject: { ...subject, statusPurpose: ['suspension', 'revocation'] },
    };
    expect(checkStatus(entry(42), multi).status).toBe('set');
  });

  it('fails with RANGE_ERROR for an index beyond the list', () => {
    expectStatusError(() => checkStatus(entry(MIN_STATUS_LIST_LENGTH), credential), 'RANGE_ERROR');
    expectStatusError(
      () => checkStatus({ ...entry(0), statusListIndex: '99999999999999999999999' }, credential),
      'RANGE_ERROR',
    );
  });

  it('fails with STATUS_VERIFICATION_ERROR for another purpose, another list, or an expired one', () => {
    const suspension = statusEntry({
      statusListCredential: LIST_URL,
      index: 42,
      purpose: 'suspension',
    });
    expectStatusError(() => checkStatus(suspension, credential), 'STATUS_VERIFICATION_ERROR');
    expectStatusError(
      () => checkStatus({ ...entry(42), statusListCredential: `${LIST_URL}0` }, credential),
      'STATUS_VERIFICATION_ERROR',
    );
    const expiring = { ...credential, validUntil: '2025-04-01T00:00:00Z' };
    expect(checkStatus(entry(42), expiring, { now: new Date('2025-03-15T00:00:00Z') }).status).toBe(
      'set',
    );
    expectStatusError(
      () => checkStatus(entry(42), expiring, { now: new Date('2025-04-02T00:00:00Z') }),
      'STATUS_VERIFICATION_ERROR',
    );
  });

  it('fails with STATUS_VERIFICATION_ERROR before the list is valid, from its validFrom on it reads', () => {
    // validFrom 2025-03-01T09:00:00Z: the list says nothing a second before it.
    expectStatusError(
      () => checkStatus(entry(42), credential, { now: new Date('2025-03-01T08:59:59.999Z') }),
      'STATUS_VERIFICATION_ERROR',
    );
    expect(() =>
      checkStatus(entry(42), credential, { now: new Date('2025-03-01T08:59:59Z') }),
    ).toThrow('status list is not valid until 2025-03-01T09:00:00Z');
    for (const now of ['2025-03-01T09:00:00Z', '2025-03-01T09:00:01Z']) {
      expect(checkStatus(entry(42), credential, { now: new Date(now) }).status).toBe('set');
    }
    expectStatusError(
      () => checkStatus(entry(42), { ...credential, validFrom: 'not a date' }),
      'MALFORMED_VALUE_ERROR',
    );
  });

  it('fails with MALFORMED_VALUE_ERROR for wrong types or malformed fields', () => {
    const subject = credential.credentialSubject as JsonLdObject;
    const cases: [unknown, unknown][] = [
      [{ ...entry(1), type: 'StatusList2021Entry' }, credential],
      [{ ...entry(1), statusListIndex: 1 }, credential],
      [{ ...entry(1), statusListIndex: '-1' }, credential],
      [{ ...entry(1), statusListIndex: '1e3' }, credential],
      [{ ...entry(1), statusPurpose: 'message' }, credential],
      [{ ...entry(1), statusSize: 2 }, credential],
      [null, credential],
      [entry(1), null],
      [entry(1), { ...credential, type: ['VerifiableCredential'] }],
      [entry(1), { ...credential, credentialSubject: { ...subject, type: 'StatusList2021' } }],
      [entry(1), { ...credential, credentialSubject: { ...subject, encodedList: 'zabc' } }],
      [entry(1), { ...credential, credentialSubject: [subject] }],
    ];
    for (const [e, l] of cases) expectStatusError(() => checkStatus(e, l), 'MALFORMED_VALUE_ERROR');
  });

  it('fails with STATUS_LIST_LENGTH_ERROR for a list below the minimum', () => {
    const subject = credential.credentialSubject as JsonLdObject;
    const short = {
      ...credential,
      credentialSubject: { ...subject, encodedList: encodeRaw(new Uint8Array(1024)) },
    };
    expectStatusError(() => checkStatus(entry(1), short), 'STATUS_LIST_LENGTH_ERROR');
  });
});

describe('a signed status list', () => {
  const documentLoader = createDocumentLoader();

  it('signs with Ed25519, verifies, and reads back the bit that was set', async () => {
    const issuer = await sampleIssuer();
    const bits = StatusBitstring.create();
    bits.set(94_567, true);
    const signed = await signCredential(
      buildStatusListCredential({
        id: LIST_URL,
        issuer: ISSUER_DID,
        validFrom: '2025-03-01T09:00:00Z',
        purpose: 'revocation',
        encodedList: bits.encode(),
      }),
      { signer: issuer.signer, documentLoader, created: new Date('2025-03-01T09:00:05Z') },
    );
    const stored = JSON.parse(JSON.stringify(signed)) as JsonLdObject;
    const verify = (doc: JsonLdObject) =>
      verifyCredentialProof(doc, {
        resolveKey: resolverFromControllerDocuments([issuer.didDocument]),
        documentLoader,
      });

    expect(await verify(stored)).toEqual({
      verified: true,
      verificationMethod: issuer.signer.id,
      controller: ISSUER_DID,
    });
    const revoked = statusEntry({
      statusListCredential: LIST_URL,
      index: 94_567,
      purpose: 'revocation',
    });
    const fine = statusEntry({
      statusListCredential: LIST_URL,
      index: 94_568,
      purpose: 'revocation',
    });
    expect(checkStatus(revoked, stored).status).toBe('set');
    expect(checkStatus(fine, stored).status).toBe('unset');

    // Clearing the bit without re-signing breaks the proof.
    bits.set(94_567, false);
    const tampered = structuredClone(stored);
    (tampered.credentialSubject as JsonLdObject).encodedList = bits.encode();
    expect(checkStatus(revoked, tampered).status).toBe('unset');
    expect(await verify(tampered)).toMatchObject({ verified: false, failure: 'INVALID_PROOF' });
  });
});
