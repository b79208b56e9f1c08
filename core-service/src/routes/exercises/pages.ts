// Exercise pages: the catalog (browse, filter, search, create your own) and an edit page for your own
// (rename, archive, delete when unused). The JSON twin is ./api.ts. Registered inside a signedIn scope
// (app.ts): handlers go through request.lifter.exercises.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import { NotFound } from '../../errors.ts'
import { archiveBody, createBody, type ExerciseFormValues, renameBody } from '../../exercises/form.ts'
import { exerciseJson } from '../../exercises/json.ts'
import { CreateExerciseBody, categories, equipments, UpdateExerciseBody } from '../../exercises/schemas.ts'
import type { Exercise, ExerciseFilter } from '../../exercises/types.ts'
import { categoryLabel, equipmentLabel, exerciseName, muscleGroupLabel } from '../../i18n/exercise-names.ts'
import type { Lifter } from '../../lifter.ts'
import { type FieldErrors, FormFields, refusal, validBody } from '../../validation.ts'
import { STYLES } from '../../workouts/page-data.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const PageParams = Type.Object({ id: Type.String({ maxLength: 64 }) })
// Page filters are forgiving: an unknown equipment or an over-long search just shows nothing matching.
const PageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  muscleGroup: Type.Optional(Type.String({ maxLength: 200 })),
  equipment: Type.Optional(Type.String({ maxLength: 200 })),
  archived: Type.Optional(Type.String({ maxLength: 10 })),
})

export default async function exercisePages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  async function renderCatalog(
    reply: FastifyReply,
    lifter: Lifter,
    query: { q?: string; muscleGroup?: string; equipment?: string; archived?: string },
    form: { values?: ExerciseFormValues; errors?: FieldErrors } = {},
  ) {
    const equipment = equipments.find((e) => e === query.equipment)
    const filter: ExerciseFilter = {
      q: query.q?.slice(0, 80),
      muscleGroup: query.muscleGroup || undefined,
      equipment,
      includeArchived: query.archived === 'on',
    }
    const [exercises, groups] = await Promise.all([
      lifter.exercises.list(filter),
      lifter.exercises.muscleGroups(),
    ])
    const filtered = Boolean(filter.q || filter.muscleGroup || filter.equipment)
    const { locale } = lifter
    return reply.viewAsync('pages/exercises.hbs', {
      title: reply.request.t('nav.exercises'),
      styles: [STYLES],
      query: { ...query, archived: filter.includeArchived },
      filtered,
      exercises: exercises.map((e) => ({
        ...exerciseJson(e),
        name: exerciseName(e.name, locale),
        muscleGroup: muscleGroupLabel(e.muscleGroup, locale),
        categoryLabel: categoryLabel(e.category, locale),
        equipmentLabel: equipmentLabel(e.equipment, locale),
        editHref: e.builtIn ? null : `/exercises/${e.id}/edit`,
      })),
      muscleGroups: groups.map((value) => ({ value, label: muscleGroupLabel(value, locale) })),
      categories: categories.map((value) => ({ value, label: categoryLabel(value, locale) })),
      equipments: equipments.map((value) => ({ value, label: equipmentLabel(value, locale) })),
      values: { category: '', equipment: '', ...form.values },
      errors: form.errors ?? {},
    })
  }

  async function renderEdit(
    reply: FastifyReply,
    lifter: Lifter,
    exercise: Exercise,
    errors: FieldErrors = {},
    name?: string,
  ) {
    const used = await lifter.exercises.setsUsing(exercise.id)
    const { locale } = lifter
    return reply.viewAsync('pages/exercises-edit.hbs', {
      title: reply.request.t('exerciseEdit.title', { name: exercise.name }),
      styles: [STYLES],
      exercise: {
        ...exerciseJson(exercise),
        muscleGroup: muscleGroupLabel(exercise.muscleGroup, locale),
        categoryLabel: categoryLabel(exercise.category, locale),
        equipmentLabel: equipmentLabel(exercise.equipment, locale),
      },
      values: { name: name ?? exercise.name },
      used,
      errors,
    })
  }

  /** The user's own exercise for the edit pages; built-ins and other people's are "not found". */
  async function ownExercise(lifter: Lifter, id: string): Promise<Exercise> {
    const exercise = await lifter.exercises.findOwn(id)
    if (!exercise) throw new NotFound('exercise')
    return exercise
  }

  fastify.get(
    '/exercises',
    {
      schema: { hide: true, summary: 'Exercise catalog', querystring: PageQuery, response: HtmlPage },
    },
    async (request, reply) => renderCatalog(reply, request.lifter, request.query),
  )

  fastify.post(
    '/exercises',
    { schema: { hide: true, summary: 'Create an exercise', body: FormFields } },
    async (request, reply) => {
      const lifter = request.lifter
      const values = request.body
      try {
        const created = await lifter.exercises.create(validBody(CreateExerciseBody, createBody(values)))
        reply.flash(request.t('flash.exerciseAdded', { name: created.name }))
        return reply.redirect(`/exercises?q=${encodeURIComponent(created.name)}`, 303)
      } catch (err) {
        const { statusCode, errors } = refusal(err)
        reply.code(statusCode)
        return renderCatalog(reply, lifter, {}, { values, errors })
      }
    },
  )

  fastify.get(
    '/exercises/:id/edit',
    {
      schema: { hide: true, summary: 'Edit one of your exercises', params: PageParams, response: HtmlPage },
    },
    async (request, reply) =>
      renderEdit(reply, request.lifter, await ownExercise(request.lifter, request.params.id)),
  )

  fastify.post(
    '/exercises/:id/rename',
    { schema: { hide: true, summary: 'Rename an exercise', params: PageParams, body: FormFields } },
    async (request, reply) => {
      const lifter = request.lifter
      const exercise = await ownExercise(lifter, request.params.id)
      try {
        await lifter.exercises.change(exercise.id, validBody(UpdateExerciseBody, renameBody(request.body)))
      } catch (err) {
        const { statusCode, errors } = refusal(err)
        reply.code(statusCode)
        return renderEdit(reply, lifter, exercise, errors, request.body.name)
      }
      reply.flash(request.t('flash.renamed'))
      return reply.redirect(`/exercises/${exercise.id}/edit`, 303)
    },
  )

  fastify.post(
    '/exercises/:id/archive',
    {
      schema: {
        hide: true,
        summary: 'Archive or restore an exercise',
        params: PageParams,
        body: FormFields,
      },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const exercise = await ownExercise(lifter, request.params.id)
      const change = archiveBody(request.body)
      await lifter.exercises.change(exercise.id, change)
      const { archived } = change
      reply.flash(
        request.t(archived ? 'flash.exerciseArchived' : 'flash.exerciseRestored', { name: exercise.name }),
      )
      return reply.redirect(`/exercises/${exercise.id}/edit`, 303)
    },
  )

  fastify.post(
    '/exercises/:id/delete',
    { schema: { hide: true, summary: 'Delete an unused exercise', params: PageParams } },
    async (request, reply) => {
      const lifter = request.lifter
      const exercise = await ownExercise(lifter, request.params.id)
      try {
        await lifter.exercises.delete(exercise.id)
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 409) throw err
        reply.code(409)
        return renderEdit(reply, lifter, exercise, { _form: (err as Error).message })
      }
      reply.flash(request.t('flash.exerciseDeleted', { name: exercise.name }))
      return reply.redirect('/exercises', 303)
    },
  )
}
