// A least-recently-used cache (lru-cache) bounded by (an upper estimate of) the bytes its entries hold,
// for the caches each process keeps in memory: one large answer (ten years of daily volume is ~250 KB)
// weighs what it weighs, so an entry count cannot bound memory but this can.
import { LRUCache } from 'lru-cache'

/** Upper bound of what a string costs in memory: two bytes per UTF-16 unit (V8 often needs only one). */
export const stringBytes = (text: string) => text.length * 2

/** Bytes counted per entry on top of its key and value: the map slot and the entry object. */
const ENTRY_OVERHEAD = 96

export type ByteBoundedCache<V extends {}> = LRUCache<string, V>

/**
 * `cache.calculatedSize` (key + value + overhead per entry) never exceeds maxBytes: setting an entry
 * evicts the least recently used ones, and an entry larger than maxBytes is not kept at all. Entries set
 * with `{ ttl }` (ms) are dropped once older; `now` replaces the clock TTLs are measured with (tests).
 */
export function byteBoundedCache<V extends {}>(
  maxBytes: number,
  /** What a value costs (its key is counted separately). */
  sizeOf: (value: V) => number,
  now?: () => number,
): ByteBoundedCache<V> {
  return new LRUCache<string, V>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => stringBytes(key) + sizeOf(value) + ENTRY_OVERHEAD,
    ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
  })
}
