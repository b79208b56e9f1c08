// A least-recently-used map bounded by (an upper estimate of) the bytes its entries hold, for the caches
// each process keeps in memory: one large answer (ten years of daily volume is ~250 KB) weighs what it
// weighs, so an entry count cannot bound memory but this can.

/** Upper bound of what a string costs in memory: two bytes per UTF-16 unit (V8 often needs only one). */
export const stringBytes = (text: string) => text.length * 2

/** Bytes counted per entry on top of its key and value: the map slot and the entry object. */
const ENTRY_OVERHEAD = 96

export class ByteBoundedLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>()
  #bytes = 0

  constructor(
    readonly maxBytes: number,
    /** What a value costs (its key is counted separately). */
    private readonly sizeOf: (value: V) => number,
  ) {}

  get size() {
    return this.#entries.size
  }
  /** Bytes currently counted; never above maxBytes. */
  get bytes() {
    return this.#bytes
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry.value
  }

  /** Stores value, evicting the least recently used entries to stay within maxBytes. */
  set(key: string, value: V): void {
    this.delete(key)
    const bytes = stringBytes(key) + this.sizeOf(value) + ENTRY_OVERHEAD
    if (bytes > this.maxBytes) return // would evict everything and still not fit
    this.#entries.set(key, { value, bytes })
    this.#bytes += bytes
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value as string
      this.delete(oldest)
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }

  /** Oldest first; deleting the current entry while iterating is safe. */
  *entries(): IterableIterator<[string, V]> {
    for (const [key, entry] of this.#entries) yield [key, entry.value]
  }
}
