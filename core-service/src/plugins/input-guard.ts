// Text input rules every route gets, in one preValidation hook so no route can forget them: no control
// characters in any body, query or path value (PostgreSQL refuses NUL in text, and the rest have no
// business in a name or a search). Multi-line fields (MULTI_LINE) may hold tab, line feed and carriage
// return. `next` is left to the redirect check (src/accounts/redirect-target.ts), which falls back to '/'.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { fieldError, ValidationFailed } from '../errors.ts'

/** Fields typed in a <textarea> (and their JSON twins): line breaks and tabs are text there. */
const MULTI_LINE = new Set(['notes'])
/** Checked elsewhere, with a fallback instead of a refusal. */
const LEFT_TO_THEIR_CHECK = new Set(['next'])
const TAB = 0x09
const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d

/** The first refused character of `text` as "U+0000", or null. */
export function refusedCharacter(text: string, multiLine: boolean): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const control = c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)
    if (!control) continue
    if (multiLine && (c === TAB || c === LINE_FEED || c === CARRIAGE_RETURN)) continue
    return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
  }
  return null
}

/** A property name as it can be shown in a message: refused characters become "?". */
function printable(key: string): string {
  return [...key].map((char) => (refusedCharacter(char, false) ? '?' : char)).join('')
}

interface Refusal {
  path: string[]
  character: string
}

/** Depth-first: the first string (or property name) holding a refused character. */
function findRefusal(value: unknown, path: string[], depth = 0): Refusal | null {
  if (depth > 32) return null // deeper than any schema allows; validation refuses it anyway
  if (typeof value === 'string') {
    const last = path.at(-1) ?? ''
    if (LEFT_TO_THEIR_CHECK.has(last)) return null
    const character = refusedCharacter(value, MULTI_LINE.has(last))
    return character ? { path, character } : null
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findRefusal(value[i], [...path, String(i)], depth + 1)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const character = refusedCharacter(key, false)
      if (character) return { path: [...path, printable(key)], character }
      const found = findRefusal(inner, [...path, key], depth + 1)
      if (found) return found
    }
  }
  return null
}

async function inputGuardPlugin(fastify: FastifyInstance) {
  fastify.addHook('preValidation', async (request) => {
    // Every body LiftLog takes is a form or a JSON object; say so rather than a field-less 400.
    const body = request.body
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      throw new ValidationFailed('the request body must be a form or a JSON object')
    }
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const refusal = findRefusal(value, [])
      if (!refusal) continue
      const field = refusal.path.join('.') || part
      throw fieldError(
        new ValidationFailed(
          `${part}/${refusal.path.join('/')} contains a control character (${refusal.character}); remove it`,
        ),
        field,
      )
    }
  })
}

export default fp(inputGuardPlugin, { name: 'input-guard' })
