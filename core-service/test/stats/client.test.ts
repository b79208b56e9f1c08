// The stats client against a real HTTP server standing in for stats: retries, timeouts, deadline, circuit
// breaker, fallbacks and garbage handling behave as issue 5 asks.
import { setTimeout as sleep } from 'node:timers/promises'
import { Registry } from 'prom-client'
import t, { type Test } from 'tap'
import { type CallContext, StatsClient, type StatsClientOptions } from '../../src/stats/client.ts'
import { StatsRequestError, StatsUnavailableError } from '../../src/stats/errors.ts'
import { MemoryFallbackStore } from '../../src/stats/fallback-store.ts'
import { StatsMetrics } from '../../src/stats/metrics.ts'
import type { PolicySettings } from '../../src/stats/policy.ts'
import { startFakeStats } from './fake-stats.ts'

const USER = '00000000-0000-4000-8000-000000000001'

interface Logged {
  level: string
  obj: object
  msg: string
}

async function setup(t: Test, policy: Partial<PolicySettings> = {}, extra: Partial<StatsClientOptions> = {}) {
  const fake = await startFakeStats()
  const registry = new Registry()
  const logged: Logged[] = []
  const logger = {
    warn: (obj: object, msg: string) => logged.push({ level: 'warn', obj, msg }),
    error: (obj: object, msg: string) => logged.push({ level: 'error', obj, msg }),
  }
  const client = new StatsClient({
    baseUrl: fake.url,
    token: 'test-token-0123456789',
    policy: {
      attemptTimeoutMs: 300,
      attempts: 3,
      backoffMs: 20,
      deadlineMs: 2000,
      breakerThreshold: 5,
      breakerCooldownMs: 30_000,
      ...policy,
    },
    pool: { connections: 4, connectionTtlMs: 20_000, keepAliveTimeoutMs: 4000 },
    fallback: new MemoryFallbackStore(1_048_576, 60_000),
    metrics: new StatsMetrics(registry),
    logger,
    ...extra,
  })
  t.teardown(async () => {
    await client.close()
    await fake.stop()
  })
  return { fake, client, registry, logged }
}

const analytics = (client: StatsClient) => client.breakers.analytics.snapshot()

async function failCalls(client: StatsClient, n: number, ctx?: CallContext) {
  const results = []
  for (let i = 0; i < n; i++) results.push(await client.summary(USER, ctx))
  return results
}

t.test('a healthy call returns fresh validated data and forwards the request id and token', async (t) => {
  const { fake, client } = await setup(t)
  const result = await client.summary(USER, { requestId: 'req-abc-1' })
  t.equal(result.state, 'fresh')
  if (result.state !== 'fresh') return
  t.equal(result.data.totals.workouts, 12)
  t.equal(fake.requests.length, 1)
  t.equal(fake.requests[0]!.url, `/v1/users/${USER}/summary`)
  t.equal(fake.requests[0]!.headers['x-request-id'], 'req-abc-1')
  t.equal(fake.requests[0]!.headers['x-internal-token'], 'test-token-0123456789')
})

t.test('query parameters are sorted and encoded so equal queries share one fallback key', async (t) => {
  const { fake, client } = await setup(t)
  await client.volume(USER, { to: '2026-11-29', bucket: 'week', from: '2026-11-01', exerciseId: undefined })
  t.equal(fake.requests[0]!.url, `/v1/users/${USER}/volume?bucket=week&from=2026-11-01&to=2026-11-29`)
})

