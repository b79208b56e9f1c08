// The live workout page (/workouts/live) and its small forms. Without JavaScript every button is a form
// post that answers 303 back to the exercise it changed (/workouts/live#exercise-2): post/redirect/get, so
// a reload never resubmits and the page returns to where the lifter was. With JavaScript, live-workout.js
// sends the same changes to the JSON API (./live-api.ts) instead. Registered inside a signedIn scope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { CreateExerciseBody, categories, equipments } from '../../exercises/schemas.ts'
import { categoryLabel, equipmentLabel } from '../../i18n/exercise-names.ts'
import { formErrorPatterns, localizeFormError } from '../../i18n/form-errors.ts'
import { catalogs, hasKey } from '../../i18n/translate.ts'
import { FormFields, fieldErrorsOf, validBody } from '../../validation.ts'
import { noLiveWorkout } from '../../workouts/live-errors.ts'
import { pickerChoices, rowAction, toRowChange } from '../../workouts/live-form.ts'
import { RowChangeBody } from '../../workouts/live-schemas.ts'
import type { LiveWorkout } from '../../workouts/live-types.ts'
import { exerciseAnchor, liveView } from '../../workouts/live-view.ts'
import { formatLocal } from '../../workouts/local-time.ts'
import { STYLES } from '../../workouts/page-data.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const LivePageQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 80 })) })
const uuid = Type.String({ maxLength: 64 })
const IdParams = Type.Object({ id: uuid })
const EntryParams = Type.Object({ id: uuid, entryId: uuid })
const RowParams = Type.Object({ id: uuid, rowId: uuid })

const LIVE = '/workouts/live'

/** Every signed-in page shows "Workout in progress — resume" while there is one (except the live page). */
export async function liveBanner(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'GET' || request.url.startsWith(LIVE)) return
  const id = await request.lifter.live.currentId()
  if (id) reply.locals.liveWorkout = { href: LIVE }
}

