// /api/v1/stats/*, /resilience, /metrics and the calendar's load shading, through the real core app,
// against a real HTTP server standing in for stats-service.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { startFakeStats } from './fake-stats.ts'

async function setup(t: Parameters<typeof buildTestCore>[0], env: Record<string, string> = {}) {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app } = await buildTestCore(t, {
    STATS_URL: fake.url,
    STATS_RETRY_BACKOFF_MS: '10',
    STATS_ATTEMPT_TIMEOUT_MS: '300',
    STATS_BREAKER_COOLDOWN_MS: '600',
    ...env,
  })
  return { app, fake }
}

t.test('GET /api/v1/stats/summary proxies the lifter’s own summary, live, with the request id', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  const res = await app.inject({
    url: '/api/v1/stats/summary',
    headers: { authorization: `Bearer ${alice.token}`, 'x-request-id': 'trace-42' },
  })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.totals.workouts, 12)
  t.equal(body.stale, false)
  t.equal(body.ageSeconds, 0)
  t.ok(Date.parse(body.asOf) <= Date.now())
  const seen = fake.requests.at(-1)!
  t.equal(seen.url, `/v1/users/${alice.user.id}/summary`, 'user id comes from the session, never the caller')
  t.equal(seen.headers['x-request-id'], 'trace-42')
  t.equal(seen.headers['x-internal-token'], 'test-stats-token-0123456789')
})

t.test('the proxy refuses guests and bad parameters without calling stats', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  const guest = await app.inject({ url: '/api/v1/stats/summary', headers: { accept: 'application/json' } })
  t.equal(guest.statusCode, 401)
  const bad = await alice.api('GET', '/api/v1/stats/volume?bucket=year')
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'VALIDATION')
  t.equal((await alice.api('GET', '/api/v1/stats/volume?from=yesterday')).statusCode, 400)
  t.equal((await alice.api('GET', '/api/v1/stats/exercises/not-a-uuid/progression')).statusCode, 400)
  t.equal((await alice.api('GET', '/api/v1/stats/calendar?month=2026-13')).statusCode, 400)
  t.equal(fake.requests.length, 0)
})

t.test('every proxied endpoint answers the contract shape with freshness fields', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  const exerciseId = '11111111-1111-4111-8111-111111111111'
  const urls = [
    '/api/v1/stats/volume?bucket=week&from=2026-11-01&to=2026-11-29',
    `/api/v1/stats/exercises/${exerciseId}/progression?formula=brzycki&repCap=10`,
    '/api/v1/stats/records',
    '/api/v1/stats/records/recent?days=14',
    '/api/v1/stats/breakdown?from=2026-10-01&to=2026-11-29',
    '/api/v1/stats/calendar?month=2026-11',
    '/api/v1/stats/body-weight/trend?range=all',
  ]
  for (const url of urls) {
    const res = await alice.api('GET', url)
    t.equal(res.statusCode, 200, url)
    t.equal(res.json().stale, false, url)
    t.equal(res.json().userId, alice.user.id, url)
  }
  t.equal(
    fake.requests[1]!.url,
    `/v1/users/${alice.user.id}/exercises/${exerciseId}/progression?formula=brzycki&repCap=10`,
  )
  t.equal(fake.requests[3]!.url, `/v1/users/${alice.user.id}/records/recent?days=14`)
  t.equal(fake.requests[6]!.url, `/v1/users/${alice.user.id}/body-weight/trend?range=all`)
})

t.test('a stats 4xx on the summary is a 400 or 404 in the catalogue’s words, never a 500', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  fake.behaviour = {
    kind: 'status',
    status: 400,
    body: JSON.stringify({ statusCode: 400, code: 'VALIDATION', message: 'no such thing' }),
  }
  const refused = await alice.api('GET', '/api/v1/stats/summary')
  t.equal(refused.statusCode, 400)
  t.match(refused.json(), { code: 'VALIDATION', message: 'no such thing' })
  fake.behaviour = { kind: 'status', status: 404 }
  t.equal((await alice.api('GET', '/api/v1/stats/summary')).statusCode, 404)
})

t.test('stats 4xx is passed on in the catalogue’s words and does not trip the breaker', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  fake.behaviour = {
    kind: 'status',
    status: 404,
    body: JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'exercise not found' }),
  }
  for (let i = 0; i < 6; i++) {
    const res = await alice.api(
      'GET',
      '/api/v1/stats/exercises/11111111-1111-4111-8111-111111111111/progression',
    )
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'NOT_FOUND')
  }
  t.equal(fake.requests.length, 6, 'no retries for 4xx')
  const resilience = (await app.operator.inject('/resilience')).json()
  t.equal(resilience.breakers[0].state, 'closed')
})

