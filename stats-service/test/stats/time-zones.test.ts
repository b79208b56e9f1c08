// Days, ISO weeks and months are the lifter's own: workouts placed around local midnight, DST switches
// and odd offsets land in the right calendar day, week and month bucket, and "this week" follows the
// lifter's clock rather than UTC's.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

type Point = { start: string; workouts: number; sets: number; reps: number; volumeKg: number }
const compact = (series: Point[]) => series.map((p) => [p.start, p.workouts, p.volumeKg])
const days = (body: { days: { date: string; workouts: number; volumeKg: number }[] }) =>
  body.days.map((d) => [d.date, d.workouts, d.volumeKg])

t.test('Pacific/Auckland: midnight and the April DST switch', async (t) => {
  // Monday 6 April 2026, 00:30 NZST — still Sunday 5 April in UTC.
  const { get, fixtures } = await buildTestStats(t, { now: '2026-04-05T12:30:00Z' })
  const lifter = await fixtures.user({ timeZone: 'Pacific/Auckland' })
  const bench = (reps: number) => [{ exercise: 'barbell-bench-press', reps, kg: 100 }]
  const placed = [
    await fixtures.workout(lifter, '2026-02-28T11:30:00Z', bench(1)), // Sun 1 Mar 00:30 NZDT (UTC: February)
    await fixtures.workout(lifter, '2026-04-04T10:30:00Z', bench(2)), // Sat 4 Apr 23:30 NZDT
    await fixtures.workout(lifter, '2026-04-04T13:30:00Z', bench(3)), // Sun 5 Apr 01:30 NZDT, before clocks go back
    await fixtures.workout(lifter, '2026-04-05T11:30:00Z', bench(4)), // Sun 5 Apr 23:30 NZST
    await fixtures.workout(lifter, '2026-04-05T12:30:00Z', bench(5)), // Mon 6 Apr 00:30 NZST (UTC: Sunday)
  ]
  t.same(
    placed.map((p) => p.localDate),
    ['2026-03-01', '2026-04-04', '2026-04-05', '2026-04-05', '2026-04-06'],
  )

  const april = (await get(`/v1/users/${lifter}/calendar?month=2026-04`)).json()
  t.same(days(april), [
    ['2026-04-04', 1, 200],
    ['2026-04-05', 2, 700],
    ['2026-04-06', 1, 500],
  ])
  t.same(
    days((await get(`/v1/users/${lifter}/calendar?month=2026-02`)).json()),
    [],
    'nothing in February locally',
  )
  t.same(days((await get(`/v1/users/${lifter}/calendar?month=2026-03`)).json()), [['2026-03-01', 1, 100]])

  const byDay = (await get(`/v1/users/${lifter}/volume?bucket=day&from=2026-04-03&to=2026-04-07`)).json()
  t.same(byDay.series, [
    { start: '2026-04-03', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
    { start: '2026-04-04', workouts: 1, sets: 1, reps: 2, volumeKg: 200 },
    { start: '2026-04-05', workouts: 2, sets: 2, reps: 7, volumeKg: 700 },
    { start: '2026-04-06', workouts: 1, sets: 1, reps: 5, volumeKg: 500 },
    { start: '2026-04-07', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
  ])

  const byWeek = (await get(`/v1/users/${lifter}/volume?bucket=week&from=2026-02-25&to=2026-04-12`)).json()
  t.equal(byWeek.from, '2026-02-23', 'from moves back to its Monday')
  t.same(compact(byWeek.series), [
    ['2026-02-23', 1, 100], // Sunday 1 March belongs to the week of Monday 23 February
    ['2026-03-02', 0, 0],
    ['2026-03-09', 0, 0],
    ['2026-03-16', 0, 0],
    ['2026-03-23', 0, 0],
    ['2026-03-30', 3, 900],
    ['2026-04-06', 1, 500],
  ])

  const byMonth = (await get(`/v1/users/${lifter}/volume?bucket=month&from=2026-02-01&to=2026-04-30`)).json()
  t.same(compact(byMonth.series), [
    ['2026-02-01', 0, 0],
    ['2026-03-01', 1, 100],
    ['2026-04-01', 4, 1400],
  ])

  const summary = (await get(`/v1/users/${lifter}/summary`)).json()
  t.match(
    summary.thisWeek,
    { start: '2026-04-06', end: '2026-04-12', workouts: 1, volumeKg: 500 },
    'Monday already in Auckland',
  )
  t.match(summary.lastWeek, { start: '2026-03-30', end: '2026-04-05', workouts: 3, volumeKg: 900 })
  t.match(summary.thisMonth, { start: '2026-04-01', workouts: 4, volumeKg: 1400 })
  t.match(summary.lastMonth, { start: '2026-03-01', end: '2026-03-31', workouts: 1, volumeKg: 100 })
})

t.test('America/New_York: both DST switches and local midnight', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-20T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'America/New_York' })
  const squat = [{ exercise: 'barbell-back-squat', reps: 1, kg: 100 }]
  for (const at of [
    '2026-03-08T04:59:00Z', // Sat 7 Mar 23:59 EST
    '2026-03-08T05:00:00Z', // Sun 8 Mar 00:00 EST (clocks go forward at 02:00)
    '2026-03-09T03:59:00Z', // Sun 8 Mar 23:59 EDT
    '2026-03-09T04:00:00Z', // Mon 9 Mar 00:00 EDT
    '2026-11-01T05:30:00Z', // Sun 1 Nov 01:30 EDT
    '2026-11-01T06:30:00Z', // Sun 1 Nov 01:30 EST (the repeated hour)
    '2026-11-02T04:30:00Z', // Sun 1 Nov 23:30 EST (UTC: 2 November)
    '2026-11-02T05:00:00Z', // Mon 2 Nov 00:00 EST
  ]) {
    await fixtures.workout(lifter, at, squat)
  }
  t.same(days((await get(`/v1/users/${lifter}/calendar?month=2026-03`)).json()), [
    ['2026-03-07', 1, 100],
    ['2026-03-08', 2, 200],
    ['2026-03-09', 1, 100],
  ])
  t.same(days((await get(`/v1/users/${lifter}/calendar?month=2026-11`)).json()), [
    ['2026-11-01', 3, 300],
    ['2026-11-02', 1, 100],
  ])
  const weeks = (await get(`/v1/users/${lifter}/volume?from=2026-03-02&to=2026-03-15`)).json()
  t.same(compact(weeks.series), [
    ['2026-03-02', 3, 300],
    ['2026-03-09', 1, 100],
  ])
  const octNov = (await get(`/v1/users/${lifter}/volume?bucket=week&from=2026-10-26&to=2026-11-08`)).json()
  t.same(compact(octNov.series), [
    ['2026-10-26', 3, 300],
    ['2026-11-02', 1, 100],
  ])
})

