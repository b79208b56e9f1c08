// Database housekeeping shared by the CLI, `npm start` and the tests: create a database if missing,
// migrate and seed it, and provision the read-only login stats-service uses.
import pg from 'pg'
import { createPrismaClient } from './client.ts'
import { parseDatabaseUrl, withDatabase } from './connection.ts'
import { applyMigrations } from './schema-engine.ts'
import { type SeedResult, seedCatalog } from './seed.ts'

/** The group role the initial migration grants SELECT to; stats logins are members of it. */
export const READONLY_ROLE = 'liftlog_readonly'

export async function withAdminClient<T>(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(parseDatabaseUrl(withDatabase(databaseUrl, 'postgres')))
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { database } = parseDatabaseUrl(databaseUrl)
  return withAdminClient(databaseUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (found.rowCount) return false
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
    return true
  })
}

export async function seedDatabase(databaseUrl: string): Promise<SeedResult> {
  const prisma = createPrismaClient(databaseUrl, 2)
  try {
    return await seedCatalog(prisma)
  } finally {
    await prisma.$disconnect()
  }
}

/** Creates (or updates the password of) a login role that can only read, for stats-service (see the
 * migration stats_login_read_only for what "only read" covers). */
export async function ensureReadonlyLogin(
  databaseUrl: string,
  user: string,
  password?: string,
): Promise<void> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl))
  await client.connect()
  try {
    const name = pg.escapeIdentifier(user)
    const pass = password ? ` PASSWORD ${pg.escapeLiteral(password)}` : ''
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])
    await client.query(
      exists.rowCount ? `ALTER ROLE ${name} LOGIN${pass}` : `CREATE ROLE ${name} LOGIN${pass}`,
    )
    await client.query(`GRANT ${READONLY_ROLE} TO ${name}`)
    // Per login (settings are not inherited from the group role): read-only unless a transaction asks.
    await client.query(`ALTER ROLE ${name} SET default_transaction_read_only = on`)
    await revokePublicTemporary(client)
  } finally {
    await client.end()
  }
}

/**
 * Takes the PUBLIC right to create temporary tables off the database (the owner keeps its own). The
 * migration does it too; a database right is not carried by a clone or a plain restore, so provisioning
 * the stats login repeats it.
 */
export async function revokePublicTemporary(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name')
  await client.query(`REVOKE TEMPORARY ON DATABASE ${pg.escapeIdentifier(rows[0]!.name)} FROM PUBLIC`)
}

export async function prepareDatabase(databaseUrl: string): Promise<{ applied: string[]; seed: SeedResult }> {
  await ensureDatabase(databaseUrl)
  const applied = await applyMigrations(databaseUrl)
  const seed = await seedDatabase(databaseUrl)
  return { applied, seed }
}
