// Database URLs for core's tooling: parsing (shared with stats, in service-kit) and deriving URLs for
// another database or login on the same server.
export { type PgSettings, parseDatabaseUrl } from '@liftlog/service-kit'

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl)
  url.pathname = `/${encodeURIComponent(database)}`
  return url.toString()
}

export function withUser(databaseUrl: string, user: string, password?: string): string {
  const url = new URL(databaseUrl)
  url.username = encodeURIComponent(user)
  url.password = password ? encodeURIComponent(password) : ''
  return url.toString()
}
