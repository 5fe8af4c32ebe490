/**
 * A Map that keeps only the `size` most recently used entries: the one bounded cache behind
 * every in-process copy Laurel keeps (issuers' keys and lists, compiled document shapes,
 * decoded public keys, parsed and decoded status lists, prepared statements).
 */
export class Recent<K, V> {
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

  /** The entry for `key`, made by `make` and kept when there is none (nothing is kept if it throws). */
  getOrSet(key: K, make: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make();
      this.set(key, value);
    }
    return value;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
