// Refuses input no handler can use with a 400 before it reaches one: control characters (NUL, ESC, …) in a
// path or query parameter, which PostgreSQL rejects with an error, and numbers that coerced to ±Infinity
// ("1e309"), which date arithmetic throws on. Either would otherwise surface as a 500 — and core counts a
// 500 against the circuit breaker every lifter shares.
import type { FastifyRequest } from 'fastify'
import { BadRequest } from '../errors.ts'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/

function firstBad(where: string, values: unknown, bad: (v: unknown) => boolean): string | undefined {
  if (!values || typeof values !== 'object') return undefined
  for (const [name, value] of Object.entries(values)) {
    if ((Array.isArray(value) ? value : [value]).some(bad)) return `${where}/${name}`
  }
  return undefined
}

const hasControl = (v: unknown) => typeof v === 'string' && CONTROL.test(v)
const notFinite = (v: unknown) => typeof v === 'number' && !Number.isFinite(v)

/** preValidation: on the raw strings, before schemas coerce them. */
export async function rejectControlCharacters(request: FastifyRequest) {
  const field =
    firstBad('params', request.params, hasControl) ?? firstBad('querystring', request.query, hasControl)
  if (field) throw new BadRequest(`${field} must not contain control characters`)
}

/** preHandler: on the coerced values. */
export async function rejectNonFiniteNumbers(request: FastifyRequest) {
  const field = firstBad('querystring', request.query, notFinite)
  if (field) throw new BadRequest(`${field} must be a finite number`)
}
