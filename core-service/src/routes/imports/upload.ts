// Reading an import upload (multipart/form-data: an optional `format` field, then the `file`) for the
// import page and API routes: @fastify/multipart registered in the route module's own scope, limited to
// one file of UPLOAD_LIMIT_BYTES, its bytes streamed straight into the format readers (plan.ts) — the
// file itself is never kept. Whatever is wrong with the upload is a catalogued 400 or 413 saying why.
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { CurrentUser } from '../../accounts/current-user.ts'
import { fieldError, PayloadTooLarge, ValidationFailed } from '../../errors.ts'
import { type ImportMessage, reason as msg, renderMessage } from '../../import/messages.ts'
import { buildImportPlan } from '../../import/plan.ts'
import { withTextRules } from '../../import/text-rules.ts'
import { IMPORT_FORMATS, type ImportFormat, type ImportPlan } from '../../import/types.ts'
import { refusedCharacter } from '../../plugins/input-guard.ts'

/** The largest export accepted: years of daily training in Strong or Hevy are a few MB. */
export const UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024
const LIMIT_TEXT = `${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`

/** Registers multipart parsing for the routes of the calling (encapsulated) route module only. */
export async function importUploads(fastify: FastifyInstance) {
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024, headerPairs: 50 },
    throwFileSizeLimit: true,
  })
}

export type ReadablePlan = ImportPlan & { format: ImportFormat }

/**
 * A refusal of the file itself: the error's message is the English wording (the API's), and
 * `importReason` the message a page words in the lifter's language.
 */
function fileRefusal<E extends Error>(make: (message: string) => E, reason: ImportMessage) {
  return Object.assign(fieldError(make(renderMessage(reason)), 'file'), { importReason: reason })
}

/** The file message of a refusal readUpload threw, if it has one. */
export function importReasonOf(error: unknown): ImportMessage | undefined {
  return (error as { importReason?: ImportMessage } | null)?.importReason
}

const tooLarge = () => fileRefusal((m) => new PayloadTooLarge(m), msg('fileTooLarge', { limit: LIMIT_TEXT }))

/** '' or 'auto' detect the format from the header; anything else must be one LiftLog reads. */
export function formatChoice(value: unknown): ImportFormat | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined
  const format = IMPORT_FORMATS.find((f) => f === value)
  if (!format)
    throw fieldError(
      new ValidationFailed(`format must be one of auto, ${IMPORT_FORMATS.join(', ')}`),
      'format',
    )
  return format
}

/**
 * The plan of the uploaded file, read for `user` (their zone and unit for files that don't say). Throws
 * ValidationFailed (field `file` or `format`) when there is no file or it can't be read as an export, and
 * PayloadTooLarge over the limit.
 */
export async function readUpload(
  request: FastifyRequest,
  user: CurrentUser,
  /** Told the format field's value as soon as it is read, so a form re-rendered on error keeps it. */
  onFormat: (value: string) => void = () => {},
): Promise<ReadablePlan> {
  if (!request.isMultipart())
    throw fieldError(new ValidationFailed('send the file as multipart/form-data in the field "file"'), 'file')
  let format: ImportFormat | undefined
  let plan: ImportPlan | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'format') {
          if (plan) throw fieldError(new ValidationFailed('send the format field before the file'), 'format')
          onFormat(String(part.value))
          format = formatChoice(part.value)
        } else if (part.fieldname !== '_csrf') {
          throw fieldError(
            new ValidationFailed(`unknown field "${part.fieldname}": send "file" and, optionally, "format"`),
            'file',
          )
        }
        continue
      }
      const source = part.file[Symbol.asyncIterator]()
      const drain = async () => {
        for (let next = await source.next(); !next.done; next = await source.next());
      }
      if (part.fieldname !== 'file') {
        await drain()
        throw fieldError(new ValidationFailed('the file goes in the field "file"'), 'file')
      }
      // A file input left empty still sends a part, with no file name and no bytes.
      if (!part.filename) {
        await drain()
        continue
      }
      async function* bytes() {
        for (let next = await source.next(); !next.done; next = await source.next())
          yield next.value as Buffer
      }
      // The rules typed text obeys hold for imported text too (input-guard only sees the multipart fields).
      plan = withTextRules(
        await buildImportPlan(bytes(), { zone: user.timeZone, unit: user.unit, format }),
        refusedCharacter,
      )
      // A plan that stopped at a bad header left the rest unread: read it, so the request completes.
      await drain()
      if (part.file.truncated) throw tooLarge()
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError(new ValidationFailed('send one file and at most the format field with it'), 'file')
    if (typeof code === 'string' && code.startsWith('FST_') && !(error as { field?: unknown }).field)
      throw fieldError(
        new ValidationFailed(
          `the upload could not be read as multipart/form-data (${(error as Error).message})`,
        ),
        'file',
      )
    if (
      error instanceof Error &&
      !('statusCode' in error) &&
      /multipart|part terminated/i.test(error.message)
    )
      throw fieldError(
        new ValidationFailed(`the upload could not be read as multipart/form-data (${error.message})`),
        'file',
      )
    throw error
  }
  if (!plan) throw fieldError(new ValidationFailed('choose a CSV file to import'), 'file')
  if (plan.fileProblem || !plan.format)
    throw fileRefusal((m) => new ValidationFailed(m), plan.fileProblem ?? msg('formatUnknown'))
  return plan as ReadablePlan
}
