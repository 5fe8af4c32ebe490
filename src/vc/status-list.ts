// W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/), as
// pure functions: the bitstring and its `encodedList`, the status list credential a
// verifier fetches, the `credentialStatus` entry a credential carries, the check a verifier
// runs once it has verified the list's own proof. Index allocation
// (core/credentials/status-entries.ts), storage, signing keys and HTTP live elsewhere; the
// terms are all in the VC 2.0 context.
import { gunzipSync, gzipSync } from 'node:zlib';
import { dateTime } from './date-time.ts';
import { VC_V2_CONTEXT } from './document-loader.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { Recent } from '../core/recent.ts';

/** The spec's minimum (16 KB): fewer entries would weaken herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;
/** Largest decompressed list `decode` accepts (16 MiB, 134,217,728 entries): a zip-bomb cap. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** The one-bit purposes (`message` needs a statusSize above 1 and is not supported). */
export type StatusPurpose = 'revocation' | 'suspension';
const PURPOSES: readonly string[] = ['revocation', 'suspension'] satisfies StatusPurpose[];

/**
 * Failures named after the spec's processing errors, so a verifier can report which check
 * could not be made and why.
 */
export type StatusListErrorCode =
  /** The entry or list is not a well-formed BitstringStatusListEntry / Credential. */
  | 'MALFORMED_VALUE_ERROR'
  /** The list is not the one the entry names, is for another purpose, or has expired. */
  | 'STATUS_VERIFICATION_ERROR'
  /** The decoded list is shorter than the spec's 131,072-entry minimum. */
  | 'STATUS_LIST_LENGTH_ERROR'
  /** `statusListIndex` lies outside the list. */
  | 'RANGE_ERROR';

export class StatusListError extends Error {
  constructor(
    readonly code: StatusListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatusListError';
  }
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(
      `status list length must be a multiple of 8 of at least ${MIN_STATUS_LIST_LENGTH}, got ${length}`,
    );
  }
  if (length / 8 > MAX_STATUS_LIST_BYTES) {
    throw new RangeError(`status list length ${length} exceeds ${MAX_STATUS_LIST_BYTES * 8}`);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * One bit per credential. Index 0 is the left-most (most significant) bit of the first
 * byte, as the spec orders them; a set bit means the status applies (revoked, suspended).
 */
export class StatusBitstring {
  private constructor(private readonly bytes: Uint8Array) {}

  /** An all-clear list of `length` bits (a multiple of 8, at least 131,072). */
  static create(length: number = MIN_STATUS_LIST_LENGTH): StatusBitstring {
    checkLength(length);
    return new StatusBitstring(new Uint8Array(length / 8));
  }

  /**
   * Parses an `encodedList`: 'u' (multibase base64url, no padding) over a GZIP stream.
   * Decompression stops at 16 MiB, so a hostile list cannot exhaust memory. Throws a
   * StatusListError: MALFORMED_VALUE_ERROR, or STATUS_LIST_LENGTH_ERROR when too short.
   */
  static decode(encodedList: string): StatusBitstring {
    if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
      throw new StatusListError(
        'MALFORMED_VALUE_ERROR',
        'encodedList must be multibase base64url (start with "u")',
      );
    }
    const body = encodedList.slice(1);
    // Cheap upper bound before decoding anything: 16 MiB of any content gzips to far less.
    if (!BASE64URL.test(body) || body.length > MAX_STATUS_LIST_BYTES) {
      throw new StatusListError(
        'MALFORMED_VALUE_ERROR',
        'encodedList is not unpadded base64url of a size we accept',
      );
    }
    let bytes: Buffer;
    try {
      bytes = gunzipSync(Buffer.from(body, 'base64url'), {
        maxOutputLength: MAX_STATUS_LIST_BYTES,
      });
    } catch (error) {
      const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new StatusListError(
        'MALFORMED_VALUE_ERROR',
        tooLarge
          ? `encodedList decompresses to more than ${MAX_STATUS_LIST_BYTES} bytes`
          : `encodedList is not GZIP data: ${(error as Error).message}`,
      );
    }
    if (bytes.length * 8 < MIN_STATUS_LIST_LENGTH) {
      throw new StatusListError(
        'STATUS_LIST_LENGTH_ERROR',
        `status list has ${bytes.length * 8} entries, fewer than ${MIN_STATUS_LIST_LENGTH}`,
      );
    }
    return new StatusBitstring(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  }

  /** Number of entries (bits). */
  get length(): number {
    return this.bytes.length * 8;
  }

  private locate(index: number): [byte: number, mask: number] {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`status list index ${index} is outside 0..${this.length - 1}`);
    }
    return [index >>> 3, 0x80 >>> (index & 7)];
  }

  get(index: number): boolean {
    const [byte, mask] = this.locate(index);
    return (this.bytes[byte]! & mask) !== 0;
  }

  set(index: number, value: boolean): void {
    const [byte, mask] = this.locate(index);
    this.bytes[byte] = value ? this.bytes[byte]! | mask : this.bytes[byte]! & ~mask;
  }

  /** The `encodedList` value. Deterministic (GZIP mtime 0), so equal lists encode equally. */
  encode(): string {
    return `u${gzipSync(this.bytes).toString('base64url')}`;
  }

  /** A copy of the raw bytes (tests read the bit order from it). */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export interface StatusListCredentialInput {
  /** The stable URL the list is served at; entries name it as `statusListCredential`. */
  id: string;
  /** The issuer's DID (or its Profile with that DID as `id`): the key controller that signs. */
  issuer: string | (JsonLdObject & { id: string });
  validFrom: Date | string;
  /** Omit for lists that are re-signed on change rather than on a schedule. */
  validUntil?: Date | string;
  purpose: StatusPurpose;
  encodedList: string;
}

