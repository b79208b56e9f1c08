// The routines pages: /routines (each with Start), /routines/new and /routines/:id/edit (a plain form that
// works without JavaScript), delete, and "Save as routine" from a finished workout's page. Every form is a
// post that answers 303 (post/redirect/get). Registered inside a signedIn scope: handlers go through
// request.lifter.routines, which answers 404 for anything not the lifter's own.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { exerciseName } from '../i18n/exercise-names.ts'
import { localizeFormError } from '../i18n/form-errors.ts'
import { noRoutine } from '../routines/errors.ts'
import { type FormRow, postedRows, routineInput, rowsOf, withBlankRows } from '../routines/form.ts'
import type { Routine } from '../routines/types.ts'
import { type FieldErrors, FormFields, invalidInput, refusal } from '../validation.ts'
import { STYLES } from '../workouts/page-data.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) })

export default async function routinePages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    routine: Routine | null,
    values: { name: string; rows: FormRow[] },
    errors: FieldErrors = {},
    status = 200,
  ) {
    const { lifter, t } = request
    const exercises = (await lifter.exercises.list()).filter((e) => !e.archived)
    const choices = exercises.map((e) => ({ id: e.id, name: exerciseName(e.name, lifter.locale) }))
    const messages = Object.entries(errors).map(([, message]) => localizeFormError(message, lifter.locale))
    return reply.code(status).viewAsync('pages/routines-form.hbs', {
      title: routine ? t('routines.editTitle') : t('routines.newTitle'),
      styles: [STYLES],
      action: routine ? `/routines/${routine.id}` : '/routines',
      deleteAction: routine ? `/routines/${routine.id}/delete` : null,
      name: values.name,
      unit: lifter.user.unit,
      messages,
      rows: values.rows.map((row, i) => ({
        ...row,
        index: i,
        number: i + 1,
        choices: choices.map((c) => ({ ...c, selected: c.id === row.exerciseId })),
      })),
    })
  }

  fastify.get(
    '/routines',
    { schema: { hide: true, summary: 'Your routines', response: HtmlPage } },
    async (request, reply) => {
      const { lifter, t } = request
      const routines = await lifter.routines.list()
      return reply.viewAsync('pages/routines.hbs', {
        title: t('routines.title'),
        styles: [STYLES],
        routines: routines.map((r) => ({
          id: r.id,
          name: r.name,
          startAction: `/routines/${r.id}/start`,
          editHref: `/routines/${r.id}/edit`,
          lines: r.exercises.map((e) =>
            t(e.weight === null ? 'routines.targetNoWeight' : 'routines.target', {
              name: exerciseName(e.exercise.name, lifter.locale),
              sets: e.sets,
              reps: e.reps,
              weight: e.weight,
              unit: e.unit,
            }),
          ),
        })),
      })
    },
  )

  fastify.get(
    '/routines/new',
    { schema: { hide: true, summary: 'New routine form', response: HtmlPage } },
    async (request, reply) =>
      renderForm(request, reply, null, { name: '', rows: withBlankRows([], request.lifter.user.unit) }),
  )

  fastify.get(
    '/routines/:id/edit',
    { schema: { hide: true, summary: 'Edit routine form', params: IdParams, response: HtmlPage } },
    async (request, reply) => {
      const routine = await request.lifter.routines.find(request.params.id)
      if (!routine) throw noRoutine()
      return renderForm(request, reply, routine, {
        name: routine.name,
        rows: rowsOf(routine, request.lifter.user.unit),
      })
    },
  )

  /** Saves the posted form with `save`; a refusal a person can fix shows the form again with why. */
  async function saveForm(
    request: FastifyRequest<{ Body: Record<string, string> }>,
    reply: FastifyReply,
    routine: Routine | null,
    save: (input: ReturnType<typeof routineInput>['input']) => Promise<Routine>,
  ) {
    const fields = request.body ?? {}
    const again = {
      name: fields.name ?? '',
      rows: withBlankRows(postedRows(fields, request.lifter.user.unit), request.lifter.user.unit),
    }
    try {
      const { input, errors } = routineInput(fields, request.lifter.user.unit)
      if (Object.keys(errors).length > 0) throw invalidInput(errors)
      await save(input)
      reply.flash(request.t('routines.saved'))
      return reply.redirect('/routines', 303)
    } catch (error) {
      const { statusCode, errors } = refusal(error)
      return renderForm(request, reply, routine, again, errors, statusCode)
    }
  }

  fastify.post(
    '/routines',
    { schema: { hide: true, summary: 'Create a routine', body: FormFields } },
    async (request, reply) =>
      saveForm(request, reply, null, (input) => request.lifter.routines.create(input)),
  )

  fastify.post(
    '/routines/:id',
    { schema: { hide: true, summary: 'Replace a routine', params: IdParams, body: FormFields } },
    async (request, reply) => {
      const routine = await request.lifter.routines.find(request.params.id)
      if (!routine) throw noRoutine()
      return saveForm(request, reply, routine, (input) => request.lifter.routines.replace(routine.id, input))
    },
  )

  fastify.post(
    '/routines/:id/delete',
    {
      schema: { hide: true, summary: 'Delete a routine', params: IdParams, body: Type.Optional(FormFields) },
    },
    async (request, reply) => {
      await request.lifter.routines.remove(request.params.id)
      reply.flash(request.t('routines.deleted'))
      return reply.redirect('/routines', 303)
    },
  )

  fastify.post(
    '/routines/:id/start',
    { schema: { hide: true, summary: 'Start a routine', params: IdParams, body: Type.Optional(FormFields) } },
    async (request, reply) => {
      try {
        await request.lifter.routines.start(request.params.id)
      } catch (error) {
        // Already training: say so on the workout in progress rather than on an error page.
        if ((error as { statusCode?: number }).statusCode !== 409) throw error
        reply.flash(request.t('routines.alreadyLive'))
      }
      return reply.redirect('/workouts/live', 303)
    },
  )

  fastify.post(
    '/workouts/:id/routine',
    {
      schema: {
        hide: true,
        summary: 'Save a workout as a routine',
        params: IdParams,
        body: Type.Optional(FormFields),
      },
    },
    async (request, reply) => {
      const created = await request.lifter.routines.fromWorkout(request.params.id, {
        untitled: (date) => request.t('routines.untitledName', { date }),
      })
      reply.flash(request.t('routines.savedFromWorkout'))
      return reply.redirect(`/routines/${created.id}/edit`, 303)
    },
  )
}
