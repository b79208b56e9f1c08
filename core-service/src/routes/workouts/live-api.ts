// Live workouts under /api/v1/live-workouts: start or resume, read the current one, add exercises and rows,
// tick / untick / change a row, finish, discard. The live page's script uses these; the no-script forms are
// in ./live-pages.ts. Registered inside a signedIn scope (app.ts): handlers go through request.lifter.live,
// which answers 404 for any workout that is not the lifter's own in progress.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../../api-errors.ts'
import { noLiveWorkout } from '../../workouts/live-errors.ts'
import { finishedJson, liveWorkoutJson } from '../../workouts/live-json.ts'
import {
  AddExerciseBody,
  AddRowBody,
  FinishBody,
  FinishedOut,
  LiveEntryParams,
  LiveParams,
  LiveRowParams,
  LiveWorkoutOut,
  RowChangeBody,
} from '../../workouts/live-schemas.ts'

const notLive = errorResponse('no live workout of yours with that id (another lifter’s, finished, or none)')
const live = (description: string) => ({ ...LiveWorkoutOut, description })

export default async function liveWorkoutApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['workouts']

  fastify.post(
    '/api/v1/live-workouts',
    {
      schema: {
        tags,
        security,
        summary: 'Start a live workout (or resume yours)',
        description:
          'Starts a workout in progress now. You have at most one: while it is live this answers it again (200) instead of starting another.',
        response: {
          200: live('your live workout, already in progress'),
          201: live('the workout just started'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { workout, created } = await request.lifter.live.start()
      if (created) reply.code(201).header('location', '/api/v1/live-workouts/current')
      return liveWorkoutJson(workout)
    },
  )

  fastify.get(
    '/api/v1/live-workouts/current',
    {
      schema: {
        tags,
        security,
        summary: 'Your workout in progress',
        description:
          'Every exercise, planned row and ticked set, so another phone can carry on where you were.',
        response: {
          200: live('your live workout'),
          404: errorResponse('no workout in progress'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const workout = await request.lifter.live.current()
      if (!workout) throw noLiveWorkout()
      return liveWorkoutJson(workout)
    },
  )

  fastify.post(
    '/api/v1/live-workouts/:id/exercises',
    {
      schema: {
        tags,
        security,
        summary: 'Add an exercise to a live workout',
        description:
          'Built-in or your own, not archived. It starts with last time’s sets as planned rows when `copyLast` and there are any, else with three empty planned rows.',
        params: LiveParams,
        body: AddExerciseBody,
        response: {
          201: live('the workout with the exercise added last'),
          400: errorResponse('unknown exercise'),
          404: notLive,
          409: errorResponse('the workout already holds the most exercises it may'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const workout = await request.lifter.live.addExercise(request.params.id, request.body)
      reply.code(201)
      return liveWorkoutJson(workout)
    },
  )

  fastify.post(
    '/api/v1/live-workouts/:id/exercises/:entryId/rows',
    {
      schema: {
        tags,
        security,
        summary: 'Add a planned set ("+ set")',
        description:
          'Copies the exercise’s last row’s reps, weight and unit unless the body gives them. Not ticked.',
        params: LiveEntryParams,
        body: AddRowBody,
        response: {
          201: live('the workout with the row added'),
          400: errorResponse('invalid reps or weight'),
          404: errorResponse('no such live workout or exercise in it'),
          409: errorResponse('the exercise already holds the most rows it may'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { id, entryId } = request.params
      const workout = await request.lifter.live.addRow(id, entryId, request.body)
      reply.code(201)
      return liveWorkoutJson(workout)
    },
  )

  fastify.post(
    '/api/v1/live-workouts/:id/exercises/:entryId/copy-last',
    {
      schema: {
        tags,
        security,
        summary: 'Plan last time’s sets',
        description:
          'Replaces the exercise’s planned (unticked) rows with its sets from your most recent other workout; ticked rows stay.',
        params: LiveEntryParams,
        response: {
          200: live('the workout with last time’s sets planned'),
          404: errorResponse('no such live workout or exercise in it'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { id, entryId } = request.params
      return liveWorkoutJson(await request.lifter.live.copyLastTime(id, entryId))
    },
  )

  fastify.patch(
    '/api/v1/live-workouts/:id/rows/:rowId',
    {
      schema: {
        tags,
        security,
        summary: 'Tick, untick or change a row',
        description:
          '`done: true` saves the row as a set at once (the set a reload or another phone will show); `done: false` deletes that set and keeps the row planned. Reps and weight change the row, and its set when ticked. Weights are kept exactly as typed. Ticking a planned row whose reps or weight are empty (and not in the body) takes them from the previous row of the exercise with reps (the nearest earlier one); the first row with no reps is refused (409), nothing saved.',
        params: LiveRowParams,
        body: RowChangeBody,
        response: {
          200: live('the workout after the change'),
          400: errorResponse('invalid reps or weight, e.g. "weight: must be more than 0 for this exercise"'),
          404: errorResponse('no such live workout or row in it'),
          409: errorResponse('ticking a row with no reps typed and no previous row to take them from'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { id, rowId } = request.params
      return liveWorkoutJson(await request.lifter.live.changeRow(id, rowId, request.body))
    },
  )

  fastify.delete(
    '/api/v1/live-workouts/:id/rows/:rowId',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a row',
        description: 'And its set when ticked; an exercise left with no rows leaves the workout.',
        params: LiveRowParams,
        response: {
          200: live('the workout without the row'),
          404: errorResponse('no such live workout or row in it'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { id, rowId } = request.params
      return liveWorkoutJson(await request.lifter.live.removeRow(id, rowId))
    },
  )

  fastify.post(
    '/api/v1/live-workouts/:id/finish',
    {
      schema: {
        tags,
        security,
        summary: 'Finish a live workout',
        description:
          'Records the end time (now) and so the duration; rows never ticked are dropped. The workout is then an ordinary one (GET/PUT /api/v1/workouts/{id}).',
        params: LiveParams,
        body: FinishBody,
        response: {
          200: { ...FinishedOut, description: 'the finished workout' },
          400: errorResponse('title or notes too long'),
          404: notLive,
          409: errorResponse('nothing ticked yet: tick a set or discard the workout'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      return finishedJson(await request.lifter.live.finish(request.params.id, request.body))
    },
  )

  fastify.delete(
    '/api/v1/live-workouts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Discard a live workout',
        description: 'Deletes it with every set ticked in it.',
        params: LiveParams,
        response: {
          204: { description: 'discarded', type: 'null' },
          404: notLive,
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      await request.lifter.live.discard(request.params.id)
      return reply.code(204).send(null)
    },
  )
}
