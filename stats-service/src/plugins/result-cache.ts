// fastify.resultCache: Redis-backed when fastify.redis exists, else an in-process LRU, plus hit/miss
// counters on /metrics. A failing cache is logged and bypassed; it never fails a request, and a hung one
// costs a request at most LOOKUP_BUDGET_MS.
import { waitAtMost } from '@liftlog/service-kit'
import fp from 'fastify-plugin'
import { Counter } from 'prom-client'
import { MemoryCache, RedisCache, type ResultCache } from '../stats/result-cache.ts'

/** A cache read slower than this (Redis hung) counts as a miss: computing is cheaper than waiting. */
export const LOOKUP_BUDGET_MS = 50

/** The lookup's answer, or TaskCancelledError after LOOKUP_BUDGET_MS (counted and logged as an error). */
function withinBudget<T>(promise: Promise<T>): Promise<T> {
  return waitAtMost(LOOKUP_BUDGET_MS).execute(() => promise)
}

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
  async (fastify, options: { ttlSeconds: number; maxBytes: number }) => {
    const backend: ResultCache = fastify.redis
      ? new RedisCache(fastify.redis)
      : new MemoryCache(options.maxBytes)
    const lookups = new Counter({
      name: 'stats_cache_lookups_total',
      help: 'Result cache lookups by outcome (hit, miss, error)',
      labelNames: ['outcome'] as const,
      registers: [fastify.metrics],
    })
    async function remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (options.ttlSeconds === 0) return compute()
      try {
        const hit = await withinBudget(backend.get(key))
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
