// Turns a postgres:// URL into the discrete settings pg and Prisma's driver adapter want.
// Discrete fields (not connectionString) matter: pg lets a connectionString override an explicit
// `database`, which would silently point a cloned or shadow connection at the original database.

export interface PgSettings {
  host: string
  port: number
  user: string
  password?: string
  database: string
  ssl?: boolean
}

export function parseDatabaseUrl(databaseUrl: string): PgSettings {
  const url = new URL(databaseUrl)
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`expected a postgres:// URL, got "${url.protocol}"`)
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!database) throw new Error('the URL names no database (postgres://user@host:5432/<database>)')
  const sslmode = url.searchParams.get('sslmode')
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database,
    ...(sslmode && sslmode !== 'disable' ? { ssl: true } : {}),
  }
}