t.test(
  'stats down: stale data with its age, else 503 + Retry-After + degraded body; breaker shows in /resilience',
  async (t) => {
    const { app, fake } = await setup(t)
    const alice = await signUp(app)
    t.equal((await alice.api('GET', '/api/v1/stats/summary')).statusCode, 200)
    await sleep(1100)
    await fake.stop()

    const stale = await alice.api('GET', '/api/v1/stats/summary')
    t.equal(stale.statusCode, 200)
    t.equal(stale.json().stale, true)
    t.ok(stale.json().ageSeconds >= 1)
    t.equal(stale.json().totals.workouts, 12)

    const none = await alice.api('GET', '/api/v1/stats/records')
    t.equal(none.statusCode, 503)
    t.match(none.json(), { statusCode: 503, code: 'STATS_UNAVAILABLE', degraded: true })
    t.match(none.json().message, /temporarily unavailable/)
    t.ok(Number(none.headers['retry-after']) >= 1)

    // 2 failed calls so far; 3 more open the breaker.
    for (let i = 0; i < 3; i++) await alice.api('GET', '/api/v1/stats/breakdown')
    const resilience = await app.operator.inject('/resilience')
    t.equal(resilience.statusCode, 200)
    const analytics = resilience.json().breakers.find((b: { name: string }) => b.name === 'analytics')
    t.equal(analytics.state, 'open')
    t.equal(analytics.consecutiveFailures, 5)
    t.match(analytics.lastFailureReason, /cannot reach stats/)
    t.ok(analytics.nextTryAt)
    t.match(resilience.json().policy, {
      attempts: 3,
      breakerThreshold: 5,
      breakerCooldownMs: 600,
      attemptTimeoutMs: 300,
    })
    t.equal(resilience.json().fallback.store, 'redis')
    t.same(
      resilience.json().breakers.map((b: { name: string }) => b.name),
      ['analytics'],
      'one breaker',
    )

    const open = await alice.api('GET', '/api/v1/stats/volume')
    t.equal(open.statusCode, 503)
    t.equal(open.headers['retry-after'], '1', 'seconds until the half-open trial')

    const metrics = (await app.operator.inject('/metrics')).body
    t.match(metrics, /stats_breaker_state\{breaker="analytics",service="core"\} 2/)
    t.match(
      metrics,
      /stats_fallbacks_total\{endpoint="\/v1\/users\/:userId\/summary",kind="stale",reason="connection",service="core"\} 1/,
    )
    t.match(
      metrics,
      /stats_fallback_cache_lookups_total\{endpoint="\/v1\/users\/:userId\/summary",result="hit",service="core"\} 1/,
    )
    t.match(
      metrics,
      /http_requests_total\{method="GET",route="\/api\/v1\/stats\/volume",status="503",service="core"\} 1/,
    )

    // stats comes back: after the cooldown the trial call closes the breaker and data is live again.
    await fake.start()
    await sleep(650)
    const back = await alice.api('GET', '/api/v1/stats/summary')
    t.equal(back.statusCode, 200)
    t.equal(back.json().stale, false)
    t.equal((await app.operator.inject('/resilience')).json().breakers[0].state, 'closed')
  },
)

t.test('the proxy is documented in /apidocs', async (t) => {
  const { app } = await setup(t)
  const doc = (await app.inject('/apidocs/json')).json()
  for (const path of [
    '/summary',
    '/volume',
    '/exercises/{exerciseId}/progression',
    '/records',
    '/records/recent',
    '/breakdown',
    '/calendar',
    '/body-weight/trend',
  ]) {
    const op = doc.paths[`/api/v1/stats${path}`]?.get
    t.ok(op, path)
    t.ok(op?.responses['503'], `${path} documents 503`)
  }
  t.notOk(
    doc.paths['/resilience'],
    '/resilience moved to the operator port (issue 12): not in the public docs',
  )
})

t.test('the calendar shades days by load from stats, and keeps plain marks when stats is down', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  const page = await alice.page('/calendar?month=2026-11')
  t.equal(page.statusCode, 200)
  // Fixture: 2026-11-02 has 5 sets/800 kg, 2026-11-09 12 sets/4200 kg.
  t.match(page.body, /class="day[^"]*load-4"[^>]*>\s*<a href="\/calendar\/2026-11-09"/)
  t.match(page.body, /class="day[^"]*load-2"[^>]*>\s*<a href="\/calendar\/2026-11-02"/)
  t.ok(fake.count(`/v1/users/${alice.user.id}/calendar?month=2026-11`) >= 1)

  await fake.stop()
  // December was in view (its first days) before: its last good answer still shades.
  const stale = await alice.page('/calendar?month=2026-12')
  t.equal(stale.statusCode, 200)
  t.match(stale.body, /load-\d"[^>]*>\s*<a href="\/calendar\/2026-12-02"/)
  const plain = await alice.page('/calendar?month=2027-06')
  t.equal(plain.statusCode, 200)
  t.notMatch(plain.body, /load-\d/)
})

t.test('while the breaker is open, API and pages answer without calling stats at all', async (t) => {
  const { app, fake } = await setup(t, { STATS_BREAKER_COOLDOWN_MS: '60000' })
  const alice = await signUp(app)
  fake.behaviour = { kind: 'status', status: 500 }
  for (let i = 0; i < 5; i++) t.equal((await alice.api('GET', '/api/v1/stats/summary')).statusCode, 503)
  t.equal(fake.requests.length, 5, 'one request per failed call (500 is not retried)')
  const api = await alice.api('GET', '/api/v1/stats/summary')
  t.equal(api.statusCode, 503)
  t.ok(Number(api.headers['retry-after']) > 50, 'Retry-After: until the trial, about 60 s')
  const page = await alice.page('/progress')
  t.equal(page.statusCode, 200)
  t.match(page.body, /Progress is temporarily unavailable/)
  const calendar = await alice.page('/calendar')
  t.equal(calendar.statusCode, 200)
  t.equal(fake.requests.length, 5, 'no upstream request while open')
})

t.test('a black-holed stats delays the calendar by the shading budget at most', async (t) => {
  const { app, fake } = await setup(t, { STATS_ATTEMPT_TIMEOUT_MS: '3000', STATS_DEADLINE_MS: '5000' })
  const alice = await signUp(app)
  fake.behaviour = { kind: 'slow', delayMs: 10_000 }
  const started = Date.now()
  const calendar = await alice.page('/calendar')
  t.equal(calendar.statusCode, 200)
  t.ok(Date.now() - started < 2000, `calendar answered in ${Date.now() - started} ms`)
  t.notMatch(calendar.body, /load-\d/)
})
