// core-service as a Fastify plugin: infrastructure first, then routes, registered explicitly in order.
import { errorHandler, healthRoutes, metrics, openApi } from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'
import type { CoreConfig } from './config.ts'
import prisma from './plugins/prisma.ts'
import redis from './plugins/redis.ts'

export interface AppOptions {
  config: CoreConfig
}

export default async function app(fastify: FastifyInstance, { config }: AppOptions) {
  await fastify.register(errorHandler)
  await fastify.register(openApi, {
    title: 'LiftLog core API',
    description:
      'Accounts, exercises, workouts and progress for lifters. Authenticate with the session cookie or a personal API token (Authorization: Bearer).',
    version: '1.0.0',
    tags: [{ name: 'operations', description: 'Health and readiness for orchestrators' }],
  })
  await fastify.register(metrics, { service: 'core' })
  await fastify.register(prisma, { databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })
  await fastify.register(redis, { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX })

  await fastify.register(healthRoutes, {
    checks: {
      database: () => fastify.prisma.$queryRaw`SELECT 1`,
      ...(fastify.redis ? { redis: () => fastify.redis!.ping() } : {}),
    },
  })
}
