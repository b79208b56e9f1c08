// No single lifter can switch analytics off for everyone: one lifter sends every kind of odd input to every
// stats-backed route of core, against the REAL stats-service, and the shared breaker stays closed while
// another lifter keeps getting fresh numbers.
import t from 'tap'
import { freePort } from '../../../scripts/processes.ts'
import { buildTestCore } from '../support/app.ts'
import { startRealStats } from '../support/real-stats.ts'
import { signUp } from '../support/users.ts'

const ODD = [
  '%00',
  'chest%00',
  '%1B%5B31m',
  '%7F',
  '%0D%0A',
  '%FF',
  '%C0%80',
  '%EF%BF%BF',
  "'%3B--",
  '%25',
  'x'.repeat(500),
  '-1',
  '99999999999999999999',
  '1e309',
  'NaN',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '',
  '%20',
  '%F0%9F%92%AA',
]

t.test('one lifter fuzzing every stats-backed route never opens the shared breaker', async (t) => {
  const port = await freePort()
  const { app, db } = await buildTestCore(t, {
    STATS_URL: `http://127.0.0.1:${port}`,
    STATS_BREAKER_THRESHOLD: '3',
  })
  const stats = await startRealStats(port, db.readonlyUrl)
  t.teardown(() => stats.stop())
  const mallory = await signUp(app)
  const alice = await signUp(app)
  const exercise = '00000000-0000-4000-8000-000000000000'
  const urls: string[] = []
  for (const v of ODD) {
    urls.push(
      `/api/v1/stats/volume?muscleGroup=${v}`,
      `/api/v1/stats/volume?bucket=${v}`,
      `/api/v1/stats/volume?from=${v}`,
      `/api/v1/stats/volume?to=${v}`,
      `/api/v1/stats/volume?range=${v}`,
      `/api/v1/stats/volume?exerciseId=${v}`,
      `/api/v1/stats/volume?bucket=day&from=${v}`,
      `/api/v1/stats/exercises/${v}/progression`,
      `/api/v1/stats/exercises/${exercise}/progression?formula=${v}`,
      `/api/v1/stats/exercises/${exercise}/progression?repCap=${v}`,
      `/api/v1/stats/exercises/${exercise}/progression?from=${v}&to=${v}`,
      `/api/v1/stats/records?exerciseId=${v}`,
      `/api/v1/stats/records/recent?days=${v}`,
      `/api/v1/stats/breakdown?from=${v}`,
      `/api/v1/stats/breakdown?to=${v}`,
      `/api/v1/stats/calendar?month=${v}`,
      `/progress/exercises/${v}`,
      `/calendar?month=${v}`,
    )
  }
  urls.push(
    '/api/v1/stats/volume?from=1900-01-01&to=2999-12-31&bucket=day',
    '/api/v1/stats/volume?from=2026-05-01&to=2026-04-01',
    '/api/v1/stats/breakdown?from=2999-12-31&to=1900-01-01',
  )
  const statuses = new Map<number, number>()
  for (const url of urls) {
    const res = url.startsWith('/api/') ? await mallory.api('GET', url) : await mallory.page(url)
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    t.ok(res.statusCode < 500, `${url} → ${res.statusCode}`)
  }
  const breaker = (await app.operator.inject('/resilience'))
    .json()
    .breakers.find((b: { name: string }) => b.name === 'analytics')
  t.equal(breaker.state, 'closed', `breaker closed after ${urls.length} odd requests (${[...statuses]})`)
  t.equal(breaker.consecutiveFailures, 0, 'none of them counted as a stats failure')
  const fresh = await alice.api('GET', '/api/v1/stats/summary')
  t.equal(fresh.statusCode, 200)
  t.equal(fresh.json().stale, false, 'another lifter still gets fresh numbers')
})
