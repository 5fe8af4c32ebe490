// Who a credential names as its recipient, by email: how Laurel hashes an address into a
// credential it issues, and how the wallet checks that an imported credential names the
// person importing it.
import { createHash } from 'node:crypto';
import { normalizeEmail } from '../email-address.ts';

/**
 * The OB 3.0 IdentityHash of an email: `sha256$` and the hex SHA-256 of the UTF-8 email,
 * trimmed and lowercased, followed by the salt. Normalising first means the recipient
 * still matches when they type their address with other capitals.
 */
export function recipientIdentityHash(email: string, salt: string): string {
  if (typeof email !== 'string' || email.trim() === '')
    throw new TypeError('email must be a non-empty string');
  if (typeof salt !== 'string') throw new TypeError('salt must be a string');
  const digest = createHash('sha256')
    .update(normalizeEmail(email) + salt, 'utf8')
    .digest('hex');
  return `sha256$${digest}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Each email address the subject names, as a test of one address: an OB 3.0 IdentityObject
 * of identityType emailAddress (plain, or a sha256 IdentityHash with its salt) and a plain
 * `email` property. An identity of another kind, or a hash we cannot compute, tests nothing.
 */
function namedEmails(subject: Record<string, unknown>): ((email: string) => boolean)[] {
  const tests: ((email: string) => boolean)[] = [];
  const plain = (named: string) => (email: string) =>
    normalizeEmail(named) === normalizeEmail(email);
  if (typeof subject.email === 'string' && subject.email.trim() !== '')
    tests.push(plain(subject.email));
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier];
  for (const entry of identifiers.map(record)) {
    if (entry?.identityType !== 'emailAddress' || typeof entry.identityHash !== 'string') continue;
    const named = entry.identityHash;
    if (entry.hashed !== true) {
      tests.push(plain(named));
    } else if (/^sha256\$[0-9a-f]{64}$/i.test(named)) {
      const salt = typeof entry.salt === 'string' ? entry.salt : '';
      tests.push((email) => recipientIdentityHash(email, salt) === named.toLowerCase());
    }
  }
  return tests;
}

/**
 * Whether the credential names `email` as its recipient: true or false when its subject
 * names at least one email address (a subject may list several: any one of them is enough),
 * undefined when it names none Laurel can compare with an address (a DID, or nothing).
 */
export function namesRecipient(
  document: Record<string, unknown>,
  email: string,
): boolean | undefined {
  const tests = namedEmails(record(document.credentialSubject) ?? {});
  return tests.length === 0 ? undefined : tests.some((test) => test(email));
}
