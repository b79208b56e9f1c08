// Summary numbers match a training history added up by hand, in the lifter's zone and unit.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

// Wednesday 18 March 2026, 12:00 in New York (EDT since 8 March): this ISO week is 16–22 March.
const NOW = '2026-03-18T16:00:00Z'

t.test('GET /v1/users/:id/summary adds up a known history', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: NOW })
  const lifter = await fixtures.user({ timeZone: 'America/New_York', unit: 'lb' })
  // Two January weeks, two February weeks, then a gap, then two March weeks (local dates in comments).
  await fixtures.workout(lifter, '2026-01-19T15:00:00Z', [
    { exercise: 'barbell-back-squat', reps: 5, kg: 100 },
  ]) // Mon 19 Jan
  await fixtures.workout(lifter, '2026-01-26T15:00:00Z', [
    { exercise: 'barbell-back-squat', reps: 5, kg: 100 },
  ]) // Mon 26 Jan
  await fixtures.workout(lifter, '2026-02-02T23:30:00Z', [
    { exercise: 'barbell-bench-press', reps: 10, kg: 60, warmup: true },
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 },
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 },
  ]) // Mon 2 Feb 18:30 EST
  await fixtures.workout(lifter, '2026-02-10T03:30:00Z', [
    { exercise: 'barbell-back-squat', reps: 3, kg: 140 },
  ]) // Mon 9 Feb 22:30 EST
  await fixtures.workout(lifter, '2026-03-10T03:30:00Z', [
    { exercise: 'barbell-bench-press', reps: 4, kg: 102.5 },
    { exercise: 'bodyweight-pull-up', reps: 10, kg: 0 },
  ]) // Mon 9 Mar 23:30 EDT
  // Sunday 15 March 23:30 EDT — Monday in UTC, but last week for this lifter.
  await fixtures.workout(lifter, '2026-03-16T03:30:00Z', [{ exercise: 'barbell-deadlift', reps: 2, kg: 180 }])
  await fixtures.workout(lifter, '2026-03-18T13:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 5, kg: 50, warmup: true },
    { exercise: 'barbell-bench-press', reps: 3, kg: 105 },
  ]) // Wed 18 Mar 09:00 EDT

  const res = await get(`/v1/users/${lifter}/summary`)
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, {
    userId: lifter,
    timeZone: 'America/New_York',
    unit: 'lb',
    generatedAt: '2026-03-18T16:00:00.000Z',
  })
  // 500 + 500 + 1000 + 420 + 410 + 0 + 360 + 315 kg; warm-ups excluded.
  t.same(
    body.totals,
    { workouts: 7, sets: 9, reps: 42, volumeKg: 3505, volume: 7727.2 },
    'volume 3505 kg = 7727.2 lb',
  )
  t.same(body.thisWeek, {
    start: '2026-03-16',
    end: '2026-03-22',
    workouts: 1,
    sets: 1,
    reps: 3,
    volumeKg: 315,
  })
  t.same(body.lastWeek, {
    start: '2026-03-09',
    end: '2026-03-15',
    workouts: 2,
    sets: 3,
    reps: 16,
    volumeKg: 770,
  })
  t.same(body.thisMonth, {
    start: '2026-03-01',
    end: '2026-03-31',
    workouts: 3,
    sets: 4,
    reps: 19,
    volumeKg: 1085,
  })
  t.same(body.lastMonth, {
    start: '2026-02-01',
    end: '2026-02-28',
    workouts: 2,
    sets: 3,
    reps: 13,
    volumeKg: 1420,
  })
  t.same(body.streaks, { currentWeeks: 2, longestWeeks: 4 }, 'weeks 19 Jan–9 Feb, then 9 and 16 March')
  t.equal(body.firstWorkoutDate, '2026-01-19')
  t.equal(body.lastWorkoutDate, '2026-03-18')
})

t.test('the current streak survives a week without training yet, and ends after a missed week', async (t) => {
  const { get, fixtures, clock } = await buildTestStats(t, { now: '2026-03-18T16:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  for (const day of ['2026-02-23', '2026-03-02', '2026-03-09']) {
    await fixtures.workout(lifter, `${day}T10:00:00Z`, [{ exercise: 'barbell-deadlift', reps: 5, kg: 150 }])
  }
  let streaks = (await get(`/v1/users/${lifter}/summary`)).json().streaks
  t.same(
    streaks,
    { currentWeeks: 3, longestWeeks: 3 },
    'nothing yet this week: the run ending last week counts',
  )
  clock.now = new Date('2026-03-24T10:00:00Z') // the week of 23 March; 16–22 March was missed
  streaks = (await get(`/v1/users/${lifter}/summary`)).json().streaks
  t.same(streaks, { currentWeeks: 0, longestWeeks: 3 })
})

t.test('an unknown lifter gets zeros in UTC and kg, not an error', async (t) => {
  const { get } = await buildTestStats(t, { now: NOW })
  const res = await get('/v1/users/00000000-0000-4000-8000-000000000000/summary')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { timeZone: 'UTC', unit: 'kg', firstWorkoutDate: null, lastWorkoutDate: null })
  t.same(body.totals, { workouts: 0, sets: 0, reps: 0, volumeKg: 0, volume: 0 })
  t.same(body.thisWeek, {
    start: '2026-03-16',
    end: '2026-03-22',
    workouts: 0,
    sets: 0,
    reps: 0,
    volumeKg: 0,
  })
  t.same(body.streaks, { currentWeeks: 0, longestWeeks: 0 })
})
