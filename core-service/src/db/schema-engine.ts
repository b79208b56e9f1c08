// Prisma's schema engine (the WebAssembly build) driven through the pg driver adapter, so migrations
// apply and new ones are authored with no engine binary and no network. It records _prisma_migrations
// exactly as `prisma migrate deploy` does, so production images can use the CLI unchanged.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import pg from 'pg'
import { type PgSettings, parseDatabaseUrl } from './connection.ts'

export const prismaDir = fileURLToPath(new URL('../../prisma/', import.meta.url))
export const schemaPath = path.join(prismaDir, 'schema.prisma')
export const migrationsDir = path.join(prismaDir, 'migrations')
const filters = { externalTables: [], externalEnums: [] }

// Node has WebAssembly; the TypeScript lib set here (no DOM) does not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

// The package's entry imports the .wasm file as an ES module, which Node cannot load; instantiate it
// by hand, once per process.
let wasmReady = false
function loadWasm(): void {
  if (wasmReady)
    return // The engine reports a Rust panic through this global before it traps; keep the message for the error.
  ;(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      process.stderr.write(`prisma schema engine panicked: ${message}\n`)
    },
  }
  const require = createRequire(import.meta.url)
  const wasmFile = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm')),
    'schema_engine_bg.wasm',
  )
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {
    './schema_engine_bg.js': wasmBindings,
  })
  const exports = instance.exports as unknown as { __wbindgen_start?: () => void }
  ;(wasmBindings as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports)
  exports.__wbindgen_start?.()
  wasmReady = true
}

// The engine describes a database by reading pg_catalog, whose columns include PostgreSQL's internal
// one-byte "char" type (OID 18, e.g. pg_constraint.contype). @prisma/adapter-pg 7.10 has no mapping for
// it, while the engine expects the Character column type there; report those columns as Character.
const PG_CHAR_OID = 18
const PG_TEXT_OID = 25
type Adapter = Awaited<ReturnType<PrismaPg['connect']>>
type PgResult = { fields: { dataTypeID: number }[] }
function readCharColumns(adapter: Adapter): void {
  const internals = adapter as unknown as { performIO(query: unknown): Promise<PgResult> }
  const performIO = internals.performIO.bind(adapter)
  const queryRaw = adapter.queryRaw
  adapter.queryRaw = async (query) => {
    const charColumns: number[] = []
    // A per-call view of the adapter whose performIO remembers which columns were "char".
    const view = Object.create(adapter, {
      performIO: {
        value: async (q: unknown) => {
          const result = await performIO(q)
          result.fields.forEach((field, index) => {
            if (field.dataTypeID === PG_CHAR_OID) {
              charColumns.push(index)
              field.dataTypeID = PG_TEXT_OID
            }
          })
          return result
        },
      },
    })
    const result = await queryRaw.call(view, query)
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character
    return result
  }
}

let lastScriptError: unknown = null

// The adapter's executeScript splits a migration on every ";" (even inside comments and DO $$ blocks).
// The native engine behind `prisma migrate deploy` sends the whole file at once, in PostgreSQL's simple
// query protocol; do the same so one migration.sql behaves identically in both.
async function connectAdapter(settings: PgSettings) {
  // allowExitOnIdle: the engine never closes its adapter, and an idle pool must not hold the process open.
  const pool = new pg.Pool({ ...settings, allowExitOnIdle: true })
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect()
  readCharColumns(adapter)
  const internals = adapter as unknown as { onError(error: unknown): never }
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script)
    } catch (error) {
      // The engine reports only "external connector error"; keep PostgreSQL's own words for the caller.
      lastScriptError = error
      internals.onError(error)
    }
  }
  return adapter
}

