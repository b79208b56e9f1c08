// The import pages: GET /import (choose a file and its app), POST /import (multipart: read it, keep the
// plan, 303 to its preview), GET /import/:id (what was found, a decision per unknown exercise name, the
// unreadable rows), POST /import/:id (confirm: write it, 303 to the calendar). The JSON twin is ./api.ts.
// Registered inside signedIn: request.lifter is there.
//
// CSRF on the upload: the security hook (plugins/security.ts) checks before any body is read, and a
// multipart body is only read by the handler, so the form's `_csrf` field can't reach it. The form sends
// its token in the action URL instead (`/import?_csrf=…`); this route hands it to the check as the
// x-csrf-token header it reads, and takes it out of the URL so request logs never hold it. The script
// (public/js/import-upload.js) sends the header itself.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { DateTime } from 'luxon'
import Type from 'typebox'
import { NotFound } from '../../errors.ts'
import { equipments } from '../../exercises/schemas.ts'
import { equipmentLabel, exerciseName } from '../../i18n/exercise-names.ts'
import type { Locale } from '../../i18n/locales.ts'
import { FORMAT_NAMES } from '../../import/detect.ts'
import { renderMessage, renderRows } from '../../import/messages.ts'
import type { StoredImport } from '../../import/plan-store.ts'
import {
  type ChoiceInput,
  muscleGroupsOf,
  type PickableExercise,
  type PreviewExercise,
  previewExercises,
  resolveChoices,
} from '../../import/preview.ts'
import { IMPORT_FORMATS } from '../../import/types.ts'
import { type FieldErrors, refusal } from '../../validation.ts'
import { STYLES } from '../../workouts/page-data.ts'
import { importReasonOf, importUploads, readUpload, UPLOAD_LIMIT_BYTES } from './upload.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const PageParams = Type.Object({ id: Type.String({ maxLength: 64 }) })
const UploadQuery = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// One decision per exercise name of the file, by its position in the plan: exercise_3, name_3, …
const ConfirmForm = Type.Record(
  Type.String({ pattern: '^(_csrf|(exercise|name|muscleGroup|equipment)_\\d{1,5})$' }),
  Type.String({ maxLength: 200 }),
  { maxProperties: 20_000 },
)
const SCRIPT = '/static/js/import-upload.js'

/** The format choices; the first one's label is a catalog key, the rest are the apps' own names. */
const formats = [
  { value: 'auto', label: 'import.detect' },
  ...IMPORT_FORMATS.map((value) => ({ value, label: FORMAT_NAMES[value] })),
]

/** Moves the action URL's token to the header the CSRF check reads; see the header comment. */
export const tokenFromActionUrl: onRequestHookHandler = (request, _reply, done) => {
  const token = (request.query as { _csrf?: unknown })._csrf
  if (typeof token === 'string' && request.headers['x-csrf-token'] === undefined)
    request.headers['x-csrf-token'] = token
  const url = request.raw.url ?? ''
  if (url.includes('_csrf=')) request.raw.url = url.replace(/([?&])_csrf=[^&]*&?/, '$1').replace(/[?&]$/, '')
  done()
}

