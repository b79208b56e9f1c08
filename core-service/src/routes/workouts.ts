// Workouts: pages to log, list, read, edit, repeat and delete them, and the same under /api/v1/workouts.
// Handlers stay thin: the repository scopes every query by request.user and does each write in one
// transaction; the form module turns flat form fields into the same input the API takes.
import { Readable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import type { CurrentUser } from '../accounts/current-user.ts'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../api-errors.ts'
import { NotFound } from '../errors.ts'
import { listExercises } from '../exercises/repository.ts'
import { exportSetsCsv } from '../workouts/export.ts'
import {
  applyRowAction,
  BLANK_ROWS,
  exerciseOptions,
  type FormBody,
  type FormValues,
  filledRows,
  newValues,
  readForm,
  renderRows,
  toWorkoutInput,
  valuesFromWorkout,
} from '../workouts/form.ts'
import { type FieldErrors, workoutFieldErrors } from '../workouts/input.ts'
import { workoutJson, workoutSummaryJson } from '../workouts/json.ts'
import {
  formatWorkoutTime,
  fromDateColumn,
  isRealDate,
  todayIn,
  workoutZone,
} from '../workouts/local-time.ts'
import { STYLES, workoutCard } from '../workouts/page-data.ts'
import {
  createWorkout,
  deleteWorkout,
  findWorkout,
  listWorkouts,
  replaceWorkout,
  type WorkoutWithSets,
} from '../workouts/repository.ts'
import { WorkoutBody, WorkoutList, WorkoutListQuery, WorkoutOut, WorkoutParams } from '../workouts/schemas.ts'
import { formatVolume, groupSets, volumeKg } from '../workouts/summary.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const PageParams = Type.Object({ id: Type.String({ maxLength: 64 }) })
const FormFields = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 10_000 }), {
  maxProperties: 2000,
})
const NewQuery = Type.Object({
  repeat: Type.Optional(Type.String({ maxLength: 64, description: 'a workout to copy' })),
  date: Type.Optional(
    Type.String({ maxLength: 10, description: 'YYYY-MM-DD to start on (from the calendar)' }),
  ),
})
const ListPageQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }) })

