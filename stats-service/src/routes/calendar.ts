// GET /v1/users/:userId/calendar

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { calendarDays } from '../stats/calendar.ts'
import { daysInMonth } from '../stats/local-dates.ts'
import { checkDate } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

const { path, params, querystring, response } = endpoints.calendar

export default async function calendarRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Workouts, sets and volume per local date of a month (heat-map)',
        description: WORKING_SETS_NOTE,
        params,
        querystring,
        response: { 200: response, ...errorResponses },
      },
    },
    async (request) => {
      checkDate('month', request.query.month && `${request.query.month}-01`)
      return lifterAnswer(
        fastify,
        request.params.userId,
        'calendar',
        request.query,
        async ({ lifter, today }) => {
          const month = request.query.month ?? today.slice(0, 7)
          const { first, last } = daysInMonth(month)
          return { month, days: await calendarDays(fastify.db, lifter.userId, first, last) }
        },
      )
    },
  )
}
