// Imports under /api/v1/imports: upload a CSV export (read into a plan, nothing written), read the plan
// back, confirm it with choices for unknown exercise names (written in one transaction). The pages are
// ./pages.ts; the upload reading is ./upload.ts. Registered inside signedIn: request.lifter is there.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../../api-errors.ts'
import { NotFound, ValidationFailed } from '../../errors.ts'
import { renderRows } from '../../import/messages.ts'
import { type ChoiceInput, previewExercises, previewJson, resolveChoices } from '../../import/preview.ts'
import { ConfirmBody, ConfirmOut, ImportParams, ImportPreview, UploadBody } from '../../import/schemas.ts'
import { importUploads, readUpload } from './upload.ts'

export default async function importApi(app: FastifyInstance) {
  await importUploads(app)
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['imports']

  async function preview(request: FastifyRequest, id: string) {
    const { imports } = request.lifter
    const stored = await imports.find(id)
    if (!stored) throw new NotFound('import')
    const { suggestions } = await imports.suggest(stored.plan)
    return { stored, json: previewJson(stored, previewExercises(stored, suggestions)) }
  }

  fastify.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        security,
        summary: 'Upload a CSV export to import',
        description:
          'multipart/form-data with `file` (a Strong, Hevy, FitNotes or LiftLog CSV export, at most 25 MB) and optionally `format` before it. ' +
          'The file is read, not written: the answer is the preview — workouts, sets and dates found, each exercise name you have no exercise of that name for with a suggestion, the rows that can’t be read. ' +
          'Nothing is imported until POST /api/v1/imports/{id}/confirm; the upload is kept for an hour.',
        body: UploadBody,
        response: {
          201: { ...ImportPreview, description: 'the file as read; confirm to import it' },
          400: errorResponse(
            'no file, or the file can’t be read as an export: not UTF-8 text, empty, an unknown header, broken quoting (the message says which)',
          ),
          413: errorResponse('the file is larger than 25 MB (code PAYLOAD_TOO_LARGE)'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const plan = await readUpload(request, request.lifter.user)
      const stored = await request.lifter.imports.save(plan)
      const { json } = await preview(request, stored.id)
      reply.code(201).header('location', `/api/v1/imports/${stored.id}`)
      return json
    },
  )

  fastify.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        security,
        summary: 'An upload’s preview, again',
        description:
          'The same answer as the upload gave, with suggestions recomputed against your exercises now.',
        params: ImportParams,
        response: {
          200: { ...ImportPreview, description: 'the file as read' },
          404: errorResponse('no such upload of yours (or it expired, or was confirmed)'),
          ...authErrors,
        },
      },
    },
    async (request) => (await preview(request, request.params.id)).json,
  )

  fastify.post(
    '/api/v1/imports/:id/confirm',
    {
      schema: {
        tags,
        security,
        summary: 'Import an upload',
        description:
          'Writes the workouts of the upload in one transaction (all or nothing), using `choices` for its exercise names and the suggestion for the rest. ' +
          'Workouts already in your log (same start second, same sets) are skipped, so confirming the same file twice adds nothing; stats are up to date right after. The upload is then forgotten.',
        params: ImportParams,
        body: ConfirmBody,
        response: {
          200: { ...ConfirmOut, description: 'what was written' },
          400: errorResponse(
            'a choice names a name not in the file, an exercise you can’t use, or a bad custom exercise',
          ),
          404: errorResponse('no such upload of yours (or it expired, or was confirmed)'),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { imports } = request.lifter
      const stored = await imports.find(request.params.id)
      if (!stored) throw new NotFound('import')
      const [{ choices: defaults }, pickable] = await Promise.all([
        imports.suggest(stored.plan),
        imports.exercises(),
      ])
      const given = Object.fromEntries(
        Object.entries(request.body.choices ?? {}).map(([name, c]): [string, ChoiceInput] => [
          name,
          c.exerciseId !== undefined ? { exerciseId: c.exerciseId } : { create: c.create ?? {} },
        ]),
      )
      const { choices, errors } = resolveChoices(stored, defaults, given, pickable)
      const first = errors[0]
      if (first) throw new ValidationFailed(`choices["${first.name}"].${first.field} ${first.message}`)
      const outcome = await imports.confirm(stored, choices)
      return {
        imported: outcome.workouts,
        sets: outcome.sets,
        skipped: outcome.duplicates,
        exercisesCreated: outcome.exercisesCreated,
        setsWithoutReps: outcome.setsWithoutReps,
        rejected: renderRows(outcome.skipped),
      }
    },
  )
}
