// Attempt limits for sign-in and registration, per IP and per username, counted in Redis when it is
// configured (shared by every replica) or in this process otherwise.
//   const limiter = fastify.attemptLimiter('login-user', { max: 10, timeWindow: 15 * 60_000, action: 'sign-in attempts' })
//   await limiter.check(key)   // throws 429 TooManyRequests when the limit is already used up
//   await limiter.hit(key)     // counts one attempt, throws 429 when it goes over
// The same name always returns the same limiter (the first options win).
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { tooManyRequests } from '../errors.ts'

export interface AttemptLimiter {
  check(key: string): Promise<void>
  hit(key: string): Promise<void>
}

export interface AttemptLimitOptions {
  max: number
  timeWindow: number
  /** Plural noun for the message, e.g. 'sign-in attempts'. */
  action: string
}

declare module 'fastify' {
  interface FastifyInstance {
    attemptLimiter(name: string, options: AttemptLimitOptions): AttemptLimiter
  }
}

/** Wrong current passwords (password change, account deletion) per user, on pages and the API alike. */
export const PASSWORD_CHECKS = {
  name: 'password-check',
  max: 10,
  timeWindow: 15 * 60_000,
  action: 'wrong passwords',
} as const satisfies AttemptLimitOptions & { name: string }

function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}

async function rateLimitPlugin(fastify: FastifyInstance) {
  await fastify.register(fastifyRateLimit, {
    global: false,
    ...(fastify.redis ? { redis: fastify.redis, nameSpace: 'rate-limit:' } : {}),
  })

  // One limiter per name, so route modules asking for the same name share its counters (in memory too).
  const limiters = new Map<string, AttemptLimiter>()
  fastify.decorate('attemptLimiter', (name: string, options: AttemptLimitOptions): AttemptLimiter => {
    const existing = limiters.get(name)
    if (existing) return existing
    // The limiter keys by whatever keyGenerator returns; we hand it a stand-in request carrying the key so
    // one limiter can count per IP or per (lower-cased) username, decided by the caller.
    const limit = fastify.createRateLimit({
      max: options.max,
      timeWindow: options.timeWindow,
      keyGenerator: (request) => `${name}:${(request as unknown as { limitKey: string }).limitKey}`,
    })
    const standIn = (key: string) =>
      ({ limitKey: key, routeOptions: { config: {} } }) as unknown as FastifyRequest
    const enforce = async (key: string, increment: boolean) => {
      const result = await limit(standIn(key), { increment })
      if (result.isAllowed) return
      const exceeded = increment ? result.isExceeded : result.remaining <= 0 && result.ttl > 0
      if (exceeded) {
        throw tooManyRequests(
          `Too many ${options.action}. Try again in ${inWords(result.ttlInSeconds)}.`,
          result.ttlInSeconds,
        )
      }
    }
    const limiter: AttemptLimiter = { check: (key) => enforce(key, false), hit: (key) => enforce(key, true) }
    limiters.set(name, limiter)
    return limiter
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['redis'] })

/**
 * Runs `attempt` unless `key` has used up its failures; a failure (a thrown error with `statusCode` 401 or
 * 403, e.g. a wrong current password) counts one attempt. Other errors and successes count nothing.
 */
export async function countingFailures<T>(
  limiter: AttemptLimiter,
  key: string,
  attempt: () => Promise<T>,
): Promise<T> {
  await limiter.check(key)
  try {
    return await attempt()
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode
    if (status === 401 || status === 403) await limiter.hit(key)
    throw error
  }
}
