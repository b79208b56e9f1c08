// The common path of every per-user route: read the lifter (zone, unit, data_version), work out their
// local "today", and serve the answer from the result cache or compute it.
import type { FastifyInstance } from 'fastify'
import { type Lifter, loadLifter } from '../stats/lifter.ts'
import { localToday } from '../stats/local-dates.ts'
import { cacheKey } from '../stats/result-cache.ts'

export interface LifterContext {
  lifter: Lifter
  today: string
}

export async function lifterAnswer<T extends object>(
  fastify: FastifyInstance,
  userId: string,
  endpoint: string,
  query: Record<string, unknown>,
  compute: (context: LifterContext) => Promise<T>,
) {
  userId = userId.toLowerCase() // one cache key and one spelling in answers, however core wrote the uuid
  const lifter = await loadLifter(fastify.db, userId)
  const today = localToday(lifter.timeZone, fastify.clock())
  const key = cacheKey({
    endpoint,
    userId,
    dataVersion: lifter.dataVersion,
    timeZone: lifter.timeZone,
    unit: lifter.unit,
    today,
    query,
  })
  const body = await fastify.resultCache.remember(key, async () => ({
    ...(await compute({ lifter, today })),
    generatedAt: fastify.clock().toISOString(),
  }))
  return { userId, timeZone: lifter.timeZone, unit: lifter.unit, ...body }
}
