// The unsigned OpenBadgeCredential, built from plain facts: what Laurel signs for every
// award. It names only the VC 2.0 and OB 3.0.3 contexts, so anyone can verify it with the
// published contexts alone. Inputs that would yield a bad document are caller bugs and
// throw TypeError before anything is signed.
import { randomBytes } from 'node:crypto';
import { recipientIdentityHash } from '../core/credentials/recipient-identity.ts';
import {
  achievementNode,
  issuerNode,
  requireEmail,
  requireHttpUrl,
  requireText,
} from './achievement.ts';
import { dateTime } from './date-time.ts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.ts';
import type { CredentialFacts } from './facts.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { MAX_STATUS_LIST_BYTES, statusEntry } from './status-list.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The hash lives in core, where the wallet also checks an imported credential's recipient.
export { recipientIdentityHash };

/**
 * A fresh salt for each credential (128 random bits, base64url), so one recipient's
 * hashes cannot be linked across credentials or looked up from a list of emails.
 */
export function newIdentitySalt(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The unsigned OpenBadgeCredential; sign it with `signCredential`. The issuer Profile is
 * written twice (`issuer` and `achievement.creator`) from one builder: it is one node in
 * the signed graph, so both copies must say the same.
 */
export function buildCredentialDocument(f: CredentialFacts): JsonLdObject {
  if (typeof f.id !== 'string' || !UUID.test(f.id)) {
    throw new TypeError(`id must be a lowercase UUID, got ${JSON.stringify(f.id)}`);
  }
  const validFrom = dateTime(f.validFrom, 'validFrom');
  const validUntil = f.validUntil === null ? null : dateTime(f.validUntil, 'validUntil');
  if (validUntil !== null && Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new TypeError(`validUntil ${validUntil} is not after validFrom ${validFrom}`);
  }
  requireText(f.recipient.name, 'recipient.name');
  requireEmail(f.recipient.email.trim(), 'recipient.email');
  requireText(f.recipient.salt, 'recipient.salt');
  if (f.evidenceUrl !== null) requireHttpUrl(f.evidenceUrl, 'evidenceUrl');
  requireHttpUrl(f.status.listUrl, 'status.listUrl');
  const { index } = f.status;
  // No list is longer than status-list.ts will decode; a larger index is certainly a bug.
  if (!Number.isSafeInteger(index) || index < 0 || index >= MAX_STATUS_LIST_BYTES * 8) {
    throw new TypeError(`status.index must be a list index, got ${index}`);
  }

  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${f.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerNode(f.issuer),
    validFrom,
    ...(validUntil === null ? {} : { validUntil }),
    name: f.achievement.name,
    description: f.achievement.description,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: f.recipient.name,
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          salt: f.recipient.salt,
          identityHash: recipientIdentityHash(f.recipient.email, f.recipient.salt),
        },
      ],
      achievement: achievementNode(f.achievement, f.issuer),
    },
    ...(f.evidenceUrl === null ? {} : { evidence: [{ id: f.evidenceUrl, type: ['Evidence'] }] }),
    credentialStatus: statusEntry({
      statusListCredential: f.status.listUrl,
      index,
      purpose: 'revocation',
    }),
  };
}