t.test(
  'HTTP 500: the breaker opens after exactly 5 failed calls, without retries, then fails fast',
  async (t) => {
    const { fake, client, registry } = await setup(t)
    fake.behaviour = { kind: 'status', status: 500 }
    for (let i = 1; i <= 4; i++) {
      const result = await client.summary(USER)
      t.equal(result.state, 'unavailable')
      t.equal(analytics(client).state, 'closed', `still closed after ${i} failed calls`)
      t.equal(analytics(client).consecutiveFailures, i)
    }
    t.equal(fake.requests.length, 4, '500 is not retried: one request per call')
    await client.summary(USER)
    const snap = analytics(client)
    t.equal(snap.state, 'open', 'open after the 5th failed call')
    t.equal(snap.lastFailureReason, 'stats answered HTTP 500')
    t.ok(snap.nextTryAt && Date.parse(snap.nextTryAt) > Date.now() + 25_000, 'next try about 30 s away')
    t.equal(fake.requests.length, 5)

    const failedFast = await client.summary(USER)
    t.equal(fake.requests.length, 5, 'no upstream request while open')
    t.equal(failedFast.state, 'unavailable')
    if (failedFast.state === 'unavailable') {
      t.match(failedFast.reason, /circuit breaker "analytics" is open/)
      t.ok(
        failedFast.retryAfterSeconds >= 29 && failedFast.retryAfterSeconds <= 30,
        'Retry-After = time to the trial',
      )
    }
    const text = await registry.metrics()
    t.match(text, /stats_breaker_state\{breaker="analytics"\} 2/)
    t.match(text, /stats_breaker_transitions_total\{breaker="analytics",to="open"\} 1/)
    t.match(
      text,
      /stats_fallbacks_total\{endpoint="\/v1\/users\/:userId\/summary",kind="degraded",reason="breaker-open"\} 1/,
    )
  },
)

t.test(
  'HTTP 503 is retried: 3 attempts per call with growing backoff, and 5 calls open the breaker',
  async (t) => {
    const { fake, client, registry } = await setup(t, { backoffMs: 100 })
    fake.behaviour = { kind: 'status', status: 503 }
    const started = performance.now()
    await client.summary(USER)
    const elapsed = performance.now() - started
    t.equal(fake.requests.length, 3, 'three attempts')
    // backoff 100 ms then 200 ms, each ±20 %: between 240 and 360 ms of waiting.
    t.ok(elapsed >= 230 && elapsed < 700, `backoff waited (${elapsed.toFixed(0)} ms)`)
    await failCalls(client, 4)
    t.equal(fake.requests.length, 15)
    t.equal(analytics(client).state, 'open')
    await client.summary(USER)
    t.equal(fake.requests.length, 15, 'no request while open')
    t.match(await registry.metrics(), /stats_retries_total\{endpoint="\/v1\/users\/:userId\/summary"\} 10/)
  },
)

t.test('502 and 504 are retried too', async (t) => {
  const { fake, client } = await setup(t)
  fake.behaviour = { kind: 'status', status: 502 }
  await client.summary(USER)
  fake.behaviour = { kind: 'status', status: 504 }
  await client.summary(USER)
  t.equal(fake.requests.length, 6)
})

t.test(
  'a stopped stats: connection errors are retried, the breaker opens after 5 calls, then no connects',
  async (t) => {
    const { fake, client } = await setup(t)
    await client.summary(USER) // warm a keep-alive socket, so the stop also kills a live connection
    await fake.stop()
    const results = await failCalls(client, 5)
    t.ok(
      results.every((r) => r.state === 'stale'),
      'served the last good summary each time',
    )
    t.equal(analytics(client).state, 'open')
    t.match(analytics(client).lastFailureReason, /cannot reach stats/)
  },
)

t.test('4xx answers are passed on: never retried, never counted against the breaker', async (t) => {
  const { fake, client } = await setup(t)
  fake.behaviour = {
    kind: 'status',
    status: 404,
    body: JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'exercise not found' }),
  }
  for (let i = 0; i < 7; i++) {
    await t.rejects(client.progression(USER, 'nope', {}), {
      name: 'StatsRequestError',
      status: 404,
      message: 'exercise not found',
    })
  }
  t.equal(fake.requests.length, 7, 'one request per call')
  t.equal(analytics(client).state, 'closed')
  t.equal(analytics(client).consecutiveFailures, 0)
  fake.behaviour = { kind: 'status', status: 400 }
  await t.rejects(client.volume(USER, { bucket: 'year' }), StatsRequestError)
  t.equal(fake.requests.length, 8)
})

