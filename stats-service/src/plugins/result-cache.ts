// fastify.resultCache: Redis-backed when fastify.redis exists, else an in-process LRU, plus hit/miss
// counters on /metrics. A failing cache is logged and bypassed; it never fails a request.
import fp from 'fastify-plugin'
import { Counter } from 'prom-client'
import { MemoryCache, RedisCache, type ResultCache } from '../stats/result-cache.ts'

export interface CachedResults {
  backend: ResultCache
  /** The cached JSON for key, or compute(), store and return it. */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>
}

declare module 'fastify' {
  interface FastifyInstance {
    resultCache: CachedResults
  }
}

export default fp(
  async (fastify, options: { ttlSeconds: number; maxEntries: number }) => {
    const backend: ResultCache = fastify.redis
      ? new RedisCache(fastify.redis)
      : new MemoryCache(options.maxEntries)
    const lookups = new Counter({
      name: 'stats_cache_lookups_total',
      help: 'Result cache lookups by outcome (hit, miss, error)',
      labelNames: ['outcome'] as const,
      registers: [fastify.metrics],
    })
    async function remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (options.ttlSeconds === 0) return compute()
      try {
        const hit = await backend.get(key)
        if (hit !== undefined) {
          lookups.inc({ outcome: 'hit' })
          return JSON.parse(hit) as T
        }
        lookups.inc({ outcome: 'miss' })
      } catch (err) {
        lookups.inc({ outcome: 'error' })
        fastify.log.warn({ err }, 'result cache read failed; computing')
      }
      const value = await compute()
      backend.set(key, JSON.stringify(value), options.ttlSeconds).catch((err) => {
        fastify.log.warn({ err }, 'result cache write failed')
      })
      return value
    }
    fastify.decorate('resultCache', { backend, remember })
  },
  { name: 'result-cache', dependencies: ['redis', 'metrics'] },
)
