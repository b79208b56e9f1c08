// Form helpers shared by every page route: turn validation failures into { field: message } so a form
// can be re-rendered with the user's input and each message next to its field.
//
// The pattern (see src/routes/accounts.ts):
//   fastify.post('/things', { schema: { body: ThingForm }, attachValidation: true }, async (request, reply) => {
//     if (request.validationError) return renderForm(reply, request.body, fieldErrors(request.validationError))
//     try { ... } catch (error) { const errors = fieldErrors(error); if (errors) return renderForm(..., errors); throw error }
//   })
import type { FastifyError, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { FastifyValidationResult } from 'fastify/types/schema.js'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'

export type FieldErrors = Record<string, string>

interface ValidationIssue {
  instancePath?: string
  message?: string
  keyword?: string
  params?: Record<string, unknown>
}

/**
 * Field messages from a Fastify/ajv validation error (first message per field wins) or from a catalogued
 * error carrying `field`. Returns null for anything else (let it reach the error handler).
 * `friendly` replaces ajv's wording per field, e.g. { username: '3–32 letters, digits, _ . or -' }.
 */
export function fieldErrors(error: unknown, friendly: Record<string, string> = {}): FieldErrors | null {
  if (!error || typeof error !== 'object') return null
  const e = error as Partial<FastifyError> & { field?: string; validation?: ValidationIssue[] }
  if (typeof e.field === 'string') return { [e.field]: e.message ?? 'is invalid' }
  if (!Array.isArray(e.validation)) return null
  const out: FieldErrors = {}
  const toField = (path: string) => path.replace(/^\//, '').replaceAll('/', '.') || '_form'
  for (const issue of e.validation) {
    const base = issue.instancePath ?? ''
    // ajv names one missing property, typebox's compiler lists them all.
    const missing = [
      issue.params?.missingProperty,
      ...((issue.params?.requiredProperties as unknown[]) ?? []),
    ]
    const missingFields = missing
      .filter((m): m is string => typeof m === 'string')
      .map((m) => toField(`${base}/${m}`))
    for (const field of missingFields) out[field] ??= 'is required'
    if (missingFields.length) continue
    const field = toField(base)
    out[field] ??= friendly[field] ?? humanize(issue.message ?? 'is invalid')
  }
  return out
}

function humanize(message: string): string {
  // ajv says "must NOT have more than 32 characters"; people read "must not have more than 32 characters".
  return message.replace('must NOT', 'must not')
}

/**
 * Validator compiler for form routes: reports every problem at once (Fastify's default ajv stops at the
 * first), so a re-rendered form marks all bad fields. Register it in a form route module with
 * `fastify.setValidatorCompiler(formValidatorCompiler)`. Form values are strings; nothing is coerced.
 */
export const formValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const validator = Compile(schema as TSchema)
  const validate: FastifyValidationResult = (data: unknown) => {
    if (validator.Check(data)) return true
    validate.errors = [...validator.Errors(data)] as unknown as FastifySchemaValidationError[]
    return false
  }
  return validate
}
