// stats-service configuration: every environment variable it reads, validated once at start-up.
import { loadConfig, serviceBasics } from '@liftlog/service-kit'
import Type, { type Static } from 'typebox'

export const StatsConfigSchema = Type.Object({
  ...serviceBasics({
    port: 5000,
    database: 'read-only login (SELECT only), e.g. postgres://liftlog_stats:secret@127.0.0.1:5432/liftlog',
    withoutRedis: 'keeps the result cache in this process',
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
  STATS_CACHE_MAX_BYTES: Type.Integer({
    default: 67_108_864,
    minimum: 1_048_576,
    description: 'memory bound of the in-process cache used when REDIS_URL is unset, bytes (64 MiB)',
  }),
})

export type StatsConfig = Static<typeof StatsConfigSchema>

export function loadStatsConfig(env: NodeJS.ProcessEnv = process.env): StatsConfig {
  return loadConfig(StatsConfigSchema, env)
}
