// Exercise pages: the catalog (browse, filter, search, create your own) and an edit page for your own
// (rename, archive, delete when unused). The JSON twin is ./api.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type from 'typebox'
import type { CurrentUser } from '../../accounts/current-user.ts'
import { NotFound } from '../../errors.ts'
import { type CreateFormValues, checkCreateForm, createInputFromForm } from '../../exercises/form.ts'
import { equipmentLabels, exerciseJson } from '../../exercises/json.ts'
import {
  changeExercise,
  createExercise,
  deleteExercise,
  type ExerciseFilter,
  findExercise,
  listExercises,
  muscleGroups,
  setsUsing,
} from '../../exercises/repository.ts'
import { categories, equipments } from '../../exercises/schemas.ts'
import { type FieldErrors, fieldErrors } from '../../forms.ts'
import type { Exercise } from '../../generated/prisma/client.ts'
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
  const { prisma } = fastify
  const auth = { onRequest: fastify.requireUser }

  async function renderCatalog(
    reply: FastifyReply,
    user: CurrentUser,
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
      listExercises(prisma, user.id, filter),
      muscleGroups(prisma, user.id),
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
        editHref: e.ownerId ? `/exercises/${e.id}/edit` : null,
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
    user: CurrentUser,
    exercise: Exercise,
    errors: FieldErrors = {},
    name?: string,
  ) {
    const used = await setsUsing(prisma, user.id, exercise.id)
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
  async function ownExercise(user: CurrentUser, id: string): Promise<Exercise> {
    const exercise = await findExercise(prisma, user.id, id)
    if (!exercise || exercise.ownerId !== user.id) throw new NotFound('exercise')
    return exercise
  }

  fastify.get(
    '/exercises',
    {
      ...auth,
      schema: { hide: true, summary: 'Exercise catalog', querystring: PageQuery, response: HtmlPage },
    },
    async (request, reply) => renderCatalog(reply, request.user!, request.query),
  )

  fastify.post(
    '/exercises',
    { ...auth, schema: { hide: true, summary: 'Create an exercise', body: CreateForm } },
    async (request, reply) => {
      const user = request.user!
      const values = request.body
      const errors = checkCreateForm(values)
      if (Object.keys(errors).length > 0) {
        reply.code(400)
        return renderCatalog(reply, user, {}, { values, errors })
      }
      try {
        const created = await createExercise(prisma, user.id, createInputFromForm(values))
        reply.flash(`Added “${created.name}”.`)
        return reply.redirect(`/exercises?q=${encodeURIComponent(created.name)}`, 303)
      } catch (err) {
        const errs = fieldErrors(err)
        if (!errs) throw err
        reply.code((err as { statusCode?: number }).statusCode ?? 400)
        return renderCatalog(reply, user, {}, { values, errors: errs })
      }
    },
  )

  fastify.get(
    '/exercises/:id/edit',
    {
      ...auth,
      schema: { hide: true, summary: 'Edit one of your exercises', params: PageParams, response: HtmlPage },
    },
    async (request, reply) =>
      renderEdit(reply, request.user!, await ownExercise(request.user!, request.params.id)),
  )

  fastify.post(
    '/exercises/:id/rename',
    { ...auth, schema: { hide: true, summary: 'Rename an exercise', params: PageParams, body: RenameForm } },
    async (request, reply) => {
      const user = request.user!
      const exercise = await ownExercise(user, request.params.id)
      const name = request.body.name?.trim() ?? ''
      const problem = !name ? 'enter a name' : name.length > 80 ? 'use at most 80 characters' : null
      if (problem) {
        reply.code(400)
        return renderEdit(reply, user, exercise, { name: problem }, request.body.name)
      }
      try {
        await changeExercise(prisma, user.id, exercise.id, { name })
      } catch (err) {
        const errs = fieldErrors(err)
        if (!errs) throw err
        reply.code((err as { statusCode?: number }).statusCode ?? 400)
        return renderEdit(reply, user, exercise, errs, name)
      }
      reply.flash('Renamed.')
      return reply.redirect(`/exercises/${exercise.id}/edit`, 303)
    },
  )

  fastify.post(
    '/exercises/:id/archive',
    {
      ...auth,
      schema: {
        hide: true,
        summary: 'Archive or restore an exercise',
        params: PageParams,
        body: ArchiveForm,
      },
    },
    async (request, reply) => {
      const user = request.user!
      const exercise = await ownExercise(user, request.params.id)
      const archived = request.body.archived !== 'false'
      await changeExercise(prisma, user.id, exercise.id, { archived })
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
    { ...auth, schema: { hide: true, summary: 'Delete an unused exercise', params: PageParams } },
    async (request, reply) => {
      const user = request.user!
      const exercise = await ownExercise(user, request.params.id)
      try {
        await deleteExercise(prisma, user.id, exercise.id)
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 409) throw err
        reply.code(409)
        return renderEdit(reply, user, exercise, { _form: (err as Error).message })
      }
      reply.flash(`Deleted “${exercise.name}”.`)
      return reply.redirect('/exercises', 303)
    },
  )
}