/** A date as Laurel writes it; a string the caller gives is kept as given. */
function listDate(value: Date | string, field: string): string {
  return typeof value === 'string' ? value : dateTime(value, field);
}

/**
 * The unsigned BitstringStatusListCredential (VC 2.0); sign it with `signCredential`.
 * Throws when `encodedList` does not decode to a valid list: a caller bug, never signed.
 */
export function buildStatusListCredential(input: StatusListCredentialInput): JsonLdObject {
  if (!PURPOSES.includes(input.purpose)) {
    throw new TypeError(`unsupported status purpose ${String(input.purpose)}`);
  }
  StatusBitstring.decode(input.encodedList);
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: listDate(input.validFrom, 'validFrom'),
    ...(input.validUntil === undefined
      ? {}
      : { validUntil: listDate(input.validUntil, 'validUntil') }),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** A base-10 string, as the spec requires. */
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` of a credential whose status is bit `index` of the list. */
export function statusEntry({
  statusListCredential,
  index,
  purpose,
}: {
  statusListCredential: string;
  index: number;
  purpose: StatusPurpose;
}): BitstringStatusListEntry {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`status list index must be a non-negative integer, got ${index}`);
  }
  if (!PURPOSES.includes(purpose)) {
    throw new TypeError(`unsupported status purpose ${String(purpose)}`);
  }
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

export interface StatusCheck {
  /** 'set': the purpose applies (revoked / suspended); 'unset': it does not. */
  status: 'set' | 'unset';
  purpose: StatusPurpose;
  index: number;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function strings(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

function malformed(message: string): StatusListError {
  return new StatusListError('MALFORMED_VALUE_ERROR', message);
}

/** Decoded lists kept: one instance reads a handful of lists over and over. */
const DECODED_LISTS = 16;
const decodedLists = new Recent<string, StatusBitstring>(DECODED_LISTS);

/**
 * The bits of an encodedList, decoded once per distinct list text (the same text always
 * decodes to the same bits; only `get` is ever called on what this returns).
 */
function decodedList(encodedList: string): StatusBitstring {
  return decodedLists.getOrSet(encodedList, () => StatusBitstring.decode(encodedList));
}

/**
 * Reads a credential's status from a status list credential whose proof the caller has
 * already verified (and whose issuer it has matched to the credential's). Checks that the
 * list is the one the entry names, of the entry's purpose, valid at `now` (from its
 * validFrom, not past its validUntil), and long enough, then returns the bit. Throws StatusListError otherwise; never another error.
 */
export function checkStatus(
  entry: unknown,
  statusListCredential: unknown,
  { now = new Date() }: { now?: Date } = {},
): StatusCheck {
  const e = record(entry);
  if (!e || !strings(e.type).includes('BitstringStatusListEntry')) {
    throw malformed('credentialStatus is not a BitstringStatusListEntry');
  }
  const purpose = e.statusPurpose;
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    throw malformed(`unsupported statusPurpose ${JSON.stringify(purpose)}`);
  }
  if (e.statusSize !== undefined && Number(e.statusSize) !== 1) {
    throw malformed(`unsupported statusSize ${JSON.stringify(e.statusSize)}`);
  }
  const rawIndex = e.statusListIndex;
  if (typeof rawIndex !== 'string' || !/^[0-9]+$/.test(rawIndex)) {
    throw malformed('statusListIndex must be a base-10 integer string');
  }
  if (typeof e.statusListCredential !== 'string') {
    throw malformed('statusListCredential must be a URL');
  }

  const list = record(statusListCredential);
  if (
    !list ||
    !strings(list.type).includes('VerifiableCredential') ||
    !strings(list.type).includes('BitstringStatusListCredential')
  ) {
    throw malformed('status list is not a BitstringStatusListCredential');
  }
  if (list.id !== e.statusListCredential) {
    throw new StatusListError(
      'STATUS_VERIFICATION_ERROR',
      `status list ${String(list.id)} is not the ${e.statusListCredential} the entry names`,
    );
  }
  // A list is a credential like any other: before its validFrom it says nothing yet.
  if (typeof list.validFrom === 'string') {
    const from = Date.parse(list.validFrom);
    if (Number.isNaN(from)) throw malformed('status list validFrom is not a date-time');
    if (from > now.getTime()) {
      throw new StatusListError(
        'STATUS_VERIFICATION_ERROR',
        `status list is not valid until ${list.validFrom}`,
      );
    }
  }
  if (typeof list.validUntil === 'string') {
    const until = Date.parse(list.validUntil);
    if (Number.isNaN(until)) throw malformed('status list validUntil is not a date-time');
    if (until < now.getTime()) {
      throw new StatusListError(
        'STATUS_VERIFICATION_ERROR',
        `status list expired at ${list.validUntil}`,
      );
    }
  }
  const subject = record(list.credentialSubject);
  if (!subject || !strings(subject.type).includes('BitstringStatusList')) {
    throw malformed('status list credentialSubject is not a BitstringStatusList');
  }
  if (!strings(subject.statusPurpose).includes(purpose)) {
    throw new StatusListError(
      'STATUS_VERIFICATION_ERROR',
      `status list is not for ${purpose} (it is for ${JSON.stringify(subject.statusPurpose)})`,
    );
  }
  if (typeof subject.encodedList !== 'string') throw malformed('encodedList is missing');

  const bits = decodedList(subject.encodedList);
  const index = Number(rawIndex);
  if (!Number.isSafeInteger(index) || index >= bits.length) {
    throw new StatusListError(
      'RANGE_ERROR',
      `statusListIndex ${rawIndex} is outside a list of ${bits.length} entries`,
    );
  }
  return { status: bits.get(index) ? 'set' : 'unset', purpose: purpose as StatusPurpose, index };
}
