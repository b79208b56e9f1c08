// Dependency outages as answers, not crashes: errors that mean "the database (or another dependency) is
// temporarily unavailable" become 503 with Retry-After, and readiness describes a failure in one line
// without the driver's raw text. Duck-typed, so service-kit needs neither Prisma nor pg.

/** Bounds for serving stats-service's requests from PostgreSQL (pg Pool options): a stopped or hung server
 * costs a request about a second to find out. Longer than core waits for stats, on purpose: a slow first
 * answer over a long history still finishes and fills stats' result cache for the next view. */
export const DATABASE_REQUEST_TIMEOUTS = {
  /** Waiting for a connection, from the pool or a new one. */
  connectionTimeoutMillis: 1_000,
  /** Server-side: PostgreSQL cancels a statement running longer. */
  statement_timeout: 2_000,
  /** Client-side: also covers a server that does not answer at all (paused, partitioned). */
  query_timeout: 2_500,
} as const

/** Bounds for core-service, whose pages must answer within 1 s whatever PostgreSQL does: every core query is
 * a small indexed read or a short write (exports page through sets), so 800 ms is already a fault. */
export const PAGE_DATABASE_TIMEOUTS = {
  connectionTimeoutMillis: 500,
  statement_timeout: 700,
  query_timeout: 800,
} as const

/** Seconds an unavailable answer tells the caller to wait. */
export const RETRY_AFTER_SECONDS = 5

/** An error that answers 503 with its own code and message, and Retry-After. */
export interface UnavailableError extends Error {
  statusCode: 503
  code: string
  retryAfterSeconds: number
}

export function isUnavailableError(error: unknown): error is UnavailableError {
  const e = error as Partial<UnavailableError> | null
  return e?.statusCode === 503 && typeof e.retryAfterSeconds === 'number' && typeof e.code === 'string'
}

// Prisma: can't reach / timed out / closed / pool timeout / too many connections.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037'])
// Driver adapter error kinds for the same.
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
  'TransactionAlreadyClosed',
])
// SQLSTATE: 08 connection exception, 57014 canceled (statement timeout), 57P01–57P05 shutdown/cannot
// connect now, 53300 too many connections.
const SQLSTATE = /^(08...|57014|57P0[1-5]|53300)$/
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout/i

/** Everything an error says about itself, walking its causes and Prisma's wrapped driver error. */
function* layers(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 5) return
  const e = error as Record<string, unknown>
  yield e
  yield* layers(e.cause, depth + 1)
  yield* layers((e.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1)
}

/** True when the error means PostgreSQL is unreachable, too slow, or shutting down — not a bug. */
export function isDatabaseOutage(error: unknown): boolean {
  for (const e of layers(error)) {
    const code = typeof e.code === 'string' ? e.code : undefined
    const original = typeof e.originalCode === 'string' ? e.originalCode : undefined
    if (code && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code))) return true
    if (original && SQLSTATE.test(original)) return true
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
    if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true
  }
  return false
}

/** One line for /ready: what kind of failure, never the driver's (multi-line, host-revealing) text. */
export function describeFailure(error: unknown): string {
  if (error instanceof CheckTimeout) return error.message
  for (const e of layers(error)) {
    const code =
      (typeof e.originalCode === 'string' && e.originalCode) ||
      (typeof e.kind === 'string' && e.kind) ||
      (typeof e.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(e.code) && e.code) ||
      undefined
    if (code && !code.startsWith('P')) return `failing (${code})`
  }
  return isDatabaseOutage(error) ? 'failing (unreachable)' : 'failing'
}

/** A readiness check that did not answer in time (its message is safe to show). */
export class CheckTimeout extends Error {
  override name = 'CheckTimeout'
}
