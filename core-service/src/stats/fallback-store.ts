// Last good stats answer per lifter and query, served (marked stale) when stats is unavailable: in Redis
// when configured, so every core replica can fall back to what any of them saw, else an in-memory LRU
// bounded by bytes.
import { type ByteBoundedCache, byteBoundedCache, redisReady, stringBytes } from '@liftlog/service-kit'
import type { Redis } from 'ioredis'

export interface LastGood {
  /** The raw JSON text stats answered (already validated against the contract). */
  json: string
  /** When core received it (epoch ms). */
  fetchedAt: number
}

export interface FallbackStore {
  readonly kind: 'redis' | 'memory'
  get(key: string): Promise<LastGood | null>
  set(key: string, value: LastGood): Promise<void>
}

/** Least-recently-used map with a byte bound and an age bound (from fetchedAt), for one process. */
export class MemoryFallbackStore implements FallbackStore {
  readonly kind = 'memory'
  readonly #entries: ByteBoundedCache<LastGood>

  constructor(
    readonly maxBytes: number,
    readonly ttlMs: number,
  ) {
    this.#entries = byteBoundedCache(maxBytes, (entry) => stringBytes(entry.json) + 16)
  }

  get size() {
    return this.#entries.size
  }
  get bytes() {
    return this.#entries.calculatedSize
  }

  async get(key: string) {
    return this.#entries.get(key) ?? null
  }

  async set(key: string, value: LastGood) {
    // The age bound counts from when core received the answer, not from when it was stored.
    const ttl = this.ttlMs - (Date.now() - value.fetchedAt)
    if (ttl > 0) this.#entries.set(key, value, { ttl })
    else this.#entries.delete(key)
  }
}

/** Shared across replicas; Redis expires entries itself, and its maxmemory policy bounds the total. */
export class RedisFallbackStore implements FallbackStore {
  readonly kind = 'redis'

  constructor(
    private readonly redis: Redis,
    readonly ttlSeconds: number,
    private readonly prefix = 'stats:last-good:',
  ) {}

  // While Redis is away these are skipped at once (the caller also bounds a hung Redis to ~50 ms).
  async get(key: string) {
    if (!redisReady(this.redis)) return null
    const raw = await this.redis.get(this.prefix + key)
    if (!raw) return null
    // Stored as "<fetchedAt>\n<json>" so the JSON is never parsed and re-serialised just to wrap it.
    const newline = raw.indexOf('\n')
    const fetchedAt = Number(raw.slice(0, newline))
    if (newline < 0 || !Number.isFinite(fetchedAt)) return null
    return { fetchedAt, json: raw.slice(newline + 1) }
  }

  async set(key: string, value: LastGood) {
    if (!redisReady(this.redis)) return
    await this.redis.set(this.prefix + key, `${value.fetchedAt}\n${value.json}`, 'EX', this.ttlSeconds)
  }
}
