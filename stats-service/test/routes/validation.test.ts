// Bad parameters are refused with 400 and a message saying which parameter and why — never a 500.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('bad query parameters and ids answer 400 with a clear message', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const u = await fixtures.user()
  const bench = await fixtures.exerciseId('barbell-bench-press')
  const cases: [string, RegExp][] = [
    [
      `/v1/users/${u}/exercises/${bench}/progression?formula=wathan`,
      /^querystring\/formula must be one of: epley, brzycki$/,
    ],
    [`/v1/users/${u}/exercises/${bench}/progression?repCap=0`, /^querystring\/repCap must be >= 1$/],
    [`/v1/users/${u}/exercises/${bench}/progression?repCap=31`, /^querystring\/repCap must be <= 30$/],
    [
      `/v1/users/${u}/exercises/${bench}/progression?from=2026-05-01&to=2026-04-01`,
      /^from \(2026-05-01\) is after to \(2026-04-01\); swap them$/,
    ],
    [`/v1/users/${u}/exercises/not-a-uuid/progression`, /^params\/exerciseId must match format "uuid"$/],
    [`/v1/users/42/summary`, /^params\/userId must match format "uuid"$/],
    [`/v1/users/${u}/volume?from=2026-05-01&to=2026-04-01`, /from \(2026-05-01\) is after to \(2026-04-01\)/],
    [`/v1/users/${u}/volume?from=2027-01-01`, /from \(2027-01-01\) is after to \(2026-06-30\)/],
    [`/v1/users/${u}/volume?bucket=year`, /^querystring\/bucket must be one of: day, week, month$/],
    [`/v1/users/${u}/volume?range=forever`, /^querystring\/range must be one of: all$/],
    [`/v1/users/${u}/volume?range=all&from=2026-01-01`, /^range=all cannot be combined with from or to$/],
    [`/v1/users/${u}/volume?from=2026-02-30`, /^querystring\/from must match format "date"$/],
    [`/v1/users/${u}/volume?bucket=day&from=2000-01-01`, /^\d+ day buckets is too many \(at most 4000\)/],
    [`/v1/users/${u}/volume?exerciseId=7`, /^querystring\/exerciseId must match format "uuid"$/],
    [`/v1/users/${u}/breakdown?from=2026-06-02&to=2026-06-01`, /is after to/],
    [`/v1/users/${u}/calendar?month=2026-13`, /^querystring\/month must match pattern/],
    [
      `/v1/users/${u}/calendar?month=0000-01`,
      /^month \(0000-01-01\) must be between 1900-01-01 and 2999-12-31$/,
    ],
    [
      `/v1/users/${u}/breakdown?from=0000-01-01`,
      /^from \(0000-01-01\) must be between 1900-01-01 and 2999-12-31$/,
    ],
    [`/v1/users/${u}/volume?from=9999-12-30&to=9999-12-31`, /^from \(9999-12-30\) must be between/],
    [`/v1/users/${u}/exercises/${bench}/progression?to=3000-01-01`, /^to \(3000-01-01\) must be between/],
    [`/v1/users/${u}/records?exerciseId=bench`, /^querystring\/exerciseId must match format "uuid"$/],
    [`/v1/users/${u}/records/recent?days=0`, /^querystring\/days must be >= 1$/],
    [`/v1/users/${u}/records/recent?days=soon`, /^querystring\/days must be integer$/],
  ]
  for (const [url, message] of cases) {
    const res = await get(url)
    t.equal(res.statusCode, 400, url)
    const body = res.json()
    t.match(body, { statusCode: 400, code: String, message }, url)
  }
})

t.test(
  'control characters (a NUL byte) or an infinite number in any parameter answer 400, never 500',
  async (t) => {
    const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
    const u = await fixtures.user()
    const bench = await fixtures.exerciseId('barbell-bench-press')
    for (const url of [
      `/v1/users/${u}/volume?muscleGroup=%00`,
      `/v1/users/${u}/volume?muscleGroup=chest%00`,
      `/v1/users/${u}/volume?muscleGroup=%1B%5B31m`,
      `/v1/users/${u}/exercises/${bench}/progression?formula=%00`,
      `/v1/users/${u}/records?exerciseId=%00`,
      `/v1/users/${u}/calendar?month=2026-06%00`,
      `/v1/users/${u}/records/recent?days=1e309`,
      `/v1/users/${u}/records/recent?days=-Infinity`,
      `/v1/users/${u}/exercises/${bench}/progression?repCap=1e400`,
    ]) {
      const res = await get(url)
      t.equal(res.statusCode, 400, `${url}: ${res.body}`)
      t.match(res.json(), { statusCode: 400, code: String, message: String }, url)
    }
  },
)
