// Who is calling: request.user from `Authorization: Bearer <personal API token>` or the session cookie;
// request.lifter, that user with their stores (lifter.ts); fastify.accounts, what guests may do (register,
// check a password); and fastify.requireUser, the onRequest hook routes/scopes.ts's `signedIn` puts on every
// route inside it. Unauthenticated, by the route's scope: API → 401 { statusCode, code: 'UNAUTHENTICATED',
// message }; pages → 303 /login?next=.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { resolveApiToken } from '../accounts/api-tokens.ts'
import { type CurrentUser, currentUserSelect } from '../accounts/current-user.ts'
import { firstDayOfWeek, twelveHourClock } from '../accounts/locale.ts'
import { guestAccounts } from '../accounts/users.ts'
import { Unauthenticated } from '../errors.ts'
import { localeFor } from '../i18n/locales.ts'
import { type Lifter, lifterOf } from '../lifter.ts'

export type { CurrentUser } from '../accounts/current-user.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in lifter, or null for guests. Set in onRequest, before any route hook runs. */
    user: CurrentUser | null
    /** How `user` was established: bearer requests are exempt from CSRF checks. */
    authMethod: 'session' | 'token' | null
    /**
     * The signed-in lifter with their stores (lifter.ts). Routes in a `signedIn` scope (routes/scopes.ts)
     * always have one; reading it where nobody is signed in throws Unauthenticated.
     */
    readonly lifter: Lifter
  }
  interface FastifyInstance {
    /** Used by routes/scopes.ts's `signedIn`; routes never name it (test/security/route-data-access). */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
    /** Registration and sign-in for guests: the only account functions not bound to a lifter. */
    accounts: ReturnType<typeof guestAccounts>
  }
}

/** A short fingerprint of the password hash: a session only lives as long as the password it began with. */
function passwordStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16)
}

/**
 * Signs `userId` in on a fresh session id (no fixation: whatever id a guest had is dropped). Also call it
 * after a password change: this session continues, every other session of the user ends.
 */
export async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  const row = await request.server.prisma.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true },
  })
  if (!row) throw new Unauthenticated('this account no longer exists')
  await request.session.regenerate()
  request.session.userId = userId
  request.session.passwordStamp = passwordStamp(row.passwordHash)
  request.session.seenAt = Date.now()
}

/** Ends the session server-side, so the old cookie is worthless even if someone kept a copy. */
export async function endSession(request: FastifyRequest): Promise<void> {
  await request.session.destroy()
}

async function authenticationPlugin(fastify: FastifyInstance) {
  fastify.decorateRequest('user', null)
  fastify.decorateRequest('authMethod', null)
  fastify.decorate('accounts', guestAccounts(fastify.prisma))
  const lifters = new WeakMap<FastifyRequest, Lifter>()
  fastify.decorateRequest('lifter', {
    getter(this: FastifyRequest): Lifter {
      const user = this.user
      if (!user) throw new Unauthenticated('sign in first')
      let lifter = lifters.get(this)
      if (!lifter) {
        lifter = lifterOf(fastify.prisma, user, fastify.clock, {
          twelveHour: twelveHourClock(this.headers['accept-language']),
          weekStart: firstDayOfWeek(this.headers['accept-language']),
          locale: localeFor(user.language, this.headers['accept-language']),
        })
        lifters.set(this, lifter)
      }
      return lifter
    },
  })

  fastify.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/static/')) return
    const header = request.headers.authorization
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      if (!match?.[1])
        throw new Unauthenticated('the Authorization header must be "Bearer <personal API token>"')
      const user = await resolveApiToken(fastify.prisma, match[1])
      if (!user) throw new Unauthenticated('this API token is unknown or was revoked')
      request.user = user
      request.authMethod = 'token'
      return
    }
    const userId = request.session?.userId
    if (!userId) return
    const row = await fastify.prisma.user.findUnique({
      where: { id: userId },
      select: { ...currentUserSelect, passwordHash: true },
    })
    if (!row || request.session.passwordStamp !== passwordStamp(row.passwordHash)) {
      // Deleted elsewhere, or the password changed since this session signed in: it is over.
      request.session.userId = undefined
      request.session.passwordStamp = undefined
      return
    }
    const { passwordHash: _, ...user } = row
    request.user = user
    request.authMethod = 'session'
  })

  fastify.decorate('requireUser', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user) return
    if (request.routeOptions.config.audience === 'api') {
      throw new Unauthenticated('sign in, or send "Authorization: Bearer <personal API token>"')
    }
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : ''
    return reply.redirect(`/login${next}`, 303)
  })
}

export default fp(authenticationPlugin, { name: 'authentication', dependencies: ['prisma', 'session'] })