export default async function liveWorkoutPages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  /**
   * Runs a change and answers 303 back to `anchor` on the live page. A refusal a person can fix (bad reps,
   * "type the reps first") becomes the flash on that page, never an error page, so the workout stays in view.
   */
  async function thenBack(
    request: FastifyRequest,
    reply: FastifyReply,
    change: () => Promise<LiveWorkout>,
    anchor: (workout: LiveWorkout | undefined) => string,
  ) {
    try {
      const workout = await change()
      return reply.redirect(`${LIVE}#${anchor(workout)}`, 303)
    } catch (error) {
      const fields = fieldErrorsOf(error)
      const message = (error as { message?: string }).message
      const status = (error as { statusCode?: number }).statusCode ?? 500
      if (status === 404 && !fields) throw error
      if (!fields && status >= 500) throw error
      const first = fields ? Object.entries(fields)[0] : undefined
      const { t, locale } = request
      const fieldKey = `live.fields.${first?.[0]}`
      reply.flash(
        first
          ? t('live.notSavedField', {
              field: hasKey(locale, fieldKey) ? t(fieldKey) : first[0],
              message: localizeFormError(String(first[1]), locale),
            })
          : t('live.notSaved', { message: localizeFormError(message ?? '', locale) }),
      )
      return reply.redirect(`${LIVE}#${anchor(undefined)}`, 303)
    }
  }

  const entryAnchor = (workout: LiveWorkout | undefined, entryId: string) => {
    const index = workout?.entries.findIndex((e) => e.id === entryId) ?? -1
    return index >= 0 ? exerciseAnchor(index) : 'live-workout'
  }
  const rowAnchor = (workout: LiveWorkout | undefined, rowId: string) => {
    const index = workout?.entries.findIndex((e) => e.rows.some((r) => r.id === rowId)) ?? -1
    return index >= 0 ? exerciseAnchor(index) : 'live-workout'
  }

  fastify.post(
    LIVE,
    { schema: { hide: true, summary: 'Start (or resume) a live workout', body: Type.Optional(FormFields) } },
    async (request, reply) => {
      await request.lifter.live.start()
      return reply.redirect(LIVE, 303)
    },
  )

  fastify.get(
    LIVE,
    { schema: { hide: true, summary: 'The live workout', querystring: LivePageQuery, response: HtmlPage } },
    async (request, reply) => {
      const lifter = request.lifter
      const workout = await lifter.live.current()
      if (!workout)
        return reply.viewAsync('pages/workouts-live-none.hbs', {
          title: request.t('live.noneTitle'),
          styles: [STYLES],
        })
      const q = request.query.q?.trim() ?? ''
      const [exercises, recent, staples] = await Promise.all([
        lifter.exercises.list(),
        lifter.live.recentExerciseIds(),
        lifter.live.stapleExerciseIds(),
      ])
      const locale = lifter.locale
      const choices = pickerChoices(exercises, recent, q, locale, staples)
      return reply.viewAsync('pages/workouts-live.hbs', {
        title: request.t('live.inProgress'),
        styles: [STYLES],
        scripts: ['/static/js/live-workout.js'],
        live: liveView(workout, lifter.today(), locale),
        startedAt: formatLocal(
          workout.startedAt,
          workout.timeZone ?? lifter.user.timeZone,
          lifter.twelveHour,
          locale,
        ),
        unit: lifter.user.unit,
        q,
        recentChoices: choices.filter((c) => c.recent),
        otherChoices: choices.filter((c) => !c.recent),
        noMatch: choices.length === 0,
        categories: categories.map((c) => ({ value: c, label: categoryLabel(c, locale) })),
        equipments: equipments.map((e) => ({ value: e, label: equipmentLabel(e, locale) })),
        // The API answers in English; the script words its refusals with this (none needed in English).
        refusals:
          locale === 'en'
            ? null
            : {
                fields: (catalogs[locale].live as { fields: Record<string, string> }).fields,
                patterns: formErrorPatterns(locale),
                fallback: request.t('live.scriptRefused'),
              },
      })
    },
  )

  fastify.post(
    `${LIVE}/:id/exercises`,
    { schema: { hide: true, summary: 'Add an exercise', params: IdParams, body: FormFields } },
    async (request, reply) => {
      const exerciseId = request.body.exerciseId ?? ''
      return thenBack(
        request,
        reply,
        () => request.lifter.live.addExercise(request.params.id, { exerciseId, copyLast: true }),
        (w) => (w ? exerciseAnchor(w.entries.length - 1) : 'add-exercise'),
      )
    },
  )

  fastify.post(
    `${LIVE}/:id/exercises/new`,
    { schema: { hide: true, summary: 'Create an exercise and add it', params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { name = '', category = 'full_body', equipment = 'other' } = request.body
      const lifter = request.lifter
      // Someone else's (or a finished) workout creates nothing: ask before the exercise is made.
      if ((await lifter.live.currentId()) !== request.params.id) throw noLiveWorkout()
      return thenBack(
        request,
        reply,
        async () => {
          const created = await lifter.exercises.create(
            validBody(CreateExerciseBody, {
              name,
              category,
              equipment,
              // Shown as typed from then on: in the lifter's language, as they would have typed it.
              muscleGroup: categoryLabel(category, lifter.locale),
            }),
          )
          return lifter.live.addExercise(request.params.id, { exerciseId: created.id })
        },
        (w) => (w ? exerciseAnchor(w.entries.length - 1) : 'add-exercise'),
      )
    },
  )

  fastify.post(
    `${LIVE}/:id/entries/:entryId/rows`,
    { schema: { hide: true, summary: 'Add a set', params: EntryParams, body: FormFields } },
    async (request, reply) => {
      const { id, entryId } = request.params
      return thenBack(
        request,
        reply,
        () => request.lifter.live.addRow(id, entryId),
        (w) => entryAnchor(w, entryId),
      )
    },
  )

  fastify.post(
    `${LIVE}/:id/entries/:entryId/copy-last`,
    { schema: { hide: true, summary: 'Plan last time’s sets', params: EntryParams, body: FormFields } },
    async (request, reply) => {
      const { id, entryId } = request.params
      return thenBack(
        request,
        reply,
        () => request.lifter.live.copyLastTime(id, entryId),
        (w) => entryAnchor(w, entryId),
      )
    },
  )

  fastify.post(
    `${LIVE}/:id/rows/:rowId`,
    {
      schema: {
        hide: true,
        summary: 'Tick, untick, change or remove a set',
        params: RowParams,
        body: FormFields,
      },
    },
    async (request, reply) => {
      const { id, rowId } = request.params
      const live = request.lifter.live
      const action = rowAction(request.body)
      // The anchor is found before a remove, which may take the exercise with it.
      const before = await live.current()
      if (!before || before.id !== id) throw noLiveWorkout()
      const anchor = rowAnchor(before, rowId)
      return thenBack(
        request,
        reply,
        () =>
          action === 'remove'
            ? live.removeRow(id, rowId)
            : live.changeRow(id, rowId, validBody(RowChangeBody, toRowChange(request.body, action))),
        () => anchor,
      )
    },
  )

  fastify.post(
    `${LIVE}/:id/finish`,
    { schema: { hide: true, summary: 'Finish the live workout', params: IdParams, body: FormFields } },
    async (request, reply) => {
      const live = request.lifter.live
      try {
        const finished = await live.finish(request.params.id)
        reply.flash(request.t('live.finished'))
        return reply.redirect(`/workouts/${finished.id}`, 303)
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 409) throw error
        reply.flash(localizeFormError((error as Error).message, request.locale))
        return reply.redirect(`${LIVE}#finish`, 303)
      }
    },
  )

  fastify.get(
    `${LIVE}/:id/discard`,
    { schema: { hide: true, summary: 'Confirm discarding', params: IdParams, response: HtmlPage } },
    async (request, reply) => {
      const workout = await request.lifter.live.current()
      if (!workout || workout.id !== request.params.id) throw noLiveWorkout()
      return reply.viewAsync('pages/workouts-live-discard.hbs', {
        title: request.t('live.discardTitle'),
        styles: [STYLES],
        id: workout.id,
        doneCount: workout.doneCount,
      })
    },
  )

  fastify.post(
    `${LIVE}/:id/discard`,
    { schema: { hide: true, summary: 'Discard the live workout', params: IdParams, body: FormFields } },
    async (request, reply) => {
      await request.lifter.live.discard(request.params.id)
      reply.flash(request.t('live.discarded'))
      return reply.redirect('/workouts', 303)
    },
  )
}
