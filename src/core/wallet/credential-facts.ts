// What the wallet reads out of another issuer's Open Badges 3.0 credential before it is
// verified: is it one at all, and the few facts the wallet lists (issuer, achievement,
// dates, an embedded picture). The proof is the verifier's business, not this file's.
import { MAX_IMAGE_BYTES, detectRasterImage, type RasterImageType } from '../images.ts';
import { err, ok, type Result } from '../result.ts';

export interface CredentialFacts {
  /** The parsed document, for the verifier and the duplicate check. */
  document: Record<string, unknown>;
  issuerId: string;
  issuerName: string;
  achievementName: string;
  achievementDescription: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  /** The achievement's picture when the document carries it inline as a data: URI. */
  embeddedImage: { bytes: Buffer; contentType: RasterImageType } | null;
}

const NOT_OB3 = 'This is not an Open Badges 3.0 credential';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function types(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A compact JWS: a VC-JWT credential, which is real but not a format Laurel reads yet. */
const COMPACT_JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

// A date-time with a time zone, as VC 2.0 requires; Date.parse alone would guess at "2025".
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function dateField(
  document: Record<string, unknown>,
  name: 'validFrom' | 'validUntil',
): Result<Date | null, 'VALIDATION_ERROR'> {
  const value = document[name];
  if (value === undefined) return ok(null);
  const time =
    typeof value === 'string' && DATE_TIME_STAMP.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    return err('VALIDATION_ERROR', `The credential’s ${name} is not a date and time.`, {
      reason: 'INVALID_DATE',
    });
  return ok(new Date(time));
}

const DATA_IMAGE = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/i;

/**
 * The achievement's image when it is inline: a base64 data: URI of a PNG, JPEG or WebP whose
 * bytes are what it says. A URL is never fetched: the wallet keeps no picture for it.
 */
function embeddedImage(achievement: Record<string, unknown>): CredentialFacts['embeddedImage'] {
  const image = achievement.image;
  const uri = typeof image === 'string' ? image : record(image)?.id;
  if (typeof uri !== 'string') return null;
  // Cheap refusal before decoding: base64 is 4 characters for every 3 bytes.
  if (uri.length > 64 + Math.ceil(MAX_IMAGE_BYTES / 3) * 4) return null;
  const match = DATA_IMAGE.exec(uri.replace(/\s+/g, ''));
  if (!match?.[1] || !match[2]) return null;
  const bytes = Buffer.from(match[2], 'base64');
  const declared = match[1].toLowerCase();
  const actual = detectRasterImage(bytes);
  return actual === declared && bytes.length <= MAX_IMAGE_BYTES
    ? { bytes, contentType: actual }
    : null;
}

/**
 * The names a credential states, in any issuer's shape, each undefined when it is missing:
 * as trustworthy as the verification of the document they come from.
 */
export function statedNames(document: Record<string, unknown>): {
  issuer: string | undefined;
  achievement: string | undefined;
  recipient: string | undefined;
} {
  const subject = record(document.credentialSubject);
  return {
    issuer: text(record(document.issuer)?.name),
    achievement: text(record(subject?.achievement)?.name),
    recipient: text(subject?.name),
  };
}

/**
 * Reads pasted, uploaded or baked credential text. Refuses, with the reason, anything that
 * is not JSON shaped like an Open Badges 3.0 credential; says nothing yet about its proof.
 */
export function readCredentialFacts(input: string): Result<CredentialFacts, 'VALIDATION_ERROR'> {
  const source = input.trim();
  if (source === '')
    return err('VALIDATION_ERROR', 'Paste or upload an Open Badges 3.0 credential.', {
      reason: 'EMPTY',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    if (COMPACT_JWS.test(source)) {
      return err(
        'VALIDATION_ERROR',
        'Credentials in VC-JWT form are not supported yet: import the JSON form of the credential.',
        {
          reason: 'JWT_NOT_SUPPORTED',
        },
      );
    }
    return err(
      'VALIDATION_ERROR',
      'This is not valid JSON. Paste or upload the credential’s JSON exactly as its issuer gave it.',
      {
        reason: 'NOT_JSON',
      },
    );
  }
  const document = record(parsed);
  const refuse = (why: string) =>
    err('VALIDATION_ERROR', `${NOT_OB3}: ${why}.`, { reason: 'NOT_A_CREDENTIAL' });
  if (!document) return refuse('expected a JSON object');
  const kinds = types(document.type);
  if (!kinds.includes('OpenBadgeCredential') && !kinds.includes('AchievementCredential')) {
    return refuse('its type does not include OpenBadgeCredential');
  }
  const issuer = document.issuer;
  const issuerId = text(issuer) ?? text(record(issuer)?.id);
  if (!issuerId) return refuse('it names no issuer');
  const achievement = record(record(document.credentialSubject)?.achievement);
  if (!achievement) return refuse('it has no credentialSubject.achievement');
  const names = statedNames(document);
  const achievementName = names.achievement;
  if (!achievementName) return refuse('its achievement has no name');
  if (document.proof === undefined || document.proof === null) {
    return err(
      'VALIDATION_ERROR',
      'This credential carries no proof (signature), so it cannot be verified.',
      { reason: 'NO_PROOF' },
    );
  }
  const validFrom = dateField(document, 'validFrom');
  if (!validFrom.ok) return validFrom;
  const validUntil = dateField(document, 'validUntil');
  if (!validUntil.ok) return validUntil;
  return ok({
    document,
    issuerId,
    issuerName: names.issuer ?? issuerId,
    achievementName,
    achievementDescription: text(achievement.description) ?? null,
    validFrom: validFrom.value,
    validUntil: validUntil.value,
    embeddedImage: embeddedImage(achievement),
  });
}

/** The signature value of a document's single proof: equal values mean the same signed credential. */
export function proofValueOf(document: unknown): string | undefined {
  const proof = record(document)?.proof;
  const single = record(Array.isArray(proof) && proof.length === 1 ? proof[0] : proof);
  return typeof single?.proofValue === 'string' ? single.proofValue : undefined;
}

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The id of the Laurel credential a document would be, from its `urn:uuid:{id}`; whether
 * such a credential exists is the store's to say. Undefined for any other id.
 */
export function ourCredentialIdOf(document: Record<string, unknown>): string | undefined {
  return typeof document.id === 'string'
    ? UUID_URN.exec(document.id)?.[1]?.toLowerCase()
    : undefined;
}
