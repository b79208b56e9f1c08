// The body-weight trend: a 10-day-half-life exponentially weighted moving average over every entry, checked
// against values worked out by hand, in kg and lb, with the range only choosing which points are shown.
import { COUNTING_RULES } from '@liftlog/service-kit'
import { BODY_WEIGHT_TREND_RULE } from '@liftlog/stats-contract'
import t from 'tap'
import { trendKg } from '../../src/routes/body-weight-trend.ts'
import { buildTestStats } from '../support/stats-app.ts'

t.test('the trend of a kg lifter, worked by hand', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const url = `/v1/users/${lifter}/body-weight/trend`

  const empty = (await get(url)).json()
  t.match(empty, { unit: 'kg', from: '2025-06-30', to: '2026-06-30', halfLifeDays: 10 })
  t.same(empty.points, [], 'no entries, no points')

  await fixtures.bodyWeight(lifter, '2026-06-01', { kg: 80 })
  await fixtures.bodyWeight(lifter, '2026-06-11', { kg: 82 }) // 10 days: halfway, 81
  await fixtures.bodyWeight(lifter, '2026-06-21', { kg: 81 }) // halfway from 81 to 81: 81
  await fixtures.bodyWeight(lifter, '2026-06-26', { kg: 85.5 }) // 5 days: 81 + (1 − √½) × 4.5 = 82.318…
  const all = (await get(url)).json()
  t.same(all.points, [
    { date: '2026-06-01', weight: 80, trend: 80 },
    { date: '2026-06-11', weight: 82, trend: 81 },
    { date: '2026-06-21', weight: 81, trend: 81 },
    { date: '2026-06-26', weight: 85.5, trend: 82.32 },
  ])

  const late = (await get(`${url}?from=2026-06-15`)).json()
  t.same(
    late.points,
    [
      { date: '2026-06-21', weight: 81, trend: 81 },
      { date: '2026-06-26', weight: 85.5, trend: 82.32 },
    ],
    'entries before `from` still shape the trend',
  )
  const early = (await get(`${url}?to=2026-06-11`)).json()
  t.same(
    early.points.map((p: { trend: number }) => p.trend),
    [80, 81],
    'entries after `to` do not',
  )
  t.equal((await get(`${url}?range=all`)).json().from, '2026-06-01', 'range=all starts at the first entry')

  // A new entry bumps data_version, so the cached answer is not served again.
  await fixtures.bodyWeight(lifter, '2026-06-26', { kg: 81 })
  t.same((await get(url)).json().points.at(-1), { date: '2026-06-26', weight: 81, trend: 81 })

  const bad = await get(`${url}?from=2026-06-20&to=2026-06-10`)
  t.equal(bad.statusCode, 400)
  t.match(bad.json().message, /from \(2026-06-20\) is after to/)
})

t.test('an lb lifter gets weights as typed and the trend in lb', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'Pacific/Auckland', unit: 'lb' })
  await fixtures.bodyWeight(lifter, '2026-06-01', { lb: 180 })
  await fixtures.bodyWeight(lifter, '2026-06-11', { lb: 184 }) // halfway: 182 lb
  // Typed in kg: 83.5 kg = 184.0859… lb → 184.09; trend halfway from 182 lb (82.5538 kg) to 83.5 kg =
  // 83.02690567 kg = 183.04299… lb → 183.04.
  await fixtures.bodyWeight(lifter, '2026-06-21', { kg: 83.5 })
  const answer = (await get(`/v1/users/${lifter}/body-weight/trend`)).json()
  t.equal(answer.unit, 'lb')
  t.same(answer.points, [
    { date: '2026-06-01', weight: 180, trend: 180 },
    { date: '2026-06-11', weight: 184, trend: 182 },
    { date: '2026-06-21', weight: 184.09, trend: 183.04 },
  ])
})

t.test('trendKg: the first entry starts the trend; a day later moves it by 1 − 0.5^0.1', async (t) => {
  t.same(trendKg([]), [])
  const [first, next] = trendKg([
    { date: '2026-01-01', kg: 80 },
    { date: '2026-01-02', kg: 90 },
  ])
  t.equal(first, 80)
  t.ok(Math.abs(next! - (80 + (1 - 0.5 ** 0.1) * 10)) < 1e-12, '≈ 80.67')
})

t.test('the counting rules state the contract’s trend rule word for word', async (t) => {
  const rule = COUNTING_RULES.find((r) => r.term === 'Body-weight trend')
  t.equal(rule?.rule, BODY_WEIGHT_TREND_RULE)
})
