// Workout pages: log, list, read, edit, repeat and delete. Handlers stay thin: the repository scopes every
// query by the signed-in user and does each write in one transaction; the form module turns flat form
// fields into the same input the API (./api.ts) takes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import type { CurrentUser } from '../../accounts/current-user.ts'
import { NotFound } from '../../errors.ts'
import { listExercises } from '../../exercises/repository.ts'
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
} from '../../workouts/form.ts'
import { type FieldErrors, workoutFieldErrors } from '../../workouts/input.ts'
import {
  formatWorkoutTime,
  fromDateColumn,
  isRealDate,
  todayIn,
  workoutZone,
} from '../../workouts/local-time.ts'
import { STYLES, workoutCard } from '../../workouts/page-data.ts'
import {
  createWorkout,
  deleteWorkout,
  findWorkout,
  listWorkouts,
  replaceWorkout,
  type WorkoutWithSets,
} from '../../workouts/repository.ts'
import { formatVolume, groupSets, volumeKg } from '../../workouts/summary.ts'

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
export default async function workoutPages(app: FastifyInstance) {
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
}
