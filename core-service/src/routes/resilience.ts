// GET /resilience on the operator server (METRICS_PORT): how core's calls to stats are doing right now, per
// circuit breaker, with the policy in force. Never on the public port: it names the internal stats URL and
// shows an attacker whether their attack on stats is working.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'

const Breaker = Type.Object({
  name: Type.String({ description: 'analytics: every per-lifter query (one breaker)' }),
  state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half-open')]),
  consecutiveFailures: Type.Integer({ description: 'failed calls in a row (a success resets it)' }),
  lastFailureAt: Type.Union([Type.String(), Type.Null()], { description: 'ISO 8601' }),
  lastFailureReason: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.Union([Type.String(), Type.Null()], {
    description: 'when it last opened, while not closed',
  }),
  nextTryAt: Type.Union([Type.String(), Type.Null()], {
    description: 'while open: when the next call is let through as the half-open trial',
  }),
})

const Resilience = Type.Object(
  {
    statsUrl: Type.String(),
    breakers: Type.Array(Breaker),
    policy: Type.Object({
      attemptTimeoutMs: Type.Integer(),
      attempts: Type.Integer({ description: 'per idempotent GET, including the first' }),
      backoffMs: Type.Integer({ description: 'first retry delay; doubled per retry, ±20 % jitter' }),
      deadlineMs: Type.Integer({ description: 'overall bound on one call including retries' }),
      breakerThreshold: Type.Integer({ description: 'consecutive failed calls that open a breaker' }),
      breakerCooldownMs: Type.Integer({ description: 'open time before one half-open trial' }),
      retryOn: Type.String(),
    }),
    pool: Type.Object({
      connections: Type.Integer(),
      connectionTtlMs: Type.Integer({ description: 'sockets are retired this long after they opened' }),
      keepAliveTimeoutMs: Type.Integer(),
      generations: Type.Integer({ description: 'connection generations opened since start' }),
    }),
    fallback: Type.Object({
      store: Type.Union([Type.Literal('redis'), Type.Literal('memory')]),
    }),
  },
  { description: 'Breakers, policy and pool of the stats client' },
)

export default async function resilienceRoutes(fastify: FastifyInstance) {
  const operator = fastify.operator.withTypeProvider<TypeBoxTypeProvider>()
  operator.get('/resilience', { schema: { response: { 200: Resilience } } }, async () => {
    const client = fastify.statsClient
    const { policy, pool, baseUrl } = client.options
    return {
      statsUrl: withoutCredentials(baseUrl),
      breakers: client.snapshot(),
      policy: { ...policy, retryOn: 'GET only: connection errors, timeouts, HTTP 502/503/504; never 4xx' },
      pool: { ...pool, generations: client.pool.generations },
      fallback: { store: client.fallbackKind },
    }
  })
}

function withoutCredentials(url: string) {
  const parsed = new URL(url)
  parsed.username = ''
  parsed.password = ''
  return parsed.toString().replace(/\/$/, '')
}
