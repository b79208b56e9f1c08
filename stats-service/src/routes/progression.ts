// GET /v1/users/:userId/exercises/:exerciseId/progression
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { ExerciseNotFound } from '../errors.ts'
import { visibleExercise } from '../stats/exercises.ts'
import { type Formula, MAX_REP_CAP } from '../stats/one-rep-max.ts'
import { progression } from '../stats/progression.ts'
import { checkRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  ErrorRef,
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  Nullable,
  TAG_STATS,
  WORKING_SETS_NOTE,
} from './schemas.ts'

const ProgressionParams = Type.Object({
  userId: Type.String({ format: 'uuid', description: 'the lifter, as authenticated by core-service' }),
  exerciseId: Type.String({ format: 'uuid', description: 'a built-in exercise or one of the lifter’s own' }),
})

const ProgressionQuery = Type.Object({
  formula: Type.Enum(['epley', 'brzycki'], {
    default: 'epley',
    description: 'epley w·(1+r/30) or brzycki w·36/(37−r); 1 rep = the weight',
  }),
  repCap: Type.Integer({
    minimum: 1,
    maximum: MAX_REP_CAP,
    default: 12,
    description: 'sets with more reps are ignored for the estimate',
  }),
  from: Type.Optional(LocalDate('first day; default the first session')),
  to: Type.Optional(LocalDate('last day; default the last session')),
})

const ProgressionResponse = Type.Object({
  ...LifterFields,
  exercise: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    isBodyweight: Type.Boolean(),
  }),
  formula: Type.Enum(['epley', 'brzycki']),
  repCap: Type.Integer(),
  metric: Type.Enum(['weight', 'reps'], {
    description: '"reps" for bodyweight exercises: chart bestReps rather than e1rmKg',
  }),
  sessions: Type.Array(
    Type.Object({
      workoutId: Type.String({ format: 'uuid' }),
      date: LocalDate('the workout’s date'),
      e1rmKg: Nullable(
        Kg(
          'best estimated one-rep max over working sets with 1 ≤ reps ≤ repCap and weight > 0; null if none',
        ),
      ),
      heaviestKg: Kg('heaviest working set'),
      bestReps: Type.Integer({ description: 'most reps in one working set' }),
      volumeKg: Kg('Σ reps × weight'),
      sets: Type.Integer({ description: 'working sets' }),
    }),
    { description: 'one entry per workout with a working set of this exercise, ascending by start time' },
  ),
})

export default async function progressionRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/users/:userId/exercises/:exerciseId/progression',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Estimated 1RM, heaviest weight and reps per session of one exercise',
        description: WORKING_SETS_NOTE,
        params: ProgressionParams,
        querystring: ProgressionQuery,
        response: {
          200: { ...ProgressionResponse, description: 'the sessions' },
          ...errorResponses,
          404: { ...ErrorRef, description: 'the exercise is neither built-in nor this lifter’s' },
        },
      },
    },
    async (request) => {
      const { userId, exerciseId } = request.params
      const q = request.query
      checkRange(q)
      return lifterAnswer(fastify, userId, `progression:${exerciseId}`, q, async ({ lifter }) => {
        const exercise = await visibleExercise(fastify.prisma, lifter.userId, exerciseId)
        if (!exercise) throw new ExerciseNotFound(exerciseId)
        const formula = q.formula as Formula
        const sessions = await progression(fastify.prisma, lifter.userId, exerciseId, {
          formula,
          repCap: q.repCap,
          from: q.from,
          to: q.to,
        })
        return {
          exercise: { id: exercise.id, name: exercise.name, isBodyweight: exercise.isBodyweight },
          formula,
          repCap: q.repCap,
          metric: exercise.isBodyweight ? ('reps' as const) : ('weight' as const),
          sessions,
        }
      })
    },
  )
}
