// fastify.redis: the ioredis client when REDIS_URL is set, else null (each service then keeps its
// sessions, limits or cache in its own process).

import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | null
  }
}

export const redis = fp(
  async (fastify, options: { url?: string; keyPrefix: string }) => {
    if (!options.url) {
      fastify.decorate('redis', null)
      return
    }
    // Fail fast per command while Redis is away (readiness reports it) instead of queueing forever.
    const redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: true,
    })
    redis.on('error', (err) => fastify.log.warn({ err }, 'redis error'))
    await redis.connect()
    fastify.decorate('redis', redis)
    fastify.addHook('onClose', async () => {
      await redis.quit()
    })
  },
  { name: 'redis' },
)