t.test('Asia/Kathmandu (+05:45): the month turns at local midnight', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-02-28T18:15:00Z' }) // Sun 1 Mar 00:00 NPT
  const lifter = await fixtures.user({ timeZone: 'Asia/Kathmandu' })
  const dl = [{ exercise: 'barbell-deadlift', reps: 2, kg: 150 }]
  await fixtures.workout(lifter, '2026-02-28T18:14:00Z', dl) // Sat 28 Feb 23:59
  await fixtures.workout(lifter, '2026-02-28T18:15:00Z', dl) // Sun 1 Mar 00:00
  const months = (await get(`/v1/users/${lifter}/volume?bucket=month&from=2026-02-01&to=2026-03-31`)).json()
  t.same(compact(months.series), [
    ['2026-02-01', 1, 300],
    ['2026-03-01', 1, 300],
  ])
  const summary = (await get(`/v1/users/${lifter}/summary`)).json()
  t.match(summary.thisMonth, { start: '2026-03-01', end: '2026-03-31', workouts: 1 })
  t.match(summary.lastMonth, { start: '2026-02-01', end: '2026-02-28', workouts: 1 })
  t.match(
    summary.thisWeek,
    { start: '2026-02-23', end: '2026-03-01', workouts: 2 },
    'Sunday 1 March ends the week',
  )
  const calendar = (await get(`/v1/users/${lifter}/calendar`)).json()
  t.equal(calendar.month, '2026-03', 'the default month is the local one')
  t.same(days(calendar), [['2026-03-01', 1, 300]])
})

