/**
 * A bounded least-recently-used cache on top of `Map`'s insertion order: a hit moves the entry to the end,
 * an insert past capacity drops the first (oldest) entry.
 * @example const c = new LruCache<string, number>(2); c.set('a', 1); c.set('b', 2); c.get('a'); c.set('c', 3); c.has('b') // false
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LruCache capacity must be a positive integer, got ${capacity}`);
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** The value for a key (and marks it most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Whether the key is held (does not change recency). */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores a value as most recently used, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
  }
}
