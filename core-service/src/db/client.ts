// Builds the Prisma client core uses: Prisma 7 with the pg driver adapter (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { parseDatabaseUrl } from './connection.ts'

/** pg Pool timeouts: serving requests passes service-kit's PAGE_DATABASE_TIMEOUTS; tools keep these. */
export interface PoolTimeouts {
  connectionTimeoutMillis: number
  statement_timeout?: number
  query_timeout?: number
}

export function createPrismaClient(
  databaseUrl: string,
  poolSize = 10,
  timeouts: PoolTimeouts = { connectionTimeoutMillis: 5_000 },
): PrismaClient {
  const adapter = new PrismaPg({ ...parseDatabaseUrl(databaseUrl), max: poolSize, ...timeouts })
  return new PrismaClient({ adapter })
}
