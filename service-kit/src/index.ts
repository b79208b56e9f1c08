// @liftlog/service-kit: the pieces core-service and stats-service share.
export { ConfigError, configKeys, loadConfig, serviceBasics } from './config.ts'
export { type PgSettings, parseDatabaseUrl } from './database-url.ts'
export { type ErrorBody, ErrorResponse, errorHandler, toErrorBody } from './errors.ts'
export { type HealthOptions, healthRoutes, type ReadinessCheck } from './health.ts'
export { metrics } from './metrics.ts'
export { type OpenApiOptions, openApi } from './openapi.ts'
export { redis } from './redis.ts'
export { runServer, serverOptions } from './server.ts'
