// Attempt limits for sign-in and registration, per IP and per username, counted in Redis when it is
// configured (shared by every replica) or in this process otherwise (rate-limiter-flexible, the same
// library as src/accounts/sign-in-throttle.ts).
//   const limiter = fastify.attemptLimiter('login-user', { max: 10, timeWindow: 15 * 60_000, action: 'sign-in attempts' })
//   await limiter.check(key)   // throws 429 TooManyRequests when the limit is already used up
//   await limiter.hit(key)     // counts one attempt, throws 429 when it goes over
// The same name always returns the same limiter (the first options win). With Redis configured but away,
// check and hit reject with Redis' error (no in-process stand-in: counts must not differ per replica).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
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
  // One limiter per name, so route modules asking for the same name share its counters (in memory too).
  const limiters = new Map<string, AttemptLimiter>()
  fastify.decorate('attemptLimiter', (name: string, options: AttemptLimitOptions): AttemptLimiter => {
    const existing = limiters.get(name)
    if (existing) return existing
    // Keys `rate-limit:<name>:<key>`, a counter with the window as its expiry.
    const settings = {
      keyPrefix: `rate-limit:${name}`,
      points: options.max,
      duration: options.timeWindow / 1000,
    }
    const counter: RateLimiterAbstract = fastify.redis
      ? new RateLimiterRedis({ storeClient: fastify.redis, ...settings })
      : new RateLimiterMemory(settings)
    const refuse = (msBeforeNext: number) => {
      const seconds = Math.ceil(msBeforeNext / 1000)
      return tooManyRequests(`Too many ${options.action}. Try again in ${inWords(seconds)}.`, seconds)
    }
    const limiter: AttemptLimiter = {
      async check(key) {
        const used = await counter.get(key)
        if (used && used.consumedPoints >= options.max && used.msBeforeNext > 0)
          throw refuse(used.msBeforeNext)
      },
      async hit(key) {
        try {
          await counter.consume(key)
        } catch (error) {
          // consume() rejects with a RateLimiterRes when over the limit, with the store's error otherwise.
          if (error instanceof RateLimiterRes) throw refuse(error.msBeforeNext)
          throw error
        }
      },
    }
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
