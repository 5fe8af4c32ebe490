import { Recent } from '../recent.ts';
import type { SigningKey } from '../ports/stores/signing-keys.ts';

/** How many organizations' keys, and how many signed lists, one process keeps copies of. */
const ENTRIES = 1000;

/**
 * Copies of what verifying one of our credentials reads besides the credential: its issuer's
 * published keys and its signed status list. A copy is used only when the stamp read with the
 * credential, in the same query, still matches it (the keys' stamp, the list's version), so a
 * revoked key, a revoked credential or a suspended issuer shows on the very next view, on
 * every instance; what does not change is not read again.
 */
export interface IssuerRecordsCache {
  keys: Recent<string, { stamp: string; keys: SigningKey[] }>;
  statusLists: Recent<string, { version: number; document: string }>;
}

export function createIssuerRecordsCache(): IssuerRecordsCache {
  return { keys: new Recent(ENTRIES), statusLists: new Recent(ENTRIES) };
}
