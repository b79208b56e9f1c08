// Builds the Prisma client core uses: Prisma 7 with the pg driver adapter (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { parseDatabaseUrl } from './connection.ts'

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({
    ...parseDatabaseUrl(databaseUrl),
    max: poolSize,
    connectionTimeoutMillis: 5_000,
  })
  return new PrismaClient({ adapter })
}
