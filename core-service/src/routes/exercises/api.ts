// Exercises under /api/v1/exercises: the built-in catalog and your own, to list, read, create, rename,
// archive and delete. The pages are ./pages.ts. Registered inside a signedIn scope (app.ts): handlers go
// through request.lifter.exercises.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../../api-errors.ts'
import { NotFound } from '../../errors.ts'
import { exerciseJson } from '../../exercises/json.ts'
import {
  CreateExerciseBody,
  ExerciseList,
  ExerciseOut,
  ExerciseParams,
  ExerciseQuery,
  UpdateExerciseBody,
} from '../../exercises/schemas.ts'

export default async function exerciseApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  const tags = ['exercises']
  const conflict = errorResponse(
    'the name clashes with a built-in exercise or one of yours, ignoring case (code CONFLICT)',
  )

  fastify.get(
    '/api/v1/exercises',
    {
      schema: {
        tags,
        security,
        summary: 'Exercises you can log: the built-in catalog and your own',
        querystring: ExerciseQuery,
        response: {
          200: { ...ExerciseList, description: 'matching exercises' },
          400: errorResponse('bad filter'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { q, muscleGroup, equipment, category, includeArchived } = request.query
      const items = await request.lifter.exercises.list({
        q,
        muscleGroup,
        equipment,
        category,
        includeArchived,
      })
      return { items: items.map(exerciseJson) }
    },
  )

  fastify.get(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One exercise',
        params: ExerciseParams,
        response: {
          200: { ...ExerciseOut, description: 'the exercise' },
          404: errorResponse('no such exercise among yours and the catalog'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const exercise = await request.lifter.exercises.find(request.params.id)
      if (!exercise) throw new NotFound('exercise')
      return exerciseJson(exercise)
    },
  )

  fastify.post(
    '/api/v1/exercises',
    {
      schema: {
        tags,
        security,
        summary: 'Create your own exercise',
        body: CreateExerciseBody,
        response: {
          201: { ...ExerciseOut, description: 'the new exercise' },
          400: errorResponse('invalid input'),
          409: conflict,
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const created = await request.lifter.exercises.create(request.body)
      reply.code(201).header('location', `/api/v1/exercises/${created.id}`)
      return exerciseJson(created)
    },
  )

  fastify.patch(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Rename, archive or restore one of your exercises',
        description:
          'Built-in exercises are read-only (403). Archived exercises keep their history but leave the pickers.',
        params: ExerciseParams,
        body: UpdateExerciseBody,
        response: {
          200: { ...ExerciseOut, description: 'the exercise as saved' },
          400: errorResponse('invalid input'),
          404: errorResponse('no such exercise of yours'),
          409: conflict,
          ...writeErrors,
          403: errorResponse('a built-in exercise (code FORBIDDEN), or a cookie write without x-csrf-token'),
        },
      },
    },
    async (request) => {
      const updated = await request.lifter.exercises.change(request.params.id, request.body)
      if (!updated) throw new NotFound('exercise')
      return exerciseJson(updated)
    },
  )

  fastify.delete(
    '/api/v1/exercises/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete one of your exercises that no set uses',
        description:
          'An exercise with logged sets is never deleted: archive it instead (PATCH archived: true); this answers 409.',
        params: ExerciseParams,
        response: {
          204: { description: 'deleted', type: 'null' },
          404: errorResponse('no such exercise of yours'),
          409: errorResponse('the exercise is used by logged sets (code CONFLICT)'),
          ...writeErrors,
          403: errorResponse('a built-in exercise (code FORBIDDEN), or a cookie write without x-csrf-token'),
        },
      },
    },
    async (request, reply) => {
      if (!(await request.lifter.exercises.delete(request.params.id))) throw new NotFound('exercise')
      return reply.code(204).send(null)
    },
  )
}
