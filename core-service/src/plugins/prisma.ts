// fastify.prisma: the Prisma client over the owner connection; disconnected when the app closes.
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
    const prisma = createPrismaClient(options.databaseUrl, options.poolSize)
    fastify.decorate('prisma', prisma)
    fastify.addHook('onClose', async () => {
      await prisma.$disconnect()
    })
  },
  { name: 'prisma' },
)