// PrismaPg's own shadow database drops the database before closing its pool, which PostgreSQL refuses
// while the pool is still connected; this factory closes first and drops with FORCE.
function adapterFactory(settings: PgSettings) {
  const main = new PrismaPg(settings)
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => connectAdapter(settings),
    async connectToShadowDb() {
      const shadow = `liftlog_shadow_${process.pid}_${Date.now()}`
      await runAdmin(settings, `CREATE DATABASE "${shadow}"`)
      const adapter = await connectAdapter({ ...settings, database: shadow })
      const dispose = adapter.dispose.bind(adapter)
      adapter.dispose = async () => {
        await dispose()
        await runAdmin(settings, `DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`)
      }
      return adapter
    },
  }
}

async function runAdmin(settings: PgSettings, sql: string): Promise<void> {
  const client = new pg.Client(settings)
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

interface Engine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>
  markMigrationApplied(input: unknown): Promise<unknown>
  markMigrationRolledBack(input: unknown): Promise<unknown>
}

async function openEngine(databaseUrl: string, schemaText: string): Promise<Engine> {
  loadWasm()
  const log = (line: string) => {
    if (process.env.PRISMA_ENGINE_LOG) process.stderr.write(`${line}\n`)
  }
  const bindings = wasmBindings as unknown as {
    SchemaEngine: { new: (o: unknown, log: unknown, adapter: unknown) => Promise<Engine> }
  }
  return bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory(parseDatabaseUrl(databaseUrl)) as never),
  )
}

/** The migration folder names in `dir`, oldest first (the order they apply in). */
export function migrationNames(dir = migrationsDir): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : []
}

function migrationList(dir: string) {
  const lockfilePath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: {
      path: lockfilePath,
      content: fs.existsSync(lockfilePath)
        ? fs.readFileSync(lockfilePath, 'utf8')
        : 'provider = "postgresql"\n',
    },
    shadowDbInitScript: '',
    migrationDirectories: migrationNames(dir).map((name) => {
      const file = path.join(dir, name, 'migration.sql')
      return {
        // The engine records this as migration_name, which the CLI writes as the bare folder name.
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok', value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error', value: 'missing migration.sql' },
        },
      }
    }),
  }
}

/**
 * Whether every migration folder is already recorded as applied, with the checksum the engine records
 * (sha256 of migration.sql). Then the engine, which takes seconds to load, is not needed at all — the
 * case of every restart of `npm start`. Anything else (a new folder, a failed or edited migration)
 * goes to the engine, which decides.
 */
export async function migrationsApplied(databaseUrl: string, dir = migrationsDir): Promise<boolean> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl))
  await client.connect()
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS found")
    if (!table.rows[0]?.found) return false
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]))
    const folders = migrationList(dir).migrationDirectories
    if (recorded.size !== rows.length || recorded.size !== folders.length) return false
    return folders.every(({ path: name, migrationFile }) => {
      const content = migrationFile.content
      const checksum = content.tag === 'ok' ? createHash('sha256').update(content.value).digest('hex') : ''
      return recorded.get(name) === checksum
    })
  } finally {
    await client.end()
  }
}

/** PostgreSQL's message, with its detail and hint, on one line. */
function describeSqlError(error: unknown): string {
  const e = error as { message?: string; detail?: string; hint?: string; code?: string }
  return [
    e.message,
    e.detail && `detail: ${e.detail}`,
    e.hint && `hint: ${e.hint}`,
    e.code && `(SQLSTATE ${e.code})`,
  ]
    .filter(Boolean)
    .join('; ')
}

/**
 * Applies every migration not yet recorded in _prisma_migrations; returns the names it applied. A
 * migration whose SQL fails is recorded as failed (as the Prisma CLI does) and the error names it and
 * carries PostgreSQL's message; `migrate status` shows it, `migrate resolve` clears it.
 */
export async function applyMigrations(databaseUrl: string, dir = migrationsDir): Promise<string[]> {
  if (await migrationsApplied(databaseUrl, dir)) return []
  const engine = await openEngine(databaseUrl, fs.readFileSync(schemaPath, 'utf8'))
  lastScriptError = null
  try {
    const result = await engine.applyMigrations({ migrationsList: migrationList(dir), filters })
    return result.appliedMigrationNames
  } catch (error) {
    if (!lastScriptError) throw error
    const failed = (await migrationStatus(databaseUrl, dir)).find((m) => m.state === 'failed')
    throw new Error(
      `migration ${failed?.name ?? '(unknown)'} failed: ${describeSqlError(lastScriptError)}. ` +
        'Fix the cause, then `migrate resolve --rolled-back <name>` (nothing of it applied: PostgreSQL ' +
        'ran it in one transaction) or `--applied <name>` (you finished it by hand), and migrate again.',
    )
  }
}

