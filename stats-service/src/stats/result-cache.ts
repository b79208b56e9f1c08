// Where computed answers are kept: Redis when configured (shared by every replica), else an in-process LRU
// bounded by bytes. Keys carry the lifter's data_version, so entries never need deleting after a write —
// a write makes new keys and the old entries age out.
import { type ByteBoundedCache, byteBoundedCache, redisReady, stringBytes } from '@liftlog/service-kit'
import type { Redis } from 'ioredis'

export interface ResultCache {
  readonly kind: 'redis' | 'memory'
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
}

/** Least-recently-used, bounded by bytes, with per-entry expiry. */
export class MemoryCache implements ResultCache {
  readonly kind = 'memory'
  readonly #entries: ByteBoundedCache<string>

  constructor(
    readonly maxBytes: number,
    /** The clock expiry is measured with (ms); lru-cache's own (performance.now) by default. */
    now?: () => number,
  ) {
    this.#entries = byteBoundedCache(maxBytes, stringBytes, now)
  }

  get size(): number {
    return this.#entries.size
  }
  get bytes(): number {
    return this.#entries.calculatedSize
  }

  async get(key: string): Promise<string | undefined> {
    return this.#entries.get(key)
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.#entries.set(key, value, { ttl: ttlSeconds * 1000 })
  }
}

export class RedisCache implements ResultCache {
  readonly kind = 'redis'
  constructor(readonly redis: Redis) {}

  // While Redis is away the cache is skipped at once (remember() also bounds a hung Redis).
  async get(key: string): Promise<string | undefined> {
    if (!redisReady(this.redis)) return undefined
    return (await this.redis.get(key)) ?? undefined
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!redisReady(this.redis)) return
    await this.redis.set(key, value, 'EX', ttlSeconds)
  }
}

/** endpoint + user + data_version + everything else the answer depends on, in a fixed order. */
export function cacheKey(parts: {
  endpoint: string
  userId: string
  dataVersion: number
  timeZone: string
  unit: string
  today: string
  query: Record<string, unknown>
}): string {
  const query = Object.keys(parts.query)
    .filter((k) => parts.query[k] !== undefined)
    .sort()
    .map((k) => `${k}=${String(parts.query[k])}`)
    .join('&')
  // today: "this week", default ranges and recent PRs move at local midnight even without a write.
  return `stats:${parts.endpoint}:${parts.userId}:v${parts.dataVersion}:${parts.timeZone}:${parts.unit}:${parts.today}:${query}`
}
