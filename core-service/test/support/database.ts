// Gives each test file a database of its own on the machine's real PostgreSQL, so files run in parallel
// and never see each other's rows. A migrated and seeded template is built once per migrations+catalog
// version (under an advisory lock, so parallel files build it once) and cloned per file in ~100 ms.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { exerciseCatalog } from '../../src/db/catalog.ts'
import { parseDatabaseUrl, withDatabase } from '../../src/db/connection.ts'
import {
  ensureReadonlyLogin,
  revokePublicTemporary,
  seedDatabase,
  withAdminClient,
} from '../../src/db/database.ts'
import { applyMigrations, migrationsDir } from '../../src/db/schema-engine.ts'

/** The server tests run against: TEST_DATABASE_URL, else the machine's PostgreSQL on 127.0.0.1:5432. */
export const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** The login stats-service tests connect as: a member of the read-only role, like production. */
export const READONLY_TEST_USER = 'liftlog_stats_test'
const TEMPLATE_LOCK = 42_4242

export interface TestDatabase {
  /** Owner connection, as core-service uses. */
  url: string
  /** SELECT-only connection, as stats-service uses. */
  readonlyUrl: string
  name: string
  drop(): Promise<void>
}

function templateName(): string {
  const hash = createHash('sha256')
  for (const dir of fs.readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, dir, 'migration.sql')
    if (fs.existsSync(file)) hash.update(dir).update(fs.readFileSync(file))
  }
  hash.update(JSON.stringify(exerciseCatalog))
  return `liftlog_tpl_${hash.digest('hex').slice(0, 12)}`
}

async function ensureTemplate(admin: pg.Client, template: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK])
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [
      template,
    ])
    if (found.rowCount) return
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(template)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`)
    const templateUrl = withDatabase(testServerUrl, template)
    await applyMigrations(templateUrl)
    await seedDatabase(templateUrl)
    await ensureReadonlyLogin(templateUrl, READONLY_TEST_USER)
    // Marked last: a template only counts once it is complete. Engine pools must be gone before cloning.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [template],
    )
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(template)} WITH IS_TEMPLATE true`)
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK])
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateName()
  const name = `liftlog_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await withAdminClient(testServerUrl, async (admin) => {
    await ensureTemplate(admin, template)
    await admin.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`,
    )
  })
  const url = withDatabase(testServerUrl, name)
  // A clone does not inherit database rights; provisioning does this after every deploy too.
  const client = new pg.Client(parseDatabaseUrl(url))
  await client.connect()
  try {
    await revokePublicTemporary(client)
  } finally {
    await client.end()
  }
  const readonly = new URL(url)
  readonly.username = READONLY_TEST_USER
  readonly.password = ''
  return {
    url,
    readonlyUrl: readonly.toString(),
    name,
    drop: () =>
      withAdminClient(testServerUrl, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
      }),
  }
}

/** A plain pg client on a test database, for asserting what is (and is not) stored. */
export async function queryDatabase<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
) {
  const client = new pg.Client(parseDatabaseUrl(url))
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}