t.test('non-GET calls are never retried, even on 503', async (t) => {
  const { fake, client } = await setup(t)
  fake.behaviour = { kind: 'status', status: 503 }
  await t.rejects(client.call('POST', 'summary', `/v1/users/${USER}/summary`), {
    name: 'StatsUnavailableError',
    kind: 'status',
  })
  t.equal(fake.requests.length, 1)
  t.equal(fake.requests[0]!.method, 'POST')
  await t.rejects(client.call('GET', 'summary', `/v1/users/${USER}/summary`), StatsUnavailableError)
  t.equal(fake.requests.length, 4, 'the same failure on GET is retried')
})

t.test('slow beyond the per-attempt timeout: each attempt is cut off and retried', async (t) => {
  const { fake, client } = await setup(t, { attemptTimeoutMs: 100, backoffMs: 10, deadlineMs: 5000 })
  fake.behaviour = { kind: 'slow', delayMs: 1000 }
  const started = performance.now()
  const result = await client.summary(USER)
  const elapsed = performance.now() - started
  t.equal(result.state, 'unavailable')
  t.equal(fake.requests.length, 3)
  t.ok(elapsed >= 300 && elapsed < 600, `3 × 100 ms + backoff (${elapsed.toFixed(0)} ms)`)
  t.match(analytics(client).lastFailureReason, /no answer within 100 ms/)
})

t.test('the overall deadline bounds a call, and no retry is squeezed into its last moments', async (t) => {
  const { fake, client } = await setup(t, { attemptTimeoutMs: 200, backoffMs: 50, deadlineMs: 300 })
  fake.behaviour = { kind: 'slow', delayMs: 2000 }
  const started = performance.now()
  const result = await client.summary(USER)
  const elapsed = performance.now() - started
  t.equal(result.state, 'unavailable')
  t.ok(elapsed < 400, `answered within the deadline (${elapsed.toFixed(0)} ms)`)
  t.equal(fake.requests.length, 1, 'a retry with under half an attempt left would be useless: not sent')
  t.match(analytics(client).lastFailureReason, /no answer within 200 ms/)
})

t.test('a slow stats answering within the timeout is fine', async (t) => {
  const { fake, client } = await setup(t, { attemptTimeoutMs: 300 })
  fake.behaviour = { kind: 'slow', delayMs: 50 }
  t.equal((await client.summary(USER)).state, 'fresh')
})

t.test('non-JSON and wrong-shape answers are failures: logged, not retried, never returned', async (t) => {
  const { fake, client, logged } = await setup(t)
  fake.behaviour = { kind: 'garbage' }
  const garbage = await client.summary(USER, { requestId: 'r1' })
  t.equal(garbage.state, 'unavailable')
  t.equal(fake.requests.length, 1)
  t.match(logged.at(-1), {
    level: 'warn',
    msg: 'stats answered something outside the contract',
    obj: { problem: 'not JSON' },
  })
  fake.behaviour = { kind: 'wrong-shape' }
  const wrong = await client.summary(USER)
  t.equal(wrong.state, 'unavailable')
  t.match(logged.at(-1), { obj: { problem: /must/ } })
  t.equal(analytics(client).consecutiveFailures, 2)
  t.match(analytics(client).lastFailureReason, /stats answered garbage/)
})

t.test('garbage after good data serves the good data as stale, never the garbage', async (t) => {
  const { fake, client } = await setup(t)
  const fresh = await client.summary(USER)
  await sleep(1100)
  fake.behaviour = { kind: 'wrong-shape' }
  const stale = await client.summary(USER)
  t.equal(stale.state, 'stale')
  if (stale.state !== 'stale' || fresh.state !== 'fresh') return
  t.same(stale.data, fresh.data)
  t.ok(stale.ageSeconds >= 1, 'age reported')
  t.equal(stale.asOf.getTime(), fresh.asOf.getTime())
  t.match(stale.reason, /garbage/)
})

