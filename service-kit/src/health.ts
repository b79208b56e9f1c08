// GET /health (liveness: the process serves requests) and GET /ready (readiness: every dependency
// answers within a short timeout). Kubernetes restarts on the first and only routes traffic on the second.
import type { FastifyInstance } from 'fastify'

export type ReadinessCheck = () => Promise<unknown>

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>
  timeoutMs?: number
}

function withTimeout(check: ReadinessCheck, ms: number): Promise<'ok'> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    check().then(() => 'ok' as const),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

const CheckResults = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: '"ok", or why that dependency is not ready',
} as const

export async function healthRoutes(fastify: FastifyInstance, options: HealthOptions) {
  const timeoutMs = options.timeoutMs ?? 1_000
  fastify.get(
    '/health',
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is serving requests',
        response: { 200: { type: 'object', properties: { status: { type: 'string', const: 'ok' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  )
  fastify.get(
    '/ready',
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database (and Redis, where configured) answer in time',
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, checks: CheckResults } },
          503: { type: 'object', properties: { status: { type: 'string' }, checks: CheckResults } },
        },
      },
    },
    async (request, reply) => {
      const names = Object.keys(options.checks)
      const results = await Promise.allSettled(
        names.map((name) => withTimeout(options.checks[name]!, timeoutMs)),
      )
      const checks: Record<string, string> = {}
      let ready = true
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') checks[names[i]!] = 'ok'
        else {
          ready = false
          checks[names[i]!] = result.reason instanceof Error ? result.reason.message : String(result.reason)
        }
      })
      if (!ready) request.log.warn({ checks }, 'not ready')
      reply.code(ready ? 200 : 503)
      return { status: ready ? 'ready' : 'unavailable', checks }
    },
  )
}
