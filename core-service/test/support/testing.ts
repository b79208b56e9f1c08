// What other workspaces' tests use of core's test support (package export "./testing").
export { aggregateDifferences } from './aggregates.ts'
export * from './database.ts'
export { deleteRedisKeys } from './redis.ts'