t.test('Pacific/Chatham (+13:45 / +12:45): midnight in summer and after the April switch', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-05-01T00:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'Pacific/Chatham' })
  const press = [{ exercise: 'barbell-overhead-press', reps: 5, kg: 50 }]
  await fixtures.workout(lifter, '2026-01-31T10:14:00Z', press) // Sat 31 Jan 23:59 +13:45
  await fixtures.workout(lifter, '2026-01-31T10:15:00Z', press) // Sun 1 Feb 00:00 +13:45
  await fixtures.workout(lifter, '2026-04-05T11:14:00Z', press) // Sun 5 Apr 23:59 +12:45
  await fixtures.workout(lifter, '2026-04-05T11:15:00Z', press) // Mon 6 Apr 00:00 +12:45
  t.same(days((await get(`/v1/users/${lifter}/calendar?month=2026-01`)).json()), [['2026-01-31', 1, 250]])
  t.same(days((await get(`/v1/users/${lifter}/calendar?month=2026-02`)).json()), [['2026-02-01', 1, 250]])
  const weeks = (await get(`/v1/users/${lifter}/volume?from=2026-03-30&to=2026-04-12`)).json()
  t.same(compact(weeks.series), [
    ['2026-03-30', 1, 250],
    ['2026-04-06', 1, 250],
  ])
  const all = (await get(`/v1/users/${lifter}/volume?bucket=month&range=all`)).json()
  t.equal(all.from, '2026-01-01', 'range=all starts at the first workout’s month')
  t.equal(all.to, '2026-05-01', 'and ends today (local)')
  t.same(compact(all.series), [
    ['2026-01-01', 1, 250],
    ['2026-02-01', 1, 250],
    ['2026-03-01', 0, 0],
    ['2026-04-01', 2, 500],
    ['2026-05-01', 0, 0],
  ])
})

t.test(
  'America/St_Johns (−03:30 / −02:30): ISO weeks across the new year, months across summer time',
  async (t) => {
    const { get, fixtures } = await buildTestStats(t, { now: '2026-08-01T12:00:00Z' })
    const lifter = await fixtures.user({ timeZone: 'America/St_Johns' })
    const row = [{ exercise: 'barbell-bent-over-row', reps: 8, kg: 60 }]
    await fixtures.workout(lifter, '2026-01-05T03:29:00Z', row) // Sun 4 Jan 23:59 NST: ISO week of 29 Dec 2025
    await fixtures.workout(lifter, '2026-01-05T03:30:00Z', row) // Mon 5 Jan 00:00 NST
    await fixtures.workout(lifter, '2026-07-01T02:29:00Z', row) // Tue 30 Jun 23:59 NDT
    await fixtures.workout(lifter, '2026-07-01T02:30:00Z', row) // Wed 1 Jul 00:00 NDT
    const weeks = (await get(`/v1/users/${lifter}/volume?from=2025-12-29&to=2026-01-11`)).json()
    t.same(compact(weeks.series), [
      ['2025-12-29', 1, 480],
      ['2026-01-05', 1, 480],
    ])
    const months = (await get(`/v1/users/${lifter}/volume?bucket=month&from=2026-06-01&to=2026-07-31`)).json()
    t.same(compact(months.series), [
      ['2026-06-01', 1, 480],
      ['2026-07-01', 1, 480],
    ])
  },
)

t.test('history keeps the local date it was logged with when the lifter moves zone', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-10T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'Pacific/Auckland' })
  // Tue 2 Jun 09:00 NZST = Mon 1 Jun 21:00 UTC = Mon 1 Jun 17:00 in New York.
  await fixtures.workout(lifter, '2026-06-01T21:00:00Z', [{ exercise: 'barbell-deadlift', reps: 1, kg: 200 }])
  await fixtures.client.query(
    `UPDATE users SET time_zone = 'America/New_York', data_version = data_version + 1 WHERE id = $1`,
    [lifter],
  )
  const calendar = (await get(`/v1/users/${lifter}/calendar?month=2026-06`)).json()
  t.equal(calendar.timeZone, 'America/New_York')
  t.same(days(calendar), [['2026-06-02', 1, 200]], 'still 2 June, the date core’s calendar shows')
  const summary = (await get(`/v1/users/${lifter}/summary`)).json()
  t.match(summary.thisWeek, { start: '2026-06-08', workouts: 0 })
})
