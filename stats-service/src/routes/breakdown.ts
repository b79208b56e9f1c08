// GET /v1/users/:userId/breakdown
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { breakdown } from '../stats/breakdown.ts'
import { firstWorkoutDate } from '../stats/volume.ts'
import { checkRange, resolveRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  RangeQuery,
  TAG_STATS,
  UserParams,
  WORKING_SETS_NOTE,
} from './schemas.ts'

const BreakdownResponse = Type.Object({
  ...LifterFields,
  from: LocalDate('first day counted'),
  to: LocalDate('last day counted'),
  exercises: Type.Array(
    Type.Object({
      exerciseId: Type.String({ format: 'uuid' }),
      name: Type.String(),
      muscleGroup: Type.String(),
      sets: Type.Integer({ description: 'working sets' }),
      volumeKg: Kg('Σ reps × weight'),
    }),
    { description: 'exercises trained in the range, by volume (then sets) descending' },
  ),
  muscleGroups: Type.Array(
    Type.Object({ muscleGroup: Type.String(), sets: Type.Integer(), volumeKg: Kg('Σ reps × weight') }),
    { description: 'the same per muscle group, by volume descending' },
  ),
})

export default async function breakdownRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/users/:userId/breakdown',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Sets and volume per exercise and per muscle group',
        description: `Default range: the 12 months up to today. ${WORKING_SETS_NOTE}`,
        params: UserParams,
        querystring: Type.Object(RangeQuery),
        response: { 200: { ...BreakdownResponse, description: 'the breakdown' }, ...errorResponses },
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
            firstWorkoutDate(fastify.prisma, lifter.userId),
          )
          return { ...range, ...(await breakdown(fastify.prisma, lifter.userId, range.from, range.to)) }
        },
      )
    },
  )
}