export type MigrationState = 'applied' | 'pending' | 'failed' | 'rolled back'
export interface MigrationRecord {
  name: string
  state: MigrationState
  /** For a failed migration: the error the engine recorded. */
  logs?: string
}

/**
 * Every migration folder with its state in _prisma_migrations (a failed attempt later rolled back and
 * re-applied counts as applied), plus recorded names no folder matches (state from the table).
 */
export async function migrationStatus(databaseUrl: string, dir = migrationsDir): Promise<MigrationRecord[]> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl))
  await client.connect()
  try {
    const table = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`)
    const rows: {
      migration_name: string
      finished_at: Date | null
      rolled_back_at: Date | null
      logs: string | null
    }[] = table.rows[0]?.present
      ? (
          await client.query(
            'SELECT migration_name, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at',
          )
        ).rows
      : []
    const stateOf = (name: string): MigrationRecord => {
      const attempts = rows.filter((r) => r.migration_name === name)
      if (attempts.some((r) => r.finished_at && !r.rolled_back_at)) return { name, state: 'applied' }
      const open = attempts.find((r) => !r.finished_at && !r.rolled_back_at)
      if (open) return { name, state: 'failed', logs: open.logs ?? '' }
      return { name, state: attempts.length ? 'rolled back' : 'pending' }
    }
    const folders = migrationNames(dir)
    const unknown = [...new Set(rows.map((r) => r.migration_name))].filter((n) => !folders.includes(n))
    return [...folders, ...unknown].map(stateOf)
  } finally {
    await client.end()
  }
}

/**
 * `migrate resolve`: records a failed migration as rolled back (it will be applied afresh next time) or
 * as applied (an operator finished it by hand), exactly as `prisma migrate resolve` does.
 */
export async function resolveMigration(
  databaseUrl: string,
  name: string,
  as: 'applied' | 'rolled-back',
  dir = migrationsDir,
): Promise<void> {
  const engine = await openEngine(databaseUrl, fs.readFileSync(schemaPath, 'utf8'))
  if (as === 'rolled-back') await engine.markMigrationRolledBack({ migrationName: name })
  else await engine.markMigrationApplied({ migrationName: name, migrationsList: migrationList(dir) })
}

/**
 * The SQL that would bring a database built from the migrations folder up to `schemaText`, or '' when
 * they agree. Needs a server where it may create (and then drop) a scratch shadow database.
 */
export async function pendingSchemaChange(
  databaseUrl: string,
  schemaText = fs.readFileSync(schemaPath, 'utf8'),
): Promise<string> {
  const engine = await openEngine(databaseUrl, schemaText)
  const result = await engine.diff({
    from: { tag: 'migrations', ...migrationList(migrationsDir) },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] },
    script: true,
    exitCode: true,
    filters,
  })
  // exitCode 2 means "there is a difference"; 0 means the two agree.
  return result.exitCode === 2 ? (result.stdout ?? '') : ''
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql for the schema change; null when none. */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  const sql = await pendingSchemaChange(databaseUrl)
  if (!sql.trim()) return null
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const folder = path.join(migrationsDir, `${stamp}_${name.replace(/\W+/g, '_').toLowerCase()}`)
  fs.mkdirSync(folder, { recursive: true })
  fs.writeFileSync(path.join(folder, 'migration.sql'), sql)
  const lockfilePath = path.join(migrationsDir, 'migration_lock.toml')
  if (!fs.existsSync(lockfilePath)) {
    fs.writeFileSync(
      lockfilePath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    )
  }
  return folder
}
