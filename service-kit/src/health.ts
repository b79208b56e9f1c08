// GET /health (liveness: the process serves requests) and GET /ready (readiness: every dependency
// answers within a short timeout). Kubernetes restarts on the first and only routes traffic on the second.
// Both answer one line on the public port; the operator server's /ready adds each check's answer.
import type { FastifyInstance } from 'fastify'

export type ReadinessCheck = () => Promise<unknown>

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>
  timeoutMs?: number
  /** How long start-up waits for the checks' first answers (see WARM_UP_MS). */
  warmUpMs?: number
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

/** Runs every check at once; each answers "ok" or why not (its error, or the timeout). */
async function runChecks(checks: Record<string, ReadinessCheck>, ms: number) {
  const names = Object.keys(checks)
  const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!, ms)))
  const answers: Record<string, string> = {}
  results.forEach((result, i) => {
    answers[names[i]!] =
      result.status === 'fulfilled'
        ? 'ok'
        : result.reason instanceof Error
          ? result.reason.message
          : String(result.reason)
  })
  return { ready: Object.values(answers).every((a) => a === 'ok'), checks: answers }
}

/**
 * How long start-up waits for the dependencies' first answer. The first query opens a pool connection (and,
 * with Prisma, loads its query compiler), which on a busy node can take longer than the readiness timeout;
 * waiting for it once here keeps a fresh process's first probe from failing a dependency that is fine.
 */
const WARM_UP_MS = 5_000

export async function healthRoutes(fastify: FastifyInstance, options: HealthOptions) {
  const timeoutMs = options.timeoutMs ?? 1_000
  const warmUpMs = options.warmUpMs ?? WARM_UP_MS
  fastify.addHook('onReady', async () => {
    const { ready, checks } = await runChecks(options.checks, warmUpMs)
    if (!ready) fastify.log.warn({ checks }, 'not ready at start-up; /ready reports it until it is')
  })
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
  // Public: one line, no reasons (they would tell anyone which dependency is down). The operator server
  // answers the same question with each check's answer.
  const Status = { type: 'object', properties: { status: { type: 'string' } } } as const
  fastify.get(
    '/ready',
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database (and Redis, where configured) answer in time',
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      const { ready, checks } = await runChecks(options.checks, timeoutMs)
      if (!ready) request.log.warn({ checks }, 'not ready')
      reply.code(ready ? 200 : 503)
      return { status: ready ? 'ready' : 'unavailable' }
    },
  )
  if (!fastify.hasDecorator('operator')) return
  fastify.operator.get('/ready', async (_request, reply) => {
    const { ready, checks } = await runChecks(options.checks, timeoutMs)
    reply.code(ready ? 200 : 503)
    return { status: ready ? 'ready' : 'unavailable', checks }
  })
}
