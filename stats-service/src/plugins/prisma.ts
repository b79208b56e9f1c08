// fastify.prisma: the Prisma client over the read-only login; disconnected when the app closes.

import { DATABASE_REQUEST_TIMEOUTS, parseDatabaseUrl } from '@liftlog/service-kit'
import { PrismaPg } from '@prisma/adapter-pg'
import fp from 'fastify-plugin'
import { PrismaClient } from '../generated/prisma/client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient
  }
}

export default fp(
  async (fastify, options: { databaseUrl: string; poolSize: number }) => {
    const adapter = new PrismaPg({
      ...parseDatabaseUrl(options.databaseUrl),
      max: options.poolSize,
      // A stopped or hung PostgreSQL answers within about a second, far inside core's attempt timeout.
      ...DATABASE_REQUEST_TIMEOUTS,
    })
    const prisma = new PrismaClient({ adapter })
    fastify.decorate('prisma', prisma)
    fastify.addHook('onClose', async () => {
      await prisma.$disconnect()
    })
  },
  { name: 'prisma' },
)