export default async function importPages(app: FastifyInstance) {
  await importUploads(app)
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  function renderUpload(reply: FastifyReply, values: { format?: string } = {}, errors: FieldErrors = {}) {
    const token = reply.locals.csrfToken
    const csrfToken = typeof token === 'function' ? (token as () => string)() : String(token ?? '')
    const t = reply.request.t
    return reply.viewAsync('pages/import.hbs', {
      title: t('import.title'),
      styles: [STYLES],
      scripts: [SCRIPT],
      action: `/import?_csrf=${encodeURIComponent(csrfToken)}`,
      limitMb: UPLOAD_LIMIT_BYTES / 1024 / 1024,
      formats: formats.map((f) => ({
        value: f.value,
        label: f.value === 'auto' ? t(f.label) : f.label,
        selected: f.value === (values.format ?? 'auto'),
      })),
      errors,
    })
  }

  async function renderPreview(
    request: FastifyRequest,
    reply: FastifyReply,
    stored: StoredImport,
    form: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const { imports, user, locale } = request.lifter
    const [{ suggestions }, pickable] = await Promise.all([imports.suggest(stored.plan), imports.exercises()])
    const exercises = previewExercises(stored, suggestions)
    const { plan } = stored
    const values = form.values ?? {}
    const errors = form.errors ?? {}
    const groups = muscleGroupsOf(pickable)
    const decisions = exercises.flatMap((e, index) =>
      e.known ? [] : [decisionRow(e, index, pickable, groups, values, errors, locale)],
    )
    const date = (iso: string | null) =>
      iso ? DateTime.fromISO(iso, { zone: user.timeZone, locale }).toFormat('ccc d LLL yyyy') : ''
    return reply.viewAsync('pages/import-preview.hbs', {
      title: request.t('importPreview.title'),
      styles: [STYLES],
      id: stored.id,
      format: FORMAT_NAMES[stored.format],
      detected: plan.detected ? FORMAT_NAMES[plan.detected] : null,
      overridden: plan.detected !== stored.format,
      counts: plan.counts,
      from: date(plan.counts.firstStart),
      to: date(plan.counts.lastStart),
      expires: DateTime.fromJSDate(stored.expiresAt, { zone: user.timeZone }).toFormat('HH:mm'),
      decisions,
      known: exercises.flatMap((e) =>
        e.known && e.suggestion.kind === 'match'
          ? [{ name: exerciseName(e.name, locale), sets: e.sets }]
          : [],
      ),
      problems: renderRows(plan.problems, locale),
      moreProblems: plan.moreProblems,
      warnings: renderRows(plan.warnings, locale),
      assumptions: plan.assumptions.map((a) => renderMessage(a, locale)),
      errors,
      hasErrors: Object.keys(errors).length > 0,
    })
  }

  fastify.get(
    '/import',
    { schema: { hide: true, summary: 'Import workouts', response: HtmlPage } },
    async (_request, reply) => renderUpload(reply),
  )

  fastify.post(
    '/import',
    {
      onRequest: tokenFromActionUrl,
      schema: { hide: true, summary: 'Read an export to import', querystring: UploadQuery },
    },
    async (request, reply) => {
      let format: string | undefined
      try {
        const plan = await readUpload(request, request.lifter.user, (value) => {
          format = value
        })
        const stored = await request.lifter.imports.save(plan)
        return reply.redirect(`/import/${stored.id}`, 303)
      } catch (error) {
        const { statusCode, errors } = refusal(error)
        const reason = importReasonOf(error)
        if (reason) errors.file = renderMessage(reason, request.lifter.locale)
        reply.code(statusCode)
        return renderUpload(reply, { format }, errors)
      }
    },
  )

  fastify.get(
    '/import/:id',
    { schema: { hide: true, summary: 'Check an import', params: PageParams, response: HtmlPage } },
    async (request, reply) => {
      const stored = await request.lifter.imports.find(request.params.id)
      if (!stored) throw new NotFound('import')
      return renderPreview(request, reply, stored)
    },
  )

  fastify.post(
    '/import/:id',
    { schema: { hide: true, summary: 'Confirm an import', params: PageParams, body: ConfirmForm } },
    async (request, reply) => {
      const { imports, user } = request.lifter
      const stored = await imports.find(request.params.id)
      if (!stored) {
        // Most often a second tap on Confirm, after the first one imported it (or an upload past its
        // hour): a 404 page there reads as "the import failed". Another lifter's upload reads the same.
        reply.flash(request.t('flash.importGone'))
        return reply.redirect('/calendar', 303)
      }
      const values = request.body as Record<string, string>
      const [{ choices: defaults }, pickable] = await Promise.all([
        imports.suggest(stored.plan),
        imports.exercises(),
      ])
      const given: Record<string, ChoiceInput> = {}
      const formErrors: FieldErrors = {}
      stored.plan.exercises.forEach(({ name }, i) => {
        const picked = values[`exercise_${i}`]
        if (picked === undefined) return
        if (picked === 'custom')
          given[name] = {
            create: {
              name: values[`name_${i}`] ?? name,
              muscleGroup: values[`muscleGroup_${i}`] ?? '',
              equipment: values[`equipment_${i}`] ?? '',
            },
          }
        else if (UUID.test(picked)) given[name] = { exerciseId: picked }
        else formErrors[`exercise_${i}`] = 'choose an exercise or “create as custom”'
      })
      const { choices, errors } = resolveChoices(stored, defaults, given, pickable)
      const index = new Map(stored.plan.exercises.map((e, i) => [e.name, i]))
      for (const e of errors)
        formErrors[`${e.field === 'category' ? 'muscleGroup' : e.field}_${index.get(e.name)}`] ??= e.message
      if (Object.keys(formErrors).length > 0) {
        reply.code(400)
        return renderPreview(request, reply, stored, { values, errors: formErrors })
      }
      const outcome = await imports.confirm(stored, choices)
      const rejected = outcome.skipped.length
      const t = request.t
      reply.flash(
        t('flash.imported', {
          workouts: t('flash.importedWorkouts', { count: outcome.workouts }),
          sets: t('workouts.sets', { count: outcome.sets }),
          duplicates: outcome.duplicates,
          rejected: rejected
            ? t('flash.importRejected', {
                count: rejected,
                line: outcome.skipped[0]!.line,
                reason: renderMessage(outcome.skipped[0]!.reason, request.lifter.locale),
              })
            : '',
        }),
      )
      const last = stored.plan.counts.lastStart
      const month = last ? DateTime.fromISO(last, { zone: user.timeZone }).toFormat('yyyy-MM') : null
      return reply.redirect(month ? `/calendar?month=${month}` : '/calendar', 303)
    },
  )
}

