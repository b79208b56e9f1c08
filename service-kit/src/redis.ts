// fastify.redis: the ioredis client when REDIS_URL is set, else null (each service then keeps its
// sessions, limits or cache in its own process). Redis is optional at run time: while it is away or hung,
// every command fails within COMMAND_TIMEOUT_MS rather than waiting, and the client reconnects by itself.

import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | null
  }
}

/** A hung Redis (paused, partitioned) costs a request at most this long per command. */
export const COMMAND_TIMEOUT_MS = 500
/** Reconnect attempts back off to at most this far apart, so recovery is noticed within about a second. */
const MAX_RECONNECT_DELAY_MS = 1000

/** True while the client is connected; callers skip optional Redis work (caches) when it is not. */
export function redisReady(client: Redis | null): client is Redis {
  return client?.status === 'ready'
}

export const redis = fp(
  async (fastify, options: { url?: string; keyPrefix: string; commandTimeoutMs?: number }) => {
    if (!options.url) {
      fastify.decorate('redis', null)
      return
    }
    const redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      lazyConnect: true,
      // No offline queue: while disconnected a command fails at once instead of piling up in memory and
      // answering many seconds later; one retry covers a reconnect racing the command.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
    })
    // Once per outage, not once per reconnect attempt.
    let down = false
    redis.on('error', (err) => {
      if (!down) fastify.log.warn({ err }, 'redis unavailable; reconnecting')
      down = true
    })
    redis.on('ready', () => {
      if (down) fastify.log.info('redis available again')
      down = false
    })
    try {
      await redis.connect()
    } catch (err) {
      // Start without it: the features that use Redis degrade until it answers, and the client keeps trying.
      fastify.log.warn({ err }, 'redis unreachable at start-up; starting without it until it answers')
    }
    fastify.decorate('redis', redis)
    fastify.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect())
      else redis.disconnect()
    })
  },
  { name: 'redis' },
)
