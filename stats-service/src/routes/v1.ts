// The /v1 API: every route behind the internal-token check, registered explicitly, and read-only.
import type { FastifyInstance } from 'fastify'
import { requireInternalToken } from '../plugins/internal-auth.ts'
import bodyWeightTrendRoutes from './body-weight-trend.ts'
import breakdownRoutes from './breakdown.ts'
import calendarRoutes from './calendar.ts'
import { rejectOtherMethods } from './get-only.ts'
import progressionRoutes from './progression.ts'
import recordsRoutes from './records.ts'
import summaryRoutes from './summary.ts'
import { rejectControlCharacters, rejectNonFiniteNumbers } from './usable-input.ts'
import volumeRoutes from './volume.ts'

export default async function v1Routes(fastify: FastifyInstance, options: { token: string }) {
  fastify.addHook('onRequest', requireInternalToken(options.token))
  fastify.addHook('preValidation', rejectControlCharacters)
  fastify.addHook('preHandler', rejectNonFiniteNumbers)
  // Tells /apidocs (and its "Authorize" button) that every route below needs the header, and notes each
  // GET so that the other methods on its URL answer 405: no route can forget that stats are read-only.
  const getPaths: string[] = []
  fastify.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ internalToken: [] }] }
    if (route.method === 'GET') getPaths.push(route.routePath)
  })
  await fastify.register(summaryRoutes)
  await fastify.register(volumeRoutes)
  await fastify.register(progressionRoutes)
  await fastify.register(recordsRoutes)
  await fastify.register(breakdownRoutes)
  await fastify.register(calendarRoutes)
  await fastify.register(bodyWeightTrendRoutes)
  for (const path of getPaths) rejectOtherMethods(fastify, path)
}
