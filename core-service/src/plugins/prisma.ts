// fastify.prisma: the Prisma client over the owner connection, with bounded connect and statement times so
// a stopped or hung PostgreSQL answers 503 quickly; disconnected when the app closes.
import { PAGE_DATABASE_TIMEOUTS } from '@liftlog/service-kit'
import fp from 'fastify-plugin'
import { createPrismaClient } from '../db/client.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient
  }
}

export default fp(
  async (fastify, options: { databaseUrl: string; poolSize: number }) => {
    const prisma = createPrismaClient(options.databaseUrl, options.poolSize, PAGE_DATABASE_TIMEOUTS)
    fastify.decorate('prisma', prisma)
    fastify.addHook('onClose', async () => {
      await prisma.$disconnect()
    })
  },
  { name: 'prisma' },
)
