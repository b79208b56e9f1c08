// Workout pages: log, list, read, edit, repeat and delete. Handlers stay thin: request.lifter.workouts
// scopes every query by the signed-in lifter and does each write in one transaction (the routes are
// registered inside a signedIn scope, app.ts); the form module turns flat form fields into the same input
// the API (./api.ts) takes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import { NotFound } from '../../errors.ts'
import type { Lifter } from '../../lifter.ts'
import { type FieldErrors, FormFields, refusal, validBody } from '../../validation.ts'
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
  toWorkoutBody,
  valuesFromWorkout,
} from '../../workouts/form.ts'
import type { WorkoutInput } from '../../workouts/input.ts'
import { isRealDate, workoutZone } from '../../workouts/local-time.ts'
import { STYLES, workoutCard, workoutDetail } from '../../workouts/page-data.ts'
import { WorkoutBody } from '../../workouts/schemas.ts'
import type { Workout } from '../../workouts/types.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const PageParams = Type.Object({ id: Type.String({ maxLength: 64 }) })
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

  async function renderForm(
    reply: FastifyReply,
    lifter: Lifter,
    form: { values: FormValues; errors?: FieldErrors; workout?: Workout; minimumRows?: number },
  ) {
    const { user } = lifter
    const t = reply.request.t
    const errors = form.errors ?? {}
    const exercises = await lifter.exercises.list({ includeArchived: true })
    const used = new Set(form.values.rows.map((r) => r.exerciseId))
    const editing = form.workout
    return reply.viewAsync('pages/workouts-form.hbs', {
      title: editing ? t('workouts.editTitle') : t('common.logAWorkout'),
      formAction: editing ? `/workouts/${editing.id}/edit` : '/workouts',
      cancelHref: editing ? `/workouts/${editing.id}` : '/workouts',
      submitLabel: editing ? t('workoutForm.saveChanges') : t('workoutForm.saveWorkout'),
      values: form.values,
      rows: renderRows(form.values, errors, form.minimumRows ?? form.values.rows.length + 1),
      exerciseGroups: exerciseOptions(exercises, used, lifter.locale),
      errors,
      errorCount: Object.keys(errors).length,
      unit: user.unit,
      // An old workout is edited in the zone it was logged in; say so when that is not the lifter's now.
      zoneLabel: editing && workoutZone(editing, user.timeZone) !== user.timeZone ? editing.timeZone : null,
      today: lifter.today(),
      scripts: ['/static/js/workout-form.js'],
      styles: [STYLES],
    })
  }

  /**
   * Saves the form or, for a row button, shows it again rearranged. The values become the API's body,
   * checked by its schema; `save` gets it as the repository's input (the API's path from there on).
   */
  async function handleForm(
    reply: FastifyReply,
    lifter: Lifter,
    body: FormBody,
    save: (input: WorkoutInput) => Promise<Workout | null>,
    workout?: Workout,
  ) {
    const values = readForm(body)
    const rearranged = applyRowAction(values, typeof body.action === 'string' ? body.action : undefined)
    if (rearranged) return renderForm(reply, lifter, { values: rearranged, workout, minimumRows: 1 })
    const filled = filledRows(values)
    // The form shows and takes the date and time in the workout's own zone (a new one: the lifter's).
    const { unit, timeZone } = lifter.user
    const zone = workout ? workoutZone(workout, timeZone) : timeZone
    const shown = workout && { ...valuesFromWorkout(workout, unit, zone), startedAt: workout.startedAt }
    try {
      const { startedAt, ...rest } = validBody(WorkoutBody, toWorkoutBody(filled, zone, shown))
      const saved = await save({ ...rest, startedAt: new Date(startedAt ?? Number.NaN) })
      if (!saved) throw new NotFound('workout')
      reply.flash(reply.request.t(workout ? 'flash.workoutUpdated' : 'flash.workoutSaved'))
      return reply.redirect(`/workouts/${saved.id}`, 303)
    } catch (err) {
      const { statusCode, errors } = refusal(err)
      reply.code(statusCode)
      return renderForm(reply, lifter, { values: filled, errors, workout })
    }
  }

  fastify.get(
    '/workouts',
    {
      schema: { hide: true, summary: 'Workout list', querystring: ListPageQuery, response: HtmlPage },
    },
    async (request, reply) => {
      const { user, workouts } = request.lifter
      const page = await workouts.list({ page: request.query.page, perPage: PER_PAGE })
      return reply.viewAsync('pages/workouts-list.hbs', {
        title: request.t('nav.workouts'),
        styles: [STYLES],
        workouts: page.items.map((w) =>
          workoutCard(w, user, request.lifter.twelveHour, request.lifter.locale),
        ),
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
      schema: { hide: true, summary: 'New workout form', querystring: NewQuery, response: HtmlPage },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const { user } = lifter
      // A day from the calendar, if it is one a workout can be logged on (not in the future).
      const { date: asked } = request.query
      const date = asked && isRealDate(asked) && asked <= lifter.today() ? asked : undefined
      const now = newValues(user.timeZone, lifter.now(), date)
      if (request.query.repeat) {
        const source = await lifter.workouts.find(request.query.repeat)
        if (!source) throw new NotFound('workout')
        const values = {
          ...valuesFromWorkout(source, user.unit, user.timeZone, { notes: '' }),
          date: now.date,
          time: now.time,
        }
        return renderForm(reply, lifter, { values })
      }
      return renderForm(reply, lifter, {
        values: now,
        minimumRows: BLANK_ROWS + 2,
      })
    },
  )

  fastify.post(
    '/workouts',
    { schema: { hide: true, summary: 'Log a workout', body: FormFields } },
    async (request, reply) => {
      const lifter = request.lifter
      return handleForm(reply, lifter, request.body, (input) => lifter.workouts.create(input))
    },
  )

  fastify.get(
    '/workouts/:id',
    { schema: { hide: true, summary: 'Workout detail', params: PageParams, response: HtmlPage } },
    async (request, reply) => {
      const { user, workouts } = request.lifter
      const workout = await workouts.find(request.params.id)
      if (!workout) throw new NotFound('workout')
      // A workout in progress is shown, and changed, set by set on the live page.
      if (workout.live) return reply.redirect('/workouts/live', 303)
      return reply.viewAsync('pages/workouts-detail.hbs', {
        title: workout.title ?? request.t('workouts.untitled'),
        styles: [STYLES],
        workout: workoutDetail(workout, user, request.lifter.twelveHour, request.lifter.locale),
        dayHref: `/calendar/${workout.localDate}`,
        editHref: `/workouts/${workout.id}/edit`,
        repeatHref: `/workouts/new?repeat=${workout.id}`,
        deleteAction: `/workouts/${workout.id}/delete`,
        saveAsRoutineAction: `/workouts/${workout.id}/routine`,
      })
    },
  )

  fastify.get(
    '/workouts/:id/edit',
    { schema: { hide: true, summary: 'Edit workout form', params: PageParams, response: HtmlPage } },
    async (request, reply) => {
      const lifter = request.lifter
      const { user } = lifter
      const workout = await lifter.workouts.find(request.params.id)
      if (!workout) throw new NotFound('workout')
      if (workout.live) return reply.redirect('/workouts/live', 303)
      return renderForm(reply, lifter, {
        values: valuesFromWorkout(workout, user.unit, workoutZone(workout, user.timeZone)),
        workout,
      })
    },
  )

  fastify.post(
    '/workouts/:id/edit',
    {
      schema: { hide: true, summary: 'Save workout changes', params: PageParams, body: FormFields },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const workout = await lifter.workouts.find(request.params.id)
      if (!workout) throw new NotFound('workout')
      return handleForm(
        reply,
        lifter,
        request.body,
        (input) => lifter.workouts.replace(workout.id, input),
        workout,
      )
    },
  )

  fastify.post(
    '/workouts/:id/delete',
    { schema: { hide: true, summary: 'Delete a workout', params: PageParams } },
    async (request, reply) => {
      if (!(await request.lifter.workouts.delete(request.params.id))) throw new NotFound('workout')
      reply.flash(request.t('flash.workoutDeleted'))
      return reply.redirect('/workouts', 303)
    },
  )
}
