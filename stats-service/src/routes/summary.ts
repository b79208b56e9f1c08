// GET /v1/users/:userId/summary
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { inUnit } from '../stats/lifter.ts'
import { summary } from '../stats/summary.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  Nullable,
  TAG_STATS,
  UserParams,
  WORKING_SETS_NOTE,
} from './schemas.ts'

const Period = Type.Object(
  {
    start: LocalDate('first day'),
    end: LocalDate('last day'),
    workouts: Type.Integer(),
    sets: Type.Integer({ description: 'working sets' }),
    reps: Type.Integer(),
    volumeKg: Kg('Σ reps × weight'),
  },
  { description: 'one ISO week (Monday–Sunday) or calendar month in the lifter’s zone' },
)

const SummaryResponse = Type.Object({
  ...LifterFields,
  totals: Type.Object({
    workouts: Type.Integer(),
    sets: Type.Integer({ description: 'working sets' }),
    reps: Type.Integer(),
    volumeKg: Kg('Σ reps × weight over all working sets'),
    volume: Type.Number({ description: 'the same volume in the lifter’s unit (kg or lb, 2 decimals)' }),
  }),
  thisWeek: Period,
  lastWeek: Period,
  thisMonth: Period,
  lastMonth: Period,
  streaks: Type.Object(
    {
      currentWeeks: Type.Integer({
        description:
          'run of consecutive ISO weeks with a workout, ending this week (if it has one) or last week',
      }),
      longestWeeks: Type.Integer({ description: 'longest such run ever' }),
    },
    { description: 'weekly streaks; workouts dated after today are ignored' },
  ),
  firstWorkoutDate: Nullable(LocalDate('first workout')),
  lastWorkoutDate: Nullable(LocalDate('last workout')),
})

export default async function summaryRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/users/:userId/summary',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Totals, this/last week and month, weekly streaks',
        description: WORKING_SETS_NOTE,
        params: UserParams,
        response: {
          200: { ...SummaryResponse, description: 'the lifter’s summary (zeros for an unknown lifter)' },
          ...errorResponses,
        },
      },
    },
    async (request) =>
      lifterAnswer(fastify, request.params.userId, 'summary', {}, async ({ lifter, today }) => {
        const s = await summary(fastify.prisma, lifter.userId, today)
        return { ...s, totals: { ...s.totals, volume: inUnit(s.totals.volumeKg, lifter.unit) } }
      }),
  )
}