/** One unknown name's controls: the select (suggestion first) and the custom exercise's fields. */
function decisionRow(
  e: PreviewExercise,
  index: number,
  pickable: readonly PickableExercise[],
  groups: string[],
  values: Record<string, string>,
  errors: FieldErrors,
  locale: Locale,
) {
  const s = e.suggestion
  const custom =
    s.kind === 'custom'
      ? s
      : { name: e.name, muscleGroup: '', equipment: 'other' as const, category: 'full_body' }
  const picked = values[`exercise_${index}`] ?? (s.kind === 'match' ? s.exerciseId : 'custom')
  const muscleGroup = values[`muscleGroup_${index}`] ?? custom.muscleGroup
  const equipment = values[`equipment_${index}`] ?? custom.equipment
  const close = new Set(e.alternatives.map((a) => a.exerciseId))
  return {
    index,
    name: e.name,
    sets: e.sets,
    firstLine: e.firstLine,
    suggested:
      s.kind === 'match'
        ? { id: s.exerciseId, name: exerciseName(s.exerciseName, locale), selected: picked === s.exerciseId }
        : null,
    customSelected: picked === 'custom',
    alternatives: e.alternatives.map((a) => ({
      id: a.exerciseId,
      name: exerciseName(a.exerciseName, locale),
      selected: picked === a.exerciseId,
    })),
    others: pickable
      .filter((p) => !close.has(p.id) && !(s.kind === 'match' && p.id === s.exerciseId))
      .map((p) => ({ id: p.id, name: exerciseName(p.name, locale), selected: picked === p.id })),
    customName: values[`name_${index}`] ?? custom.name,
    muscleGroups: [...new Set([...groups, ...(muscleGroup ? [muscleGroup] : [])])].map((g) => ({
      value: g,
      selected: g === muscleGroup,
    })),
    equipments: equipments.map((value) => ({
      value,
      label: equipmentLabel(value, locale),
      selected: value === equipment,
    })),
    errors: {
      exercise: errors[`exercise_${index}`],
      name: errors[`name_${index}`],
      muscleGroup: errors[`muscleGroup_${index}`],
      equipment: errors[`equipment_${index}`],
    },
  }
}
