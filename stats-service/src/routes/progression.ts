// GET /v1/users/:userId/exercises/:exerciseId/progression
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { ExerciseNotFound } from '../errors.ts'
import { visibleExercise } from '../stats/exercises.ts'
import { progression } from '../stats/progression.ts'
import { checkRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { ErrorRef, errorResponses, TAG_STATS } from './schemas.ts'

const { path, params, querystring, response } = endpoints.progression

export default async function progressionRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Estimated 1RM, heaviest weight and reps per session of one exercise',
        description: WORKING_SETS_NOTE,
        params,
        querystring,
        response: {
          200: response,
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
        const exercise = await visibleExercise(fastify.db, lifter.userId, exerciseId)
        if (!exercise) throw new ExerciseNotFound(exerciseId)
        const sessions = await progression(fastify.db, lifter.userId, exerciseId, {
          formula: q.formula,
          repCap: q.repCap,
          from: q.from,
          to: q.to,
        })
        return {
          exercise: { id: exercise.id, name: exercise.name, isBodyweight: exercise.isBodyweight },
          formula: q.formula,
          repCap: q.repCap,
          metric: exercise.isBodyweight ? ('reps' as const) : ('weight' as const),
          sessions,
        }
      })
    },
  )
}
