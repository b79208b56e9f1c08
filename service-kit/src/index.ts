// @liftlog/service-kit: the pieces core-service and stats-service share.

export { type ByteBoundedCache, byteBoundedCache, stringBytes } from './byte-bounded-cache.ts'
export { ConfigError, configKeys, loadConfig, serviceBasics } from './config.ts'
export { COUNTING_RULES, type CountingRule, countingRulesMarkdown } from './counting-rules.ts'
export { type PgSettings, parseDatabaseUrl } from './database-url.ts'
export {
  type ErrorBody,
  ErrorCode,
  ErrorResponse,
  errorHandler,
  outageOf,
  toErrorBody,
} from './errors.ts'
export { type HealthOptions, healthRoutes, type ReadinessCheck } from './health.ts'
export { metrics } from './metrics.ts'
export { type OpenApiOptions, openApi } from './openapi.ts'
export { operatorServer } from './operator.ts'
export { COMMAND_TIMEOUT_MS, redis, redisReady } from './redis.ts'
export { runServer, serverOptions } from './server.ts'
export { isKnownTimeZone } from './time-zones.ts'
export {
  DATABASE_REQUEST_TIMEOUTS,
  describeFailure,
  isDatabaseOutage,
  isUnavailableError,
  PAGE_DATABASE_TIMEOUTS,
  RETRY_AFTER_SECONDS,
  type UnavailableError,
} from './unavailable.ts'
export { schemaCompilers } from './validation.ts'
export { TaskCancelledError, waitAtMost, withTimeout } from './wait-at-most.ts'
