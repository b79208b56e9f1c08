// One way to validate input, for the JSON API and the forms alike. Each TypeBox schema is compiled once;
// its issues become one message per field ("sets.2.reps" → "must be a whole number from 0 to 1000"), in
// the words the schema declares with `withMessage` or else the compiler's own. A JSON body is checked by
// `bodyValidatorCompiler` (core's body compiler, build.ts); a form is mapped to the API's body and checked
// with `checkBody` against the same schema, so the API's 400 `fields` and a form's messages are the same.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { FastifyValidationResult } from 'fastify/types/schema.js'
import Type, { type Static, type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { ValidationFailed } from './errors.ts'

/**
 * What every page form's body is to Fastify: named strings, bounded so a padded form cannot grow without
 * end. The form's meaning is checked after its one mapping step to the API's body, by that body's schema.
 */
export const FormFields = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 10_000 }), {
  maxProperties: 2000,
})

/** Messages by field path: "username", "sets.2.reps"; "_form" for the input as a whole. */
export type FieldErrors = Record<string, string>

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/**
 * How a schema words its own failures for people: one message for any of them, or one per keyword
 * ("*" for the rest). A missing value says "is required" unless the wording has a `required` entry.
 */
export type Wording = string | Readonly<Record<string, string>>

// A symbol: JSON Schema tools (ajv for query strings, the serializer, /apidocs) never see it.
const WORDING = Symbol.for('liftlog.validation.wording')

/** The schema, worded for people when it fails. */
export function withMessage<S extends TSchema>(schema: S, wording: Wording): S {
  return Object.assign(schema, { [WORDING]: wording })
}

/** An issue as ajv reports it (Fastify's error handler and service-kit read this shape). */
interface Issue {
  keyword: string
  instancePath: string
  schemaPath: string
  params: Record<string, unknown>
  message: string
  /** Set by bodyValidatorCompiler: the field and its message for people (service-kit sends them as `fields`). */
  field?: string
  fieldMessage?: string
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>()

function validatorOf(schema: TSchema) {
  let validator = compiled.get(schema)
  if (!validator) {
    validator = Compile(schema)
    compiled.set(schema, validator)
  }
  return validator
}

/** TypeBox's issues in ajv's shape: one per missing and per unknown property. */
function issuesOf(schema: TSchema, value: unknown): Issue[] {
  const out: Issue[] = []
  for (const issue of validatorOf(schema).Errors(value) as Iterable<Issue>) {
    const { keyword, params } = issue
    // "schema is false" repeats an unknown property, which the additionalProperties issue names.
    if (keyword === 'boolean') continue
    if (keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
      for (const name of params.additionalProperties)
        out.push({ ...issue, params: { additionalProperty: name } })
    } else if (keyword === 'required' && Array.isArray(params.requiredProperties)) {
      for (const name of params.requiredProperties)
        out.push({ ...issue, params: { missingProperty: name }, message: `must have property '${name}'` })
    } else out.push(issue)
  }
  return out
}

function fieldOf(path: string): string {
  return path.replace(/^\//, '').replaceAll('/', '.') || '_form'
}

/** The schema at a schemaPath ("#/properties/sets/items/properties/reps"), or undefined. */
function schemaAt(root: TSchema, segments: string[]): Record<PropertyKey, unknown> | undefined {
  let node: unknown = root
  for (const segment of segments) {
    if (!node || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>) : undefined
}

/** The wording for a keyword at schemaPath: the schema's own, else its union's (title: string | null). */
function wordingAt(root: TSchema, schemaPath: string, keyword: string): string | undefined {
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)
  for (;;) {
    const wording = schemaAt(root, segments)?.[WORDING] as Wording | undefined
    if (typeof wording === 'string') return keyword === 'required' ? undefined : wording
    if (wording) return wording[keyword] ?? (keyword === 'required' ? undefined : wording['*'])
    if (segments.length < 2 || !/^(anyOf|oneOf)$/.test(segments.at(-2) ?? '')) return undefined
    segments.splice(-2)
  }
}

/** One message per field (the first issue wins), in the schema's words. */
function messagesOf(root: TSchema, issues: Issue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const { missingProperty, additionalProperty } = issue.params
    if (typeof missingProperty === 'string') {
      const field = fieldOf(`${issue.instancePath}/${missingProperty}`)
      issue.field = field
      out[field] ??=
        wordingAt(root, `${issue.schemaPath}/properties/${missingProperty}`, 'required') ?? 'is required'
    } else if (typeof additionalProperty === 'string') {
      const field = fieldOf(`${issue.instancePath}/${additionalProperty}`)
      issue.field = field
      out[field] ??= 'is not a known field'
    } else {
      const field = fieldOf(issue.instancePath)
      issue.field = field
      out[field] ??= wordingAt(root, issue.schemaPath, issue.keyword) ?? issue.message
    }
  }
  for (const issue of issues) if (issue.field) issue.fieldMessage = out[issue.field]
  return out
}

/** Checks a value against a schema: the value, typed by it, or every field's message. */
export function checkBody<S extends TSchema>(schema: S, value: unknown): Checked<Static<S>> {
  if (validatorOf(schema).Check(value)) return { ok: true, value: value as Static<S> }
  return { ok: false, errors: messagesOf(schema, issuesOf(schema, value)) }
}

/** The value, typed by its schema, or else invalidInput with every field's message (a form's try block). */
export function validBody<S extends TSchema>(schema: S, value: unknown): Static<S> {
  const checked = checkBody(schema, value)
  if (!checked.ok) throw invalidInput(checked.errors)
  return checked.value
}

/**
 * Fastify's body compiler for core (build.ts): JSON bodies as sent (no coercion, unknown properties
 * refused), every problem reported, each issue carrying its field and message for people.
 */
export const bodyValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema }) => {
  const validate: FastifyValidationResult = (data: unknown) => {
    if (validatorOf(schema).Check(data)) return true
    const issues = issuesOf(schema, data)
    messagesOf(schema, issues)
    validate.errors = issues as unknown as FastifySchemaValidationError[]
    return false
  }
  return validate
}

/** A 400 from the catalogue carrying every field's message; its own message names the first one. */
export function invalidInput(fields: FieldErrors) {
  const [path, message] = Object.entries(fields)[0] ?? ['_form', 'is invalid']
  return Object.assign(new ValidationFailed(`${path}: ${message}`), { fields })
}

/**
 * The per-field messages of an error a person can fix: invalidInput's, or a catalogued error tagged with
 * one field (errors.ts `fieldError`). Null for anything else (let it reach the error handler).
 */
export function fieldErrorsOf(error: unknown): FieldErrors | null {
  if (!error || typeof error !== 'object') return null
  const { fields, field, message } = error as { fields?: unknown; field?: unknown; message?: string }
  if (fields && typeof fields === 'object') return fields as FieldErrors
  if (typeof field === 'string') return { [field]: message ?? 'is invalid' }
  return null
}

/** For a form's catch block: the status and messages of an error a person can fix; any other is rethrown. */
export function refusal(error: unknown): { statusCode: number; errors: FieldErrors } {
  const errors = fieldErrorsOf(error)
  if (!errors) throw error
  return { statusCode: (error as { statusCode?: number }).statusCode ?? 400, errors }
}
