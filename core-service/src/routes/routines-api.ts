// Routines under /api/v1/routines: list, create, read, replace, delete, start one as a live workout, and
// save a finished workout as one. Registered inside a signedIn scope (app.ts): handlers go through
// request.lifter.routines, which answers 404 for any routine or workout that is not the lifter's own.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../api-errors.ts'
import { noRoutine } from '../routines/errors.ts'
import { routineJson } from '../routines/json.ts'
import {
  FromWorkoutBody,
  FromWorkoutParams,
  RoutineBody,
  RoutineListOut,
  RoutineOut,
  RoutineParams,
} from '../routines/schemas.ts'
import { liveWorkoutJson } from '../workouts/live-json.ts'
import { LiveWorkoutOut } from '../workouts/live-schemas.ts'

const notYours = errorResponse('no routine of yours with that id (another lifter’s, deleted, or none)')
const invalid = errorResponse('invalid targets or an exercise you cannot use (code VALIDATION)')
const routine = (description: string) => ({ ...RoutineOut, description })

export default async function routinesApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['routines']

  fastify.get(
    '/api/v1/routines',
    {
      schema: {
        tags,
        security,
        summary: 'Your routines',
        description: 'Every routine of yours by name, with its exercises and targets.',
        response: { 200: { ...RoutineListOut, description: 'your routines' }, ...authErrors },
      },
    },
    async (request) => ({ routines: (await request.lifter.routines.list()).map(routineJson) }),
  )

  fastify.post(
    '/api/v1/routines',
    {
      schema: {
        tags,
        security,
        summary: 'Create a routine',
        description: 'Exercises in order, each with target sets × reps, an optional weight and rest.',
        body: RoutineBody,
        response: { 201: routine('the routine created'), 400: invalid, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await request.lifter.routines.create(request.body)
      reply.code(201).header('location', `/api/v1/routines/${created.id}`)
      return routineJson(created)
    },
  )

  fastify.get(
    '/api/v1/routines/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One routine',
        params: RoutineParams,
        response: { 200: routine('the routine'), 404: notYours, ...authErrors },
      },
    },
    async (request) => {
      const found = await request.lifter.routines.find(request.params.id)
      if (!found) throw noRoutine()
      return routineJson(found)
    },
  )

  fastify.put(
    '/api/v1/routines/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Replace a routine',
        description: 'Its name and every exercise, in one go (a partial body is refused).',
        params: RoutineParams,
        body: RoutineBody,
        response: { 200: routine('the routine as saved'), 400: invalid, 404: notYours, ...writeErrors },
      },
    },
    async (request) => routineJson(await request.lifter.routines.replace(request.params.id, request.body)),
  )

  fastify.delete(
    '/api/v1/routines/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete a routine',
        description: 'Workouts started from it stay as they are.',
        params: RoutineParams,
        response: { 204: { type: 'null', description: 'deleted' }, 404: notYours, ...writeErrors },
      },
    },
    async (request, reply) => {
      await request.lifter.routines.remove(request.params.id)
      return reply.code(204).send(null)
    },
  )

  fastify.post(
    '/api/v1/routines/:id/start',
    {
      schema: {
        tags,
        security,
        summary: 'Start a live workout from a routine',
        description:
          'Starts a workout in progress now whose planned rows are the routine’s targets: sets × reps at its weight, or where it has none, last time’s weight of that exercise. Tick the rows as you go (PATCH /api/v1/live-workouts/{id}/rows/{rowId} with done true).',
        params: RoutineParams,
        response: {
          201: { ...LiveWorkoutOut, description: 'the workout just started' },
          404: notYours,
          409: errorResponse('you already have a workout in progress: finish or discard it first'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const workout = await request.lifter.routines.start(request.params.id)
      reply.code(201).header('location', '/api/v1/live-workouts/current')
      return liveWorkoutJson(workout)
    },
  )

  fastify.post(
    '/api/v1/workouts/:id/routine',
    {
      schema: {
        tags,
        security,
        summary: 'Save a finished workout as a routine',
        description:
          'Its exercises in order, each with its working sets’ count and the first working set’s reps and weight as targets (warm-ups left out).',
        params: FromWorkoutParams,
        body: FromWorkoutBody,
        response: {
          201: routine('the routine created'),
          404: errorResponse('no finished workout of yours with that id'),
          409: errorResponse('the workout has no working sets'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const created = await request.lifter.routines.fromWorkout(request.params.id, {
        name: request.body?.name,
      })
      reply.code(201).header('location', `/api/v1/routines/${created.id}`)
      return routineJson(created)
    },
  )
}
