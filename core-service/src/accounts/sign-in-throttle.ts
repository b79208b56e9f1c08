// Sign-in throttling after OWASP's authentication guidance: failures are counted per username and per
// (username, source address); past a few free failures each further one imposes a growing delay (1 s,
// 2 s, 4 s … at most 15 min) instead of a lock, and a browser that signed in to this username before
// (a signed device cookie, set on success) is not held back by failures from elsewhere — so an attacker
// who knows a username cannot keep its lifter out. Counters live in Redis when configured.
import type { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'

const DAY_SECONDS = 24 * 60 * 60
/** Failures allowed before delays start: per (username, source) and per username from anywhere. */
export const FREE_FAILURES = { perSource: 5, perUsername: 10 } as const
export const MAX_DELAY_SECONDS = 15 * 60

export interface ThrottleCheck {
  /** Seconds to wait before the next attempt counts, or 0. */
  retryAfterSeconds: number
}

/** 2^(failures − free) seconds, capped; 0 while within the free failures. */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0
  return Math.min(2 ** Math.min(failures - free - 1, 20), MAX_DELAY_SECONDS)
}

export class SignInThrottle {
  private readonly failures: RateLimiterAbstract
  private readonly delays: RateLimiterAbstract

  constructor(redis: Redis | null) {
    // A counter (points far beyond any use) and a delay gate (block() = wait until it expires).
    const counter = { points: 1_000_000, duration: DAY_SECONDS }
    const gate = { points: 1, duration: 1 }
    this.failures = redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: 'sign-in-fails', ...counter })
      : new RateLimiterMemory({ keyPrefix: 'sign-in-fails', ...counter })
    this.delays = redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: 'sign-in-delay', ...gate })
      : new RateLimiterMemory({ keyPrefix: 'sign-in-delay', ...gate })
  }

  private keys(username: string, source: string, knownDevice: boolean): string[] {
    // A known device is exempt from the username-wide delay; its own source still counts.
    const perSource = `source:${username}:${source}`
    return knownDevice ? [perSource] : [perSource, `user:${username}`]
  }

  /** Whether an attempt may be checked now (0) or must wait. */
  async check(username: string, source: string, knownDevice: boolean): Promise<ThrottleCheck> {
    let wait = 0
    for (const key of this.keys(username, source, knownDevice)) {
      const gate = await this.delays.get(key)
      if (gate && (gate.consumedPoints ?? 0) > 1)
        wait = Math.max(wait, Math.ceil((gate.msBeforeNext ?? 0) / 1000))
    }
    return { retryAfterSeconds: wait }
  }

  /** Counts a failed sign-in and sets the next delay for each counter past its free failures. */
  async failed(username: string, source: string): Promise<void> {
    const perSource = `source:${username}:${source}`
    const perUser = `user:${username}`
    const [sourceFails, userFails] = await Promise.all([
      this.failures.penalty(perSource, 1),
      this.failures.penalty(perUser, 1),
    ])
    const sourceDelay = delayAfter(sourceFails.consumedPoints ?? 0, FREE_FAILURES.perSource)
    const userDelay = delayAfter(userFails.consumedPoints ?? 0, FREE_FAILURES.perUsername)
    if (sourceDelay) await this.delays.block(perSource, sourceDelay)
    if (userDelay) await this.delays.block(perUser, userDelay)
  }

  /** A success clears this source's count; the username-wide count runs out on its own. */
  async succeeded(username: string, source: string): Promise<void> {
    const perSource = `source:${username}:${source}`
    await Promise.all([this.failures.delete(perSource), this.delays.delete(perSource)])
  }
}