t.test('fallback is per user and per query', async (t) => {
  const { fake, client } = await setup(t)
  await client.volume(USER, { bucket: 'week' })
  fake.behaviour = { kind: 'status', status: 500 }
  t.equal((await client.volume(USER, { bucket: 'week' })).state, 'stale')
  t.equal((await client.volume(USER, { bucket: 'month' })).state, 'unavailable', 'other query')
  t.equal(
    (await client.volume('00000000-0000-4000-8000-000000000002', { bucket: 'week' })).state,
    'unavailable',
    'other user',
  )
})

t.test('half-open after the cooldown: one trial; success closes, failure re-opens', async (t) => {
  const { fake, client, registry } = await setup(t, { breakerCooldownMs: 300 })
  fake.behaviour = { kind: 'status', status: 500 }
  await failCalls(client, 5)
  t.equal(analytics(client).state, 'open')
  await sleep(350)
  // Trial fails: open again, for another cooldown, and only that one request went upstream.
  await client.summary(USER)
  t.equal(fake.requests.length, 6)
  t.equal(analytics(client).state, 'open')
  await client.summary(USER)
  t.equal(fake.requests.length, 6, 'fails fast again')
  await sleep(350)
  fake.behaviour = { kind: 'slow', delayMs: 100 }
  // Concurrent callers during the trial: exactly one request reaches stats.
  const [trial, ...others] = await Promise.all([
    client.summary(USER),
    client.summary(USER),
    client.summary(USER),
  ])
  t.equal(trial!.state, 'fresh')
  t.ok(others.every((r) => r.state !== 'unavailable'))
  t.equal(analytics(client).state, 'closed')
  t.equal(analytics(client).consecutiveFailures, 0)
  t.ok(fake.requests.length >= 7)
  const text = await registry.metrics()
  t.match(text, /stats_breaker_transitions_total\{breaker="analytics",to="half-open"\} 2/)
  t.match(text, /stats_breaker_transitions_total\{breaker="analytics",to="closed"\} 1/)
  t.match(text, /stats_breaker_state\{breaker="analytics"\} 0/)
})

t.test('flapping: successes in between reset the count, five failures in a row open', async (t) => {
  const { fake, client } = await setup(t)
  // Requests 0-3 fail, 4 succeeds, 5-8 fail, 9 succeeds, then everything fails.
  fake.script = (n) => (n === 4 || n === 9 ? { kind: 'ok' } : { kind: 'status', status: 500 })
  await failCalls(client, 10)
  t.equal(analytics(client).state, 'closed', 'never 5 in a row')
  t.equal(analytics(client).consecutiveFailures, 0)
  await failCalls(client, 4)
  t.equal(analytics(client).state, 'closed')
  await failCalls(client, 1)
  t.equal(analytics(client).state, 'open')
  t.equal(fake.requests.length, 15)
})

t.test('connections are kept alive, and retired after the TTL so new replicas get traffic', async (t) => {
  const { fake, client } = await setup(
    t,
    {},
    { pool: { connections: 2, connectionTtlMs: 300, keepAliveTimeoutMs: 4000 } },
  )
  for (let i = 0; i < 10; i++) t.equal((await client.summary(USER)).state, 'fresh')
  const firstGeneration = fake.connections.size
  t.ok(firstGeneration <= 2, `10 sequential calls reused keep-alive sockets (${firstGeneration} opened)`)
  await sleep(400)
  for (let i = 0; i < 5; i++)
    t.equal((await client.summary(USER)).state, 'fresh', 'no request stalls across a rotation')
  t.ok(fake.connections.size > firstGeneration, 'sockets older than the TTL were replaced by new connections')
  t.ok(fake.connections.size <= firstGeneration + 2)
  t.equal(client.pool.generations, 2)
  t.equal(analytics(client).consecutiveFailures, 0)
})
