// GET /v1/users/:userId/calendar
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { calendarDays } from '../stats/calendar.ts'
import { daysInMonth } from '../stats/local-dates.ts'
import { checkDate } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  TAG_STATS,
  UserParams,
  WORKING_SETS_NOTE,
} from './schemas.ts'

const CalendarQuery = Type.Object({
  month: Type.Optional(
    Type.String({
      pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
      description: 'YYYY-MM; default the lifter’s current month',
    }),
  ),
})

const CalendarResponse = Type.Object({
  ...LifterFields,
  month: Type.String({ description: 'YYYY-MM' }),
  days: Type.Array(
    Type.Object({
      date: LocalDate('the day'),
      workouts: Type.Integer(),
      sets: Type.Integer({ description: 'working sets' }),
      volumeKg: Kg('Σ reps × weight'),
    }),
    { description: 'only days with a workout, ascending' },
  ),
})

export default async function calendarRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/users/:userId/calendar',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Workouts, sets and volume per local date of a month (heat-map)',
        description: WORKING_SETS_NOTE,
        params: UserParams,
        querystring: CalendarQuery,
        response: {
          200: { ...CalendarResponse, description: 'the month’s training days' },
          ...errorResponses,
        },
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
          return { month, days: await calendarDays(fastify.prisma, lifter.userId, first, last) }
        },
      )
    },
  )
}
