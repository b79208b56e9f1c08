// stats-service as a Fastify plugin: infrastructure first, then the token-protected /v1 routes.
import {
  countingRulesMarkdown,
  errorHandler,
  healthRoutes,
  metrics,
  openApi,
  redis,
} from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'
import sql from 'sql-template-tag'
import type { StatsConfig } from './config.ts'
import database from './plugins/database.ts'
import resultCache from './plugins/result-cache.ts'
import v1Routes from './routes/v1.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Current instant; tests pin it to place "today" around midnights and DST switches. */
    clock: () => Date
  }
}

export interface AppOptions {
  config: StatsConfig
  clock?: () => Date
}

const API_DESCRIPTION = `Read-only training analytics for LiftLog, reached only by core-service.

Every /v1 request needs the shared secret in \`x-internal-token\` (401 otherwise); core passes the user id in
the path and its request id in \`x-request-id\`. Only GET is allowed (405 otherwise).

- **Dates** are the lifter's local calendar dates (YYYY-MM-DD). Buckets, periods and calendar days use
  \`workouts.local_date\`, the local date fixed when the workout was logged — the same date core's calendar shows —
  so history does not move when a lifter changes time zone. "Today", "this week", "this month" and default ranges
  are computed in the lifter's current zone (luxon). Weeks are ISO weeks (Monday first).
- **Weights** are kilograms in every \`...Kg\` field; \`unit\` says what core should display.
- **Unknown lifter**: empty results (zeros, empty arrays), timeZone UTC, unit kg.
- **Freshness**: answers are cached (Redis or in-process) under a key holding the lifter's \`data_version\`, which core
  bumps in the same transaction as every write, so the next request after a write is always computed afresh.

## How LiftLog counts

${countingRulesMarkdown()}`

export default async function app(fastify: FastifyInstance, { config, clock }: AppOptions) {
  fastify.decorate('clock', clock ?? (() => new Date()))
  await fastify.register(errorHandler)
  await fastify.register(openApi, {
    title: 'LiftLog stats API',
    description: API_DESCRIPTION,
    version: '1.0.0',
    tags: [
      { name: 'stats', description: 'Per-lifter analytics' },
      { name: 'time', description: 'Time in a zone' },
      { name: 'operations', description: 'Health and readiness for orchestrators' },
    ],
    securitySchemes: { internalToken: { type: 'apiKey', in: 'header', name: 'x-internal-token' } },
  })
  await fastify.register(metrics, { service: 'stats' })
  await fastify.register(database, { databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })
  await fastify.register(redis, { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX })
  await fastify.register(resultCache, {
    ttlSeconds: config.STATS_CACHE_TTL_SECONDS,
    maxBytes: config.STATS_CACHE_MAX_BYTES,
  })

  await fastify.register(healthRoutes, {
    checks: {
      database: () => fastify.db.rows(sql`SELECT 1`),
      ...(fastify.redis ? { redis: () => fastify.redis!.ping() } : {}),
    },
  })
  await fastify.register(v1Routes, { prefix: '/v1', token: config.STATS_TOKEN })
}
