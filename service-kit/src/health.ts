// GET /health (liveness: the process serves requests) and GET /ready (readiness). Kubernetes restarts on
// the first and only routes traffic on the second. Both answer one line on the public port; the operator
// server's /ready adds each check's answer.
//
// What readiness means here: "this process can serve its own traffic", i.e. it has started and is not
// shutting down. Dependencies SHARED by every replica (PostgreSQL, Redis) are checked and reported, but do
// not fail readiness: when one of them is down it is down for every replica at once, and failing readiness
// would empty every endpoint of the Service together — the ingress would then answer a bare 502/503 instead
// of our own 503 page with Retry-After (database), the signed-out pages and stale analytics (Redis), and
// recovery would wait for probes. Only `required` checks (none by default) gate readiness.
import type { FastifyInstance } from 'fastify'
import { CheckTimeout, describeFailure } from './unavailable.ts'
import { withTimeout } from './wait-at-most.ts'

export type ReadinessCheck = () => Promise<unknown>

export interface HealthOptions {
  /** Dependencies reported on /ready ("ok" or one line saying why not). */
  checks: Record<string, ReadinessCheck>
  /** Names of checks whose failure makes the process not ready (default none; see the header). */
  required?: string[]
  timeoutMs?: number
  /** How long start-up waits for the checks' first answers (see WARM_UP_MS). */
  warmUpMs?: number
}

async function answerOf(check: ReadinessCheck, ms: number): Promise<'ok'> {
  await withTimeout(
    ms,
    () => check(),
    () => {
      throw new CheckTimeout(`no answer within ${ms} ms`)
    },
  )
  return 'ok'
}

/** Runs every check at once; each answers "ok" or why not (its error, or the timeout). */
async function runChecks(checks: Record<string, ReadinessCheck>, ms: number, required: string[] = []) {
  const names = Object.keys(checks)
  const results = await Promise.allSettled(names.map((name) => answerOf(checks[name]!, ms)))
  const answers: Record<string, string> = {}
  results.forEach((result, i) => {
    answers[names[i]!] = result.status === 'fulfilled' ? 'ok' : describeFailure(result.reason)
  })
  const healthy = Object.values(answers).every((a) => a === 'ok')
  return { ready: required.every((name) => answers[name] === 'ok'), healthy, checks: answers }
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
    const { healthy, checks } = await runChecks(options.checks, warmUpMs)
    if (!healthy) fastify.log.warn({ checks }, 'a dependency is failing at start-up; /ready reports it')
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
        summary:
          'Readiness: this process serves traffic; status "degraded" when a shared dependency (database, Redis) fails, without failing readiness',
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      const { ready, healthy, checks } = await runChecks(options.checks, timeoutMs, options.required)
      if (!healthy) request.log.warn({ checks }, ready ? 'degraded' : 'not ready')
      reply.code(ready ? 200 : 503)
      return { status: ready ? (healthy ? 'ready' : 'degraded') : 'unavailable' }
    },
  )
  if (!fastify.hasDecorator('operator')) return
  fastify.operator.get('/ready', async (_request, reply) => {
    const { ready, healthy, checks } = await runChecks(options.checks, timeoutMs, options.required)
    reply.code(ready ? 200 : 503)
    return { status: ready ? (healthy ? 'ready' : 'degraded') : 'unavailable', checks }
  })
}
