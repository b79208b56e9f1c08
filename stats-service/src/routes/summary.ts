// GET /v1/users/:userId/summary

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { inUnit } from '../stats/lifter.ts'
import { summary } from '../stats/summary.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

const { path, params, response } = endpoints.summary

export default async function summaryRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Totals, this/last week and month, weekly streaks',
        description: WORKING_SETS_NOTE,
        params,
        response: { 200: response, ...errorResponses },
      },
    },
    async (request) =>
      lifterAnswer(fastify, request.params.userId, 'summary', {}, async ({ lifter, today }) => {
        const s = await summary(fastify.db, lifter.userId, today)
        return { ...s, totals: { ...s.totals, volume: inUnit(s.totals.volumeKg, lifter.unit) } }
      }),
  )
}
