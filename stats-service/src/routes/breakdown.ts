// GET /v1/users/:userId/breakdown

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { breakdown } from '../stats/breakdown.ts'
import { firstWorkoutDate } from '../stats/volume.ts'
import { checkRange, resolveRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

const { path, params, querystring, response } = endpoints.breakdown

export default async function breakdownRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Sets and volume per exercise and per muscle group',
        description: `Default range: the 12 months up to today. ${WORKING_SETS_NOTE}`,
        params,
        querystring,
        response: { 200: response, ...errorResponses },
      },
    },
    async (request) => {
      checkRange(request.query)
      return lifterAnswer(
        fastify,
        request.params.userId,
        'breakdown',
        request.query,
        async ({ lifter, today }) => {
          const range = await resolveRange(request.query, today, () =>
            firstWorkoutDate(fastify.db, lifter.userId),
          )
          return { ...range, ...(await breakdown(fastify.db, lifter.userId, range.from, range.to)) }
        },
      )
    },
  )
}