const PER_PAGE = 20
export default async function workoutRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const { prisma } = fastify
  const auth = { onRequest: fastify.requireUser }

  async function renderForm(
    reply: FastifyReply,
    user: CurrentUser,
    form: { values: FormValues; errors?: FieldErrors; workout?: WorkoutWithSets; minimumRows?: number },
  ) {
    const errors = form.errors ?? {}
    const exercises = await listExercises(prisma, user.id, { includeArchived: true })
    const used = new Set(form.values.rows.map((r) => r.exerciseId))
    const editing = form.workout
    return reply.viewAsync('pages/workouts-form.hbs', {
      title: editing ? 'Edit workout' : 'Log a workout',
      formAction: editing ? `/workouts/${editing.id}/edit` : '/workouts',
      cancelHref: editing ? `/workouts/${editing.id}` : '/workouts',
      submitLabel: editing ? 'Save changes' : 'Save workout',
      values: form.values,
      rows: renderRows(form.values, errors, form.minimumRows ?? form.values.rows.length + 1),
      exerciseGroups: exerciseOptions(exercises, used),
      errors,
      errorCount: Object.keys(errors).length,
      unit: user.unit,
      // An old workout is edited in the zone it was logged in; say so when that is not the lifter's now.
      zoneLabel: editing && workoutZone(editing, user.timeZone) !== user.timeZone ? editing.timeZone : null,
      today: todayIn(user.timeZone),
      scripts: ['/static/js/workout-form.js'],
      styles: [STYLES],
    })
  }

  /** Saves the form or, for a row button, shows it again rearranged. */
  async function handleForm(
    reply: FastifyReply,
    user: CurrentUser,
    body: FormBody,
    save: (values: FormValues) => Promise<WorkoutWithSets | null>,
    workout?: WorkoutWithSets,
  ) {
    const values = readForm(body)
    const rearranged = applyRowAction(values, typeof body.action === 'string' ? body.action : undefined)
    if (rearranged) return renderForm(reply, user, { values: rearranged, workout, minimumRows: 1 })
    const filled = filledRows(values)
    try {
      const saved = await save(filled)
      if (!saved) throw new NotFound('workout')
      reply.flash(workout ? 'Workout updated.' : 'Workout saved.')
      return reply.redirect(`/workouts/${saved.id}`, 303)
    } catch (err) {
      const errors = workoutFieldErrors(err)
      if (!errors) throw err
      reply.code(400)
      return renderForm(reply, user, { values: filled, errors, workout })
    }
  }

  // ---- Pages ----

  fastify.get(
    '/workouts',
    {
      ...auth,
      schema: { hide: true, summary: 'Workout list', querystring: ListPageQuery, response: HtmlPage },
    },
    async (request, reply) => {
      const user = request.user!
      const page = await listWorkouts(prisma, user.id, { page: request.query.page, perPage: PER_PAGE })
      return reply.viewAsync('pages/workouts-list.hbs', {
        title: 'Workouts',
        styles: [STYLES],
        workouts: page.items.map((w) => workoutCard(w, user)),
        page: page.page,
        pages: page.pages,
        total: page.total,
        prevHref: page.page > 1 ? `/workouts?page=${page.page - 1}` : null,
        nextHref: page.page < page.pages ? `/workouts?page=${page.page + 1}` : null,
      })
    },
  )

  fastify.get(
    '/workouts/new',
    {
      ...auth,
      schema: { hide: true, summary: 'New workout form', querystring: NewQuery, response: HtmlPage },
    },
    async (request, reply) => {
      const user = request.user!
      // A day from the calendar, if it is one a workout can be logged on (not in the future).
      const { date: asked } = request.query
      const date = asked && isRealDate(asked) && asked <= todayIn(user.timeZone) ? asked : undefined
      if (request.query.repeat) {
        const source = await findWorkout(prisma, user.id, request.query.repeat)
        if (!source) throw new NotFound('workout')
        const now = newValues(user.timeZone, new Date(), date)
        const values = {
          ...valuesFromWorkout(source, user.unit, user.timeZone, { notes: '' }),
          date: now.date,
          time: now.time,
        }
        return renderForm(reply, user, { values })
      }
      return renderForm(reply, user, {
        values: newValues(user.timeZone, new Date(), date),
        minimumRows: BLANK_ROWS + 2,
      })
    },
  )

  fastify.post(
    '/workouts',
    { ...auth, schema: { hide: true, summary: 'Log a workout', body: FormFields } },
    async (request, reply) => {
      const user = request.user!
      return handleForm(reply, user, request.body, (values) =>
        createWorkout(prisma, user.id, toWorkoutInput(values, user.timeZone)),
      )
    },
  )

  fastify.get(
    '/workouts/:id',
    { ...auth, schema: { hide: true, summary: 'Workout detail', params: PageParams, response: HtmlPage } },
    async (request, reply) => {
      const user = request.user!
      const workout = await findWorkout(prisma, user.id, request.params.id)
      if (!workout) throw new NotFound('workout')
      const localDate = fromDateColumn(workout.localDate)
      return reply.viewAsync('pages/workouts-detail.hbs', {
        title: workout.title ?? 'Workout',
        styles: [STYLES],
        workout: {
          id: workout.id,
          title: workout.title ?? 'Workout',
          when: formatWorkoutTime(workout, user.timeZone),
          notes: workout.notes,
          groups: groupSets(workout.sets, user.unit),
          setCount: workout.sets.length,
          volume: formatVolume(volumeKg(workout.sets), user.unit),
        },
        dayHref: `/calendar/${localDate}`,
        editHref: `/workouts/${workout.id}/edit`,
        repeatHref: `/workouts/new?repeat=${workout.id}`,
        deleteAction: `/workouts/${workout.id}/delete`,
      })
    },
  )

  fastify.get(
    '/workouts/:id/edit',
    { ...auth, schema: { hide: true, summary: 'Edit workout form', params: PageParams, response: HtmlPage } },
    async (request, reply) => {
      const user = request.user!
      const workout = await findWorkout(prisma, user.id, request.params.id)
      if (!workout) throw new NotFound('workout')
      return renderForm(reply, user, {
        values: valuesFromWorkout(workout, user.unit, workoutZone(workout, user.timeZone)),
        workout,
      })
    },
  )

  fastify.post(
    '/workouts/:id/edit',
    {
      ...auth,
      schema: { hide: true, summary: 'Save workout changes', params: PageParams, body: FormFields },
    },
    async (request, reply) => {
      const user = request.user!
      const workout = await findWorkout(prisma, user.id, request.params.id)
      if (!workout) throw new NotFound('workout')
      return handleForm(
        reply,
        user,
        request.body,
        (values) => {
          // The form shows and takes the date and time in the workout's own zone.
          const zone = workoutZone(workout, user.timeZone)
          const input = toWorkoutInput(values, zone)
          // Date and time left as the form showed them keep the workout's instant, and so its local date.
          const shown = valuesFromWorkout(workout, user.unit, zone)
          if (values.date === shown.date && values.time === shown.time) input.startedAt = workout.startedAt
          return replaceWorkout(prisma, user.id, workout.id, input)
        },
        workout,
      )
    },
  )

  fastify.post(
    '/workouts/:id/delete',
    { ...auth, schema: { hide: true, summary: 'Delete a workout', params: PageParams } },
    async (request, reply) => {
      const user = request.user!
      if (!(await deleteWorkout(prisma, user.id, request.params.id))) throw new NotFound('workout')
      reply.flash('Workout deleted.')
      return reply.redirect('/workouts', 303)
    },
  )

  // ---- JSON API ----

  const tags = ['workouts']

  fastify.get(
    '/api/v1/workouts',
    {
      ...auth,
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
      const user = request.user!
      const { page, perPage, date } = request.query
      const result = await listWorkouts(prisma, user.id, { page, perPage, date })
      return { ...result, items: result.items.map((w) => workoutSummaryJson(w, user.unit)) }
    },
  )

  // On the plain instance: the body is a stream, which the typed 200 schema (a CSV string) cannot describe.
  app.get(
    '/api/v1/export/sets.csv',
    {
      ...auth,
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
      const user = request.user!
      const filename = `liftlog-${user.username}-${todayIn(user.timeZone)}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(exportSetsCsv(prisma, user)))
    },
  )

  fastify.get(
    '/api/v1/workouts/:id',
    {
      ...auth,
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
      const user = request.user!
      const workout = await findWorkout(prisma, user.id, request.params.id)
      if (!workout) throw new NotFound('workout')
      return workoutJson(workout, user.unit)
    },
  )

  fastify.post(
    '/api/v1/workouts',
    {
      ...auth,
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
      const user = request.user!
      const body = request.body
      const workout = await createWorkout(prisma, user.id, {
        ...body,
        startedAt: body.startedAt ? new Date(body.startedAt) : new Date(),
      })
      reply.code(201).header('location', `/api/v1/workouts/${workout.id}`)
      return workoutJson(workout, user.unit)
    },
  )

  fastify.put(
    '/api/v1/workouts/:id',
    {
      ...auth,
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
      const user = request.user!
      const body = request.body
      const existing = await findWorkout(prisma, user.id, request.params.id)
      if (!existing) throw new NotFound('workout')
      const workout = await replaceWorkout(prisma, user.id, existing.id, {
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
      ...auth,
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
      if (!(await deleteWorkout(prisma, request.user!.id, request.params.id))) throw new NotFound('workout')
      return reply.code(204).send(null)
    },
  )
}
