// The one error shape both services answer with, and the root handler that produces it.
// 4xx: { statusCode, code, message } a person can act on. 503 for a dependency outage (the database, or a
// catalogued "temporarily unavailable"): its own code and message, with Retry-After. Other 5xx: logged in
// full, answered with an id only.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseOutage, isUnavailableError, RETRY_AFTER_SECONDS } from './unavailable.ts'

/**
 * The `code` of every 4xx either service answers: one vocabulary, so a client (and core reading stats)
 * handles a code the same wherever it came from. 5xx codes name the outage (DATABASE_UNAVAILABLE, …).
 */
export const ErrorCode = {
  validation: 'VALIDATION',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  csrfRejected: 'CSRF_REJECTED',
  notFound: 'NOT_FOUND',
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  conflict: 'CONFLICT',
  rateLimited: 'RATE_LIMITED',
} as const

export interface ErrorBody {
  statusCode: number
  code: string
  message: string
  /** For input a person can fix: a message per field ("sets.0.reps"), the words core's forms show. */
  fields?: Record<string, string>
}

/** Shared OpenAPI schema for every error response. */
export const ErrorResponse = {
  $id: 'ErrorResponse',
  type: 'object',
  description: 'What went wrong, in words a person can act on.',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', examples: [400] },
    code: { type: 'string', examples: ['FST_ERR_VALIDATION'] },
    message: { type: 'string', examples: ['body/reps must be >= 0'] },
    fields: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'for invalid input: what is wrong with each field (path like sets.0.reps), in words for people',
      examples: [{ 'sets.0.reps': 'must be a whole number from 0 to 1000' }],
    },
  },
} as const

export interface ErrorHandlerOptions {
  /** Renders an HTML error page for requests that want one (core's pages); JSON otherwise. */
  renderPage?: (request: FastifyRequest, reply: FastifyReply, body: ErrorBody) => Promise<unknown> | undefined
}

/** For an outage: the 503 body and how long to wait; otherwise undefined. */
export function outageOf(error: unknown): { body: ErrorBody; retryAfterSeconds: number } | undefined {
  if (isUnavailableError(error)) {
    return {
      body: { statusCode: 503, code: error.code, message: error.message },
      retryAfterSeconds: error.retryAfterSeconds,
    }
  }
  if (isDatabaseOutage(error)) {
    return {
      body: {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: `the database is temporarily unavailable; try again in ${RETRY_AFTER_SECONDS} seconds`,
      },
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    }
  }
  return undefined
}

export function toErrorBody(error: FastifyError, requestId: string): ErrorBody {
  const outage = outageOf(error)
  if (outage) return outage.body
  const statusCode =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
  if (statusCode >= 500) {
    return { statusCode, code: 'INTERNAL', message: `internal error, id ${requestId}` }
  }
  const fields = fieldsOf(error)
  if (error.validation) {
    const where = error.validationContext ? `${error.validationContext}` : 'request'
    // Unknown properties: every one of them, so a client fixes its request in one go.
    const unknown = error.validation.filter((issue) => issue.keyword === 'additionalProperties')
    if (unknown.length > 0) {
      const names = unknown.map((issue) => {
        const name = (issue.params as { additionalProperty?: string }).additionalProperty ?? '?'
        return issue.instancePath ? `${issue.instancePath.slice(1)}/${name}` : name
      })
      return {
        statusCode,
        code: ErrorCode.validation,
        message: `${where} has unknown properties: ${names.join(', ')}`,
        ...fields,
      }
    }
    const first = error.validation[0]
    const field = first?.instancePath ? `${where}${first.instancePath}` : where
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty
    const message = missing ? `${where}/${missing} is required` : `${field} ${first?.message ?? 'is invalid'}`
    return { statusCode, code: ErrorCode.validation, message, ...fields }
  }
  return { statusCode, code: error.code ?? 'ERROR', message: error.message, ...fields }
}

/**
 * `{ fields }` when the error says what is wrong per field: its own `fields`, or its validation issues'
 * `field` + `fieldMessage` (core's body validator adds them); else nothing.
 */
function fieldsOf(error: FastifyError): { fields?: Record<string, string> } {
  const own = (error as { fields?: unknown }).fields
  if (own && typeof own === 'object') return { fields: own as Record<string, string> }
  const fields: Record<string, string> = {}
  for (const issue of error.validation ?? []) {
    const { field, fieldMessage } = issue as { field?: unknown; fieldMessage?: unknown }
    if (typeof field === 'string' && typeof fieldMessage === 'string') fields[field] ??= fieldMessage
  }
  return Object.keys(fields).length > 0 ? { fields } : {}
}

async function errorHandlerPlugin(fastify: FastifyInstance, options: ErrorHandlerOptions) {
  fastify.addSchema(ErrorResponse)
  fastify.setErrorHandler(async (error: FastifyError, request, reply) => {
    const outage = outageOf(error)
    const body = outage?.body ?? toErrorBody(error, request.id)
    if (outage) {
      // An outage is expected and already visible on /ready and the dependency's own metrics: one line.
      request.log.warn({ code: body.code, reason: error.message?.split('\n').find(Boolean) }, body.message)
      reply.header('retry-after', String(outage.retryAfterSeconds))
    } else if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ statusCode: body.statusCode, code: body.code }, body.message)
    reply.code(body.statusCode)
    // A catalogued 429/503 may say when to come back (RFC 9110 Retry-After, in seconds).
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds
    if (typeof retryAfter === 'number' && retryAfter > 0)
      reply.header('retry-after', String(Math.ceil(retryAfter)))
    const page = options.renderPage?.(request, reply, body)
    if (page) return page
    return body
  })
  fastify.setNotFoundHandler(async (request, reply) => {
    const body = {
      statusCode: 404,
      code: ErrorCode.notFound,
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    }
    reply.code(404)
    return options.renderPage?.(request, reply, { ...body, message: 'Page not found' }) ?? body
  })
}

export const errorHandler = fp(errorHandlerPlugin, { name: 'error-handler', fastify: '5.x' })
