// Server-side sessions: @fastify/cookie + @fastify/session, stored in Redis when configured (any replica
// serves any lifter; logout really ends the session) or in PostgreSQL otherwise (they survive a restart). The cookie is
// HttpOnly, SameSite=Lax, signed with SECRET_KEY, Secure whenever the request is HTTPS (request.protocol,
// which honours X-Forwarded-Proto only from proxies TRUST_PROXY trusts); it expires after
// SESSION_IDLE_MINUTES without a request (to the minute).
import fastifyCookie from '@fastify/cookie'
import fastifySession, { type SessionStore } from '@fastify/session'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { PostgresSessionStore } from '../accounts/postgres-session-store.ts'

declare module 'fastify' {
  interface Session {
    userId?: string
    flash?: string
    _csrf?: string
    /** Fingerprint of the password hash at sign-in; a password change ends every other session. */
    passwordStamp?: string
    /** Last time (ms) this signed-in session was marked active; refreshed at most once a minute. */
    seenAt?: number
  }
}

export interface SessionOptions {
  secret: string
  idleMinutes: number
}

export const SESSION_COOKIE = 'liftlog.sid'
const SEEN_RESOLUTION_MS = 60_000

type StoredSession = Parameters<SessionStore['set']>[1]
type Callback = (err?: unknown) => void

function ttlSeconds(session: StoredSession, fallbackSeconds: number): number {
  const expires = session.cookie?.expires ? new Date(session.cookie.expires).getTime() : Number.NaN
  const seconds = Math.ceil((expires - Date.now()) / 1000)
  return Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds
}

/** Sessions as JSON under session:<id>, expiring with the cookie (each save pushes the TTL forward). */
class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly idleSeconds: number,
  ) {}
  set(id: string, session: StoredSession, callback: Callback) {
    this.redis
      .set(`session:${id}`, JSON.stringify(session), 'EX', ttlSeconds(session, this.idleSeconds))
      .then(() => callback(), callback)
  }
  get(id: string, callback: (err: unknown, result?: StoredSession | null) => void) {
    this.redis
      .get(`session:${id}`)
      .then((value) => callback(null, value ? (JSON.parse(value) as StoredSession) : null), callback)
  }
  destroy(id: string, callback: Callback) {
    this.redis.del(`session:${id}`).then(() => callback(), callback)
  }
}

/** In-process store with expiry (the library's default store never forgets an abandoned session). */
class MemorySessionStore implements SessionStore {
  // Stored as JSON, like the Redis store, so both behave the same (no shared mutable objects).
  private readonly sessions = new Map<string, { json: string; expiresAt: number }>()
  private writes = 0
  constructor(private readonly idleSeconds: number) {}
  set(id: string, session: StoredSession, callback: Callback) {
    const now = Date.now()
    if (++this.writes % 1000 === 0) {
      for (const [key, entry] of this.sessions) if (entry.expiresAt <= now) this.sessions.delete(key)
    }
    const expiresAt = now + ttlSeconds(session, this.idleSeconds) * 1000
    this.sessions.set(id, { json: JSON.stringify(session), expiresAt })
    callback()
  }
  get(id: string, callback: (err: unknown, result?: StoredSession | null) => void) {
    const entry = this.sessions.get(id)
    if (!entry || entry.expiresAt <= Date.now()) {
      this.sessions.delete(id)
      callback(null, null)
      return
    }
    callback(null, JSON.parse(entry.json) as StoredSession)
  }
  destroy(id: string, callback: Callback) {
    this.sessions.delete(id)
    callback()
  }
}

async function sessionPlugin(fastify: FastifyInstance, options: SessionOptions) {
  const idleSeconds = options.idleMinutes * 60
  await fastify.register(fastifyCookie)
  await fastify.register(fastifySession, {
    secret: options.secret,
    cookieName: SESSION_COOKIE,
    store: fastify.redis
      ? new RedisSessionStore(fastify.redis, idleSeconds)
      : new PostgresSessionStore(fastify.prisma, idleSeconds),
    // Guests get a session only once something is stored (the CSRF secret of a login or register form).
    saveUninitialized: false,
    // Idle expiry without a store write per request: the hook below marks a signed-in session as seen at
    // most once a minute, and that save pushes the cookie's and the store's expiry forward.
    rolling: false,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleSeconds * 1000 },
  })
  fastify.addHook('onRequest', async (request) => {
    const session = request.session
    if (!session?.userId) return
    const now = Date.now()
    if (!session.seenAt || now - session.seenAt >= SEEN_RESOLUTION_MS) session.seenAt = now
  })
}

export default fp(sessionPlugin, { name: 'session', dependencies: ['redis', 'prisma'] })
