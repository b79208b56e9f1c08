// fastify.prisma: the Prisma client over the read-only login; disconnected when the app closes.
import { PrismaPg } from '@prisma/adapter-pg'
import fp from 'fastify-plugin'
import { PrismaClient } from '../generated/prisma/client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient
  }
}

/** Discrete fields rather than connectionString, which pg would let override the database name. */
function pgSettings(databaseUrl: string) {
  const url = new URL(databaseUrl)
  const sslmode = url.searchParams.get('sslmode')
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    ...(sslmode && sslmode !== 'disable' ? { ssl: true } : {}),
  }
}

export default fp(
  async (fastify, options: { databaseUrl: string; poolSize: number }) => {
    const adapter = new PrismaPg({
      ...pgSettings(options.databaseUrl),
      max: options.poolSize,
      connectionTimeoutMillis: 5_000,
    })
    const prisma = new PrismaClient({ adapter })
    fastify.decorate('prisma', prisma)
    fastify.addHook('onClose', async () => {
      await prisma.$disconnect()
    })
  },
  { name: 'prisma' },
)
