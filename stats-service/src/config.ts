// stats-service configuration: every environment variable it reads, validated once at start-up.
import { loadConfig } from '@liftlog/service-kit'
import Type, { type Static } from 'typebox'

export const StatsConfigSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', description: 'address to listen on' }),
  PORT: Type.Integer({ default: 5000, minimum: 1, maximum: 65535, description: 'TCP port, e.g. 5000' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
  ),
  DATABASE_URL: Type.String({
    pattern: '^postgres(ql)?://[^\\s/]+/[^\\s/?]+',
    description: 'read-only login (SELECT only), e.g. postgres://liftlog_stats:secret@127.0.0.1:5432/liftlog',
  }),
  DATABASE_POOL_SIZE: Type.Integer({
    default: 10,
    minimum: 1,
    maximum: 100,
    description: 'connections per process',
  }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description: 'e.g. redis://127.0.0.1:6379/0; unset keeps the result cache in this process',
    }),
  ),
  REDIS_KEY_PREFIX: Type.String({
    default: 'liftlog:',
    description: 'prefix of every Redis key this service writes',
  }),
  STATS_TOKEN: Type.String({
    minLength: 16,
    description: 'shared secret core sends in x-internal-token (16+ characters)',
  }),
  STATS_CACHE_TTL_SECONDS: Type.Integer({
    default: 600,
    minimum: 0,
    maximum: 86_400,
    description:
      'how long a computed answer is kept (0 disables the cache); writes never wait for it, see /apidocs',
  }),
  STATS_CACHE_MAX_ENTRIES: Type.Integer({
    default: 2_000,
    minimum: 1,
    description: 'bound of the in-process cache used when REDIS_URL is unset',
  }),
})

export type StatsConfig = Static<typeof StatsConfigSchema>

export function loadStatsConfig(env: NodeJS.ProcessEnv = process.env): StatsConfig {
  return loadConfig(StatsConfigSchema, env)
}
