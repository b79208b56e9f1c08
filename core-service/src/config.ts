// core-service configuration: every environment variable it reads, validated once at start-up.
import { loadConfig } from '@liftlog/service-kit'
import Type, { type Static } from 'typebox'

export const CoreConfigSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', description: 'address to listen on' }),
  PORT: Type.Integer({ default: 25590, minimum: 1, maximum: 65535, description: 'TCP port, e.g. 25590' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
  ),
  DATABASE_URL: Type.String({
    pattern: '^postgres(ql)?://[^\\s/]+/[^\\s/?]+',
    description: 'owner connection, e.g. postgres://liftlog:secret@127.0.0.1:5432/liftlog',
  }),
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 100, description: 'connections per process' }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description: 'e.g. redis://127.0.0.1:6379/0; unset keeps sessions, limits and cache in this process',
    }),
  ),
  REDIS_KEY_PREFIX: Type.String({ default: 'liftlog:', description: 'prefix of every Redis key this service writes' }),
  SECRET_KEY: Type.String({ minLength: 32, description: 'at least 32 random characters; signs session cookies' }),
  STATS_URL: Type.String({ default: 'http://127.0.0.1:5000', pattern: '^https?://', description: 'stats-service base URL' }),
  STATS_TOKEN: Type.String({ minLength: 16, description: 'shared secret core sends to stats-service (16+ characters)' }),
  TRUST_PROXY: Type.String({
    default: 'false',
    description: 'false, true, a hop count, or comma-separated proxy addresses/CIDRs whose X-Forwarded-* to trust',
  }),
  SESSION_IDLE_MINUTES: Type.Integer({ default: 20160, minimum: 5, description: 'sessions end after this much inactivity' }),
})

export type CoreConfig = Static<typeof CoreConfigSchema>

export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  return loadConfig(CoreConfigSchema, env)
}
