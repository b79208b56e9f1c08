// fastify.statsClient: the process's one stats client (pool, breakers, fallback store, metrics), closed on shutdown.
import fp from 'fastify-plugin'
import type { CoreConfig } from '../config.ts'
import { StatsClient } from '../stats/client.ts'
import { type FallbackStore, MemoryFallbackStore, RedisFallbackStore } from '../stats/fallback-store.ts'
import { StatsMetrics } from '../stats/metrics.ts'

declare module 'fastify' {
  interface FastifyInstance {
    statsClient: StatsClient
  }
}

export default fp(
  async (fastify, { config }: { config: CoreConfig }) => {
    const fallback: FallbackStore = fastify.redis
      ? new RedisFallbackStore(fastify.redis, config.STATS_FALLBACK_TTL_SECONDS)
      : new MemoryFallbackStore(config.STATS_FALLBACK_MAX_BYTES, config.STATS_FALLBACK_TTL_SECONDS * 1000)
    const client = new StatsClient({
      baseUrl: config.STATS_URL,
      token: config.STATS_TOKEN,
      policy: {
        attemptTimeoutMs: config.STATS_ATTEMPT_TIMEOUT_MS,
        attempts: config.STATS_RETRY_ATTEMPTS,
        backoffMs: config.STATS_RETRY_BACKOFF_MS,
        deadlineMs: config.STATS_DEADLINE_MS,
        breakerThreshold: config.STATS_BREAKER_THRESHOLD,
        breakerCooldownMs: config.STATS_BREAKER_COOLDOWN_MS,
      },
      pool: {
        connections: config.STATS_POOL_CONNECTIONS,
        connectionTtlMs: config.STATS_CONNECTION_TTL_MS,
        keepAliveTimeoutMs: config.STATS_KEEPALIVE_TIMEOUT_MS,
      },
      pageBudgetMs: config.STATS_PAGE_BUDGET_MS,
      fallback,
      metrics: new StatsMetrics(fastify.metrics),
      logger: fastify.log,
    })
    fastify.decorate('statsClient', client)
    fastify.addHook('onClose', async () => {
      await client.close()
    })
  },
  { name: 'stats-client', dependencies: ['metrics', 'redis'] },
)
