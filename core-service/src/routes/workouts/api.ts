// Workouts under /api/v1/workouts (list, read, log, replace, delete) and the CSV export of all sets.
// The pages are ./pages.ts. Registered inside a signedIn scope (app.ts): handlers go through
// request.lifter.workouts.
import { Readable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../../api-errors.ts'
import { NotFound } from '../../errors.ts'
import { workoutJson, workoutSummaryJson } from '../../workouts/json.ts'
import {
  WorkoutBody,
  WorkoutList,
  WorkoutListQuery,
  WorkoutOut,
  WorkoutParams,
} from '../../workouts/schemas.ts'

export default async function workoutApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['workouts']

  fastify.get(
    '/api/v1/workouts',
    {
      schema: {
        tags,
        security,
        summary: 'List your workouts',
        description: 'Newest first, paginated. Weights and volume are in your unit.',
        querystring: WorkoutListQuery,
        response: {
          200: { ...WorkoutList, description: 'one page of workouts' },
          400: errorResponse('bad query'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { user, workouts } = request.lifter
      const { page, perPage, date } = request.query
      const result = await workouts.list({ page, perPage, date })
      return { ...result, items: result.items.map((w) => workoutSummaryJson(w, user.unit)) }
    },
  )

  // On the plain instance: the body is a stream, which the typed 200 schema (a CSV string) cannot describe.
  app.get(
    '/api/v1/export/sets.csv',
    {
      schema: {
        tags,
        security,
        summary: 'Download all your sets as CSV',
        description:
          'One row per set, oldest first, header row first (RFC 4180, CRLF line ends, UTF-8). `date` is the ' +
          'workout’s local date; `started_at` is ISO 8601 with your zone’s offset; `weight_kg` is the exact kilograms, ' +
          '`weight` and `unit` the weight exactly as typed. Text that starts like a spreadsheet formula gets a leading apostrophe.',
        response: {
          200: {
            description: 'the CSV file (sent as an attachment)',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const filename = `liftlog-${lifter.user.username}-${lifter.today()}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lifter.workouts.exportCsv()))
    },
  )

  fastify.get(
    '/api/v1/workouts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One workout with its sets',
        params: WorkoutParams,
        response: {
          200: { ...WorkoutOut, description: 'the workout' },
          404: errorResponse('no such workout of yours'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { user, workouts } = request.lifter
      const workout = await workouts.find(request.params.id)
      if (!workout) throw new NotFound('workout')
      return workoutJson(workout, user.unit)
    },
  )

  fastify.post(
    '/api/v1/workouts',
    {
      schema: {
        tags,
        security,
        summary: 'Log a workout',
        description:
          'Weights are in your unit unless a set gives `unit`, and are kept exactly as typed. Sets may use built-in exercises and your own; anything else is "unknown exercise" (400). The whole workout is saved in one transaction or not at all.',
        body: WorkoutBody,
        response: {
          201: { ...WorkoutOut, description: 'the saved workout' },
          400: errorResponse('invalid workout, e.g. "sets.0.exerciseId: unknown exercise"'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { user, workouts, now } = request.lifter
      const body = request.body
      const workout = await workouts.create({
        ...body,
        startedAt: body.startedAt ? new Date(body.startedAt) : now(),
      })
      reply.code(201).header('location', `/api/v1/workouts/${workout.id}`)
      return workoutJson(workout, user.unit)
    },
  )

  fastify.put(
    '/api/v1/workouts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Replace a workout',
        description:
          'Replaces title, notes and all sets (send every set, in order); without startedAt the start time is kept. One transaction: on error nothing changes.',
        params: WorkoutParams,
        body: WorkoutBody,
        response: {
          200: { ...WorkoutOut, description: 'the workout as saved' },
          400: errorResponse('invalid workout'),
          404: errorResponse('no such workout of yours'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { user, workouts } = request.lifter
      const body = request.body
      const existing = await workouts.find(request.params.id)
      if (!existing) throw new NotFound('workout')
      const workout = await workouts.replace(existing.id, {
        ...body,
        // Without startedAt the workout keeps its time.
        startedAt: body.startedAt ? new Date(body.startedAt) : existing.startedAt,
      })
      if (!workout) throw new NotFound('workout')
      return workoutJson(workout, user.unit)
    },
  )

  fastify.delete(
    '/api/v1/workouts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete a workout and its sets',
        params: WorkoutParams,
        response: {
          204: { description: 'deleted', type: 'null' },
          404: errorResponse('no such workout of yours'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      if (!(await request.lifter.workouts.delete(request.params.id))) throw new NotFound('workout')
      return reply.code(204).send(null)
    },
  )
}
