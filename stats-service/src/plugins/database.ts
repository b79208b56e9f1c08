// fastify.db: a pg pool over the read-only login, for stats' SQL (parameterised queries built with
// sql-template-tag); ended when the app closes. No ORM here: stats only reads, with hand-written SQL, and
// Prisma's client cost 70–100 MB of RSS for that (its query compiler, a WebAssembly module embedded as a
// 4.4 MB string, loads even for raw queries; measured against pg alone, +15 MB).
import { DATABASE_REQUEST_TIMEOUTS, parseDatabaseUrl } from '@liftlog/service-kit'
import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import pg from 'pg'
import type { Sql } from 'sql-template-tag'

export interface Db {
  /** The rows of one read (`sql\`SELECT …\``); values are sent as parameters, never spliced in. */
  rows<T>(query: Sql): Promise<T[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

const DATE_OID = 1082
const INT8_OID = 20

/**
 * Column types as stats' queries expect them: a `date` is that calendar day at UTC midnight (pg's default
 * would use the process's zone), a bigint a JS bigint; everything else as pg reads it (numeric as an exact
 * decimal string, float8 and int4 as numbers).
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => new Date(`${value}T00:00:00Z`)
    if (oid === INT8_OID) return (value: string) => BigInt(value)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

export function createDb(
  databaseUrl: string,
  poolSize: number,
  log: Pick<FastifyBaseLogger, 'warn'>,
): { db: Db; end(): Promise<void> } {
  const pool = new pg.Pool({
    ...parseDatabaseUrl(databaseUrl),
    max: poolSize,
    // A stopped or hung PostgreSQL answers within about a second, far inside core's attempt timeout.
    ...DATABASE_REQUEST_TIMEOUTS,
    types,
  })
  // An idle client losing its connection (PostgreSQL restarted) must not crash the process; the next
  // query opens a new one. Said in the log, so an operator sees the database went away.
  pool.on('error', (err) => log.warn({ err: err.message }, 'an idle database connection failed'))
  return {
    db: { rows: async <T>(query: Sql) => (await pool.query(query.text, query.values)).rows as T[] },
    end: () => pool.end(),
  }
}

export default fp(
  async (fastify, options: { databaseUrl: string; poolSize: number }) => {
    const { db, end } = createDb(options.databaseUrl, options.poolSize, fastify.log)
    fastify.decorate('db', db)
    fastify.addHook('onClose', end)
  },
  { name: 'database' },
)
