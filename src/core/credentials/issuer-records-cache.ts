import type { SigningKey } from '../ports/stores/signing-keys.ts';

/** How many organizations' keys, and how many signed lists, one process keeps copies of. */
const ENTRIES = 1000;

/** A Map that forgets its least recently used entry past `size`. */
class Recent<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly size: number) {}
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

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
