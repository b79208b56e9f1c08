// The session store when REDIS_URL is unset: sessions in PostgreSQL (table `sessions`), so restarting
// core signs nobody out. Same contract as the Redis store: the JSON of the session, expiring with its
// cookie (each save pushes the expiry forward), gone on destroy.
import { createHash } from 'node:crypto'
import type { SessionStore } from '@fastify/session'
import type { PrismaClient } from '../generated/prisma/client.ts'

type StoredSession = Parameters<SessionStore['set']>[1]
type Callback = (err?: unknown) => void

/** Expired rows are filtered on every read; deleting them is housekeeping, done every this many saves. */
const SWEEP_EVERY_WRITES = 500

/** Only the hash is stored: someone reading the table (or a backup) learns no usable session id. */
function idHash(id: string): string {
  return createHash('sha256').update(id).digest('hex')
}

export class PostgresSessionStore implements SessionStore {
  private writes = 0
  constructor(
    private readonly prisma: PrismaClient,
    private readonly idleSeconds: number,
  ) {}

  private expiry(session: StoredSession): Date {
    const cookieExpiry = session.cookie?.expires ? new Date(session.cookie.expires).getTime() : Number.NaN
    const fallback = Date.now() + this.idleSeconds * 1000
    return new Date(Number.isFinite(cookieExpiry) && cookieExpiry > Date.now() ? cookieExpiry : fallback)
  }

  set(id: string, session: StoredSession, callback: Callback) {
    const row = { data: JSON.stringify(session), expiresAt: this.expiry(session) }
    const sweep =
      this.writes++ % SWEEP_EVERY_WRITES === 0
        ? this.prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } })
        : Promise.resolve()
    Promise.all([
      this.prisma.session.upsert({
        where: { idHash: idHash(id) },
        create: { idHash: idHash(id), ...row },
        update: row,
      }),
      sweep,
    ]).then(() => callback(), callback)
  }

  get(id: string, callback: (err: unknown, result?: StoredSession | null) => void) {
    this.prisma.session
      .findFirst({ where: { idHash: idHash(id), expiresAt: { gt: new Date() } }, select: { data: true } })
      .then((row) => callback(null, row ? (JSON.parse(row.data) as StoredSession) : null), callback)
  }

  destroy(id: string, callback: Callback) {
    this.prisma.session.deleteMany({ where: { idHash: idHash(id) } }).then(() => callback(), callback)
  }
}
