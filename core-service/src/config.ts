// core-service configuration: every environment variable it reads, validated once at start-up.
import { loadConfig, serviceBasics } from '@liftlog/service-kit'
import Type, { type Static } from 'typebox'

export const CoreConfigSchema = Type.Object({
  ...serviceBasics({
    port: 25590,
    database: 'owner connection, e.g. postgres://liftlog:secret@127.0.0.1:5432/liftlog',
    withoutRedis: 'keeps sessions in PostgreSQL, limits and cache in this process',
  }),
  SECRET_KEY: Type.String({
    minLength: 32,
    description: 'at least 32 random characters; signs session cookies',
  }),
  STATS_URL: Type.String({
    default: 'http://127.0.0.1:5000',
    pattern: '^https?://',
    description: 'stats-service base URL',
  }),
  STATS_TOKEN: Type.String({
    minLength: 16,
    description: 'shared secret core sends to stats-service (16+ characters)',
  }),
  // Resilience policy for calls to stats. The defaults keep an API call within 1.5 s and a page within 1 s
  // whatever stats does: one attempt may take 1.2 s, retries only when they can still finish in time.
  STATS_ATTEMPT_TIMEOUT_MS: Type.Integer({
    default: 1200,
    minimum: 50,
    maximum: 60000,
    description: 'per-attempt timeout for a stats call, ms',
  }),
  STATS_RETRY_ATTEMPTS: Type.Integer({
    default: 3,
    minimum: 1,
    maximum: 10,
    description: 'attempts per idempotent GET, including the first',
  }),
  STATS_RETRY_BACKOFF_MS: Type.Integer({
    default: 200,
    minimum: 0,
    maximum: 10000,
    description: 'first retry delay, doubled each retry, with jitter',
  }),
  STATS_DEADLINE_MS: Type.Integer({
    default: 1300,
    minimum: 100,
    maximum: 120000,
    description: 'overall deadline for one stats call including retries and the fallback lookup, ms',
  }),
  STATS_PAGE_BUDGET_MS: Type.Integer({
    default: 800,
    minimum: 50,
    maximum: 120000,
    description: 'how long a page waits for stats before it shows the fallback, ms',
  }),
  STATS_BREAKER_THRESHOLD: Type.Integer({
    default: 5,
    minimum: 1,
    maximum: 1000,
    description: 'consecutive failed calls that open a circuit breaker',
  }),
  STATS_BREAKER_COOLDOWN_MS: Type.Integer({
    default: 30000,
    minimum: 100,
    maximum: 3600000,
    description: 'how long an open breaker waits before one half-open trial, ms',
  }),
  STATS_POOL_CONNECTIONS: Type.Integer({
    default: 16,
    minimum: 1,
    maximum: 1024,
    description: 'max keep-alive connections to stats per core process',
  }),
  STATS_CONNECTION_TTL_MS: Type.Integer({
    default: 5000,
    minimum: 1000,
    maximum: 600000,
    description: 'a stats connection is retired this long after it opened, so new replicas get traffic, ms',
  }),
  STATS_KEEPALIVE_TIMEOUT_MS: Type.Integer({
    default: 4000,
    minimum: 100,
    maximum: 600000,
    description: 'idle keep-alive before a stats connection is closed, ms',
  }),
  STATS_FALLBACK_MAX_BYTES: Type.Integer({
    default: 33554432,
    minimum: 1048576,
    description: 'memory bound of the last-good stats results kept when REDIS_URL is unset, bytes (32 MiB)',
  }),
  STATS_FALLBACK_TTL_SECONDS: Type.Integer({
    default: 604800,
    minimum: 60,
    maximum: 31536000,
    description: 'how long a last-good stats result may be served as stale data, s',
  }),
  TRUST_PROXY: Type.String({
    default: 'false',
    description:
      'false, true, a hop count, or comma-separated proxy addresses/CIDRs whose X-Forwarded-* to trust',
  }),
  SESSION_IDLE_MINUTES: Type.Integer({
    default: 20160,
    minimum: 5,
    description: 'sessions end after this much inactivity',
  }),
})

export type CoreConfig = Static<typeof CoreConfigSchema>

export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  return loadConfig(CoreConfigSchema, env)
}
