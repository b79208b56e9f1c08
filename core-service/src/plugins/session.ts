// Server-side sessions: @fastify/cookie + @fastify/session, stored in Redis when configured (any replica
// serves any lifter; logout really ends the session) or in PostgreSQL otherwise (they survive a restart). The cookie is
// HttpOnly, SameSite=Lax, signed with SECRET_KEY, Secure whenever the request is HTTPS (request.protocol,
// which honours X-Forwarded-Proto only from proxies TRUST_PROXY trusts); it expires after
// SESSION_IDLE_MINUTES without a request (to the minute).
//
// Redis down or hung: every request that needs a session (it has a cookie, or it posts a form) gets a 503
// "sign-in is temporarily unavailable" page with Retry-After within about half a second (the Redis command
// timeout), never a raw 500 or a misleading CSRF refusal; signed-out pages still render; once Redis answers
// again sessions work again, without a restart.
import fastifyCookie from '@fastify/cookie'
import fastifySession, { type SessionStore } from '@fastify/session'
import { redisReady } from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { PostgresSessionStore } from '../accounts/postgres-session-store.ts'
import { signInUnavailable } from '../errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** False while the session store cannot be used (Redis away, or a command just failed). */
    sessionsAvailable(): boolean
  }
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

/** After a failed command, the store counts as unavailable this long (so a hung Redis is paid once). */
const FAILURE_MEMORY_MS = 2_000

/**
 * Sessions as JSON under session:<id>, expiring with the cookie (each save pushes the TTL forward). Any
 * Redis failure becomes the catalogued 503; a guest's session (only a form's CSRF secret) that cannot be
 * saved is dropped instead, so a signed-out page still renders — submitting it then gets the 503.
 */
class RedisSessionStore implements SessionStore {
  #failedAt = 0
  constructor(
    private readonly redis: Redis,
    private readonly idleSeconds: number,
    private readonly log: FastifyInstance['log'],
  ) {}
  available() {
    return redisReady(this.redis) && Date.now() - this.#failedAt > FAILURE_MEMORY_MS
  }
  set(id: string, session: StoredSession, callback: Callback) {
    const guest = !(session as { userId?: string }).userId
    if (!redisReady(this.redis)) return this.#failed(new Error('redis not connected'), callback, guest)
    this.redis
      .set(`session:${id}`, JSON.stringify(session), 'EX', ttlSeconds(session, this.idleSeconds))
      .then(
        () => callback(),
        (err) => this.#failed(err, callback, guest),
      )
  }
  get(id: string, callback: (err: unknown, result?: StoredSession | null) => void) {
    if (!redisReady(this.redis)) return this.#failed(new Error('redis not connected'), callback)
    this.redis.get(`session:${id}`).then(
      (value) => callback(null, value ? (JSON.parse(value) as StoredSession) : null),
      (err) => this.#failed(err, callback),
    )
  }
  destroy(id: string, callback: Callback) {
    if (!redisReady(this.redis)) return this.#failed(new Error('redis not connected'), callback)
    this.redis.del(`session:${id}`).then(
      () => callback(),
      (err) => this.#failed(err, callback),
    )
  }
  #failed(err: unknown, callback: Callback, forgiven = false) {
    this.#failedAt = Date.now()
    this.log.warn({ err: (err as Error).message }, 'session store unavailable')
    if (forgiven) callback()
    else callback(signInUnavailable())
  }
}

async function sessionPlugin(fastify: FastifyInstance, options: SessionOptions) {
  const idleSeconds = options.idleMinutes * 60
  const redisStore = fastify.redis ? new RedisSessionStore(fastify.redis, idleSeconds, fastify.log) : null
  fastify.decorate('sessionsAvailable', () => redisStore?.available() ?? true)
  // The secret also signs the sign-in device cookie (src/routes/accounts.ts).
  await fastify.register(fastifyCookie, { secret: options.secret })
  await fastify.register(fastifySession, {
    secret: options.secret,
    cookieName: SESSION_COOKIE,
    store: redisStore ?? new PostgresSessionStore(fastify.prisma, idleSeconds),
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
