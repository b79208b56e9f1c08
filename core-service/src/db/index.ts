// What other workspaces (stats tests, e2e, the launcher) may use of core's database tooling.
export { createPrismaClient } from './client.ts'
export { parseDatabaseUrl, withDatabase, withUser } from './connection.ts'
export {
  ensureDatabase,
  ensureReadonlyLogin,
  prepareDatabase,
  READONLY_ROLE,
  seedDatabase,
} from './database.ts'
export {
  applyMigrations,
  migrationStatus,
  migrationsDir,
  pendingSchemaChange,
  resolveMigration,
} from './schema-engine.ts'
