// Exercise pages: the catalog (browse, filter, search, create your own) and an edit page for your own
// (rename, archive, delete when unused). The JSON twin is ./api.ts. Registered inside a signedIn scope
// (app.ts): handlers go through request.lifter.exercises.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import { NotFound } from '../../errors.ts'
import { type CreateFormValues, checkCreateForm, createInputFromForm } from '../../exercises/form.ts'
import { equipmentLabels, exerciseJson } from '../../exercises/json.ts'
import { categories, equipments } from '../../exercises/schemas.ts'
import type { Exercise, ExerciseFilter } from '../../exercises/types.ts'
import { type FieldErrors, fieldErrors } from '../../forms.ts'
import type { Lifter } from '../../lifter.ts'
import { categoryLabel } from '../../workouts/form.ts'
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
const CreateForm = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  muscleGroup: Type.Optional(Type.String({ maxLength: 1000 })),
  equipment: Type.Optional(Type.String({ maxLength: 100 })),
  isBodyweight: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String()),
})
const RenameForm = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  _csrf: Type.Optional(Type.String()),
})
const ArchiveForm = Type.Object({
  archived: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String()),
})

export default async function exercisePages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  async function renderCatalog(
    reply: FastifyReply,
    lifter: Lifter,
    query: { q?: string; muscleGroup?: string; equipment?: string; archived?: string },
    form: { values?: CreateFormValues; errors?: FieldErrors } = {},
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
    return reply.viewAsync('pages/exercises.hbs', {
      title: 'Exercises',
      styles: [STYLES],
      query: { ...query, archived: filter.includeArchived },
      filtered,
      exercises: exercises.map((e) => ({
        ...exerciseJson(e),
        categoryLabel: categoryLabel(e.category),
        equipmentLabel: equipmentLabels[e.equipment],
        editHref: e.builtIn ? null : `/exercises/${e.id}/edit`,
      })),
      muscleGroups: groups,
      categories: categories.map((value) => ({ value, label: categoryLabel(value) })),
      equipments: equipments.map((value) => ({ value, label: equipmentLabels[value] })),
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
    return reply.viewAsync('pages/exercises-edit.hbs', {
      title: `Edit ${exercise.name}`,
      styles: [STYLES],
      exercise: {
        ...exerciseJson(exercise),
        categoryLabel: categoryLabel(exercise.category),
        equipmentLabel: equipmentLabels[exercise.equipment],
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
    { schema: { hide: true, summary: 'Create an exercise', body: CreateForm } },
    async (request, reply) => {
      const lifter = request.lifter
      const values = request.body
      const errors = checkCreateForm(values)
      if (Object.keys(errors).length > 0) {
        reply.code(400)
        return renderCatalog(reply, lifter, {}, { values, errors })
      }
      try {
        const created = await lifter.exercises.create(createInputFromForm(values))
        reply.flash(`Added “${created.name}”.`)
        return reply.redirect(`/exercises?q=${encodeURIComponent(created.name)}`, 303)
      } catch (err) {
        const errs = fieldErrors(err)
        if (!errs) throw err
        reply.code((err as { statusCode?: number }).statusCode ?? 400)
        return renderCatalog(reply, lifter, {}, { values, errors: errs })
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
    { schema: { hide: true, summary: 'Rename an exercise', params: PageParams, body: RenameForm } },
    async (request, reply) => {
      const lifter = request.lifter
      const exercise = await ownExercise(lifter, request.params.id)
      const name = request.body.name?.trim() ?? ''
      const problem = !name ? 'enter a name' : name.length > 80 ? 'use at most 80 characters' : null
      if (problem) {
        reply.code(400)
        return renderEdit(reply, lifter, exercise, { name: problem }, request.body.name)
      }
      try {
        await lifter.exercises.change(exercise.id, { name })
      } catch (err) {
        const errs = fieldErrors(err)
        if (!errs) throw err
        reply.code((err as { statusCode?: number }).statusCode ?? 400)
        return renderEdit(reply, lifter, exercise, errs, name)
      }
      reply.flash('Renamed.')
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
        body: ArchiveForm,
      },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const exercise = await ownExercise(lifter, request.params.id)
      const archived = request.body.archived !== 'false'
      await lifter.exercises.change(exercise.id, { archived })
      reply.flash(
        archived
          ? `Archived “${exercise.name}”: it keeps its history but leaves the pickers.`
          : `Restored “${exercise.name}”.`,
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
      reply.flash(`Deleted “${exercise.name}”.`)
      return reply.redirect('/exercises', 303)
    },
  )
}
