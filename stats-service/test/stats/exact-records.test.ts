// Records and PRs compare exactly: an estimate that equals an earlier one ties (the earlier keeps it), a
// missed attempt (0 reps) is never a record or a PR, lb weights stay exact, and "recent" ends today.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

const at = (date: string) => `${date}T10:00:00Z`
const SQUAT = 'barbell-back-squat'
const DEADLIFT = 'barbell-deadlift'

t.test('an estimate equal to an earlier one is a tie the earlier workout keeps, not a PR', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  await fixtures.workout(lifter, at('2026-10-01'), [{ exercise: SQUAT, reps: 5, kg: 80 }])
  // Epley 90 × 10 = 90 · 40 / 30 = 120, exactly 120 × 1.
  const nov11 = await fixtures.workout(lifter, at('2026-11-11'), [{ exercise: SQUAT, reps: 10, kg: 90 }])
  await fixtures.workout(lifter, at('2026-11-12'), [{ exercise: SQUAT, reps: 1, kg: 120 }])
  const [squat] = (await get(`/v1/users/${lifter}/records`)).json().records
  t.same(squat.bestE1rm, { valueKg: 120, reps: 10, date: '2026-11-11', workoutId: nov11.id })
  const recent = (await get(`/v1/users/${lifter}/records/recent`)).json().records
  t.same(
    recent.filter((r: { kind: string }) => r.kind === 'e1rm').map((r: { date: string }) => r.date),
    ['2026-11-11'],
    '12 Nov only equals 11 Nov',
  )
})

t.test('12.5 × 12 then 15 × 5: both 17.5 by Epley, the earlier keeps the record', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const first = await fixtures.workout(lifter, at('2026-11-11'), [
    { exercise: 'dumbbell-bench-press', reps: 12, kg: 12.5 },
  ])
  await fixtures.workout(lifter, at('2026-11-12'), [{ exercise: 'dumbbell-bench-press', reps: 5, kg: 15 }])
  const [records] = (await get(`/v1/users/${lifter}/records`)).json().records
  t.same(records.bestE1rm, { valueKg: 17.5, reps: 12, date: '2026-11-11', workoutId: first.id })
  const recent = (await get(`/v1/users/${lifter}/records/recent`)).json().records
  t.notOk(
    recent.some((r: { kind: string; date: string }) => r.kind === 'e1rm' && r.date === '2026-11-12'),
    'no e1RM PR on 12 Nov',
  )
})

t.test('Brzycki estimates that tie compare equal (97.5 × 2 and 19.5 × 30 are both 702/7)', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const exercise = await fixtures.exerciseId(SQUAT)
  await fixtures.workout(lifter, at('2026-11-11'), [{ exercise: SQUAT, reps: 2, kg: 97.5 }])
  await fixtures.workout(lifter, at('2026-11-12'), [{ exercise: SQUAT, reps: 30, kg: 19.5 }])
  const sessions = (
    await get(`/v1/users/${lifter}/exercises/${exercise}/progression?formula=brzycki&repCap=30`)
  ).json().sessions
  t.same(
    sessions.map((s: { e1rmKg: number }) => s.e1rmKg),
    [100.29, 100.29],
  )
})

t.test('a missed attempt (0 reps) is never the heaviest weight, a record or a PR', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const exercise = await fixtures.exerciseId(DEADLIFT)
  const jan = await fixtures.workout(lifter, at('2026-01-10'), [
    { exercise: DEADLIFT, reps: 5, kg: 140 },
    { exercise: DEADLIFT, reps: 0, kg: 160 }, // failed
  ])
  const nov = await fixtures.workout(lifter, at('2026-11-20'), [{ exercise: DEADLIFT, reps: 3, kg: 160 }])
  const [records] = (await get(`/v1/users/${lifter}/records`)).json().records
  t.same(records.heaviest, { valueKg: 160, reps: 3, date: '2026-11-20', workoutId: nov.id })
  t.same(
    records.repsAtWeight.map((r: { weightKg: number; reps: number }) => [r.weightKg, r.reps]),
    [
      [140, 5],
      [160, 3],
    ],
  )
  const recent = (await get(`/v1/users/${lifter}/records/recent`)).json().records
  t.same(
    recent.filter((r: { kind: string }) => r.kind === 'heaviest'),
    [
      {
        exerciseId: exercise,
        exerciseName: 'Deadlift',
        kind: 'heaviest',
        valueKg: 160,
        reps: 3,
        date: '2026-11-20',
        workoutId: nov.id,
      },
    ],
    '160 × 3 in November is a PR',
  )
  const sessions = (await get(`/v1/users/${lifter}/exercises/${exercise}/progression`)).json().sessions
  t.same(
    sessions.map((s: { workoutId: string; heaviestKg: number }) => [s.workoutId, s.heaviestKg]),
    [
      [jan.id, 140],
      [nov.id, 160],
    ],
    'the chart’s heaviest weight is what was lifted',
  )
})

t.test('lb weights are exact: 185 lb is heavier than 184.99 lb and ties with 185 lb', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  await fixtures.workout(lifter, at('2026-11-01'), [{ exercise: SQUAT, reps: 1, lb: 184.99 }])
  const first = await fixtures.workout(lifter, at('2026-11-02'), [{ exercise: SQUAT, reps: 1, lb: 185 }])
  await fixtures.workout(lifter, at('2026-11-03'), [{ exercise: SQUAT, reps: 1, lb: 185 }])
  const [records] = (await get(`/v1/users/${lifter}/records`)).json().records
  t.equal(records.heaviest.workoutId, first.id)
  t.equal(records.heaviest.valueKg, 83.91458845, '185 × 0.45359237 exactly')
  t.equal(records.repsAtWeight.length, 2, '184.99 lb and 185 lb are different weights')
})

t.test('recent PRs end today: a workout dated after today (after a move west) is not listed', async (t) => {
  // 30 Nov 12:00 UTC is 30 Nov in UTC; a workout logged in Kiritimati (UTC+14) on 1 Dec local is after it.
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'Pacific/Kiritimati' })
  await fixtures.workout(lifter, at('2026-11-01'), [{ exercise: SQUAT, reps: 5, kg: 100 }])
  await fixtures.workout(lifter, '2026-11-30T11:00:00Z', [{ exercise: SQUAT, reps: 5, kg: 110 }])
  await fixtures.client.query(
    `UPDATE users SET time_zone = 'Pacific/Honolulu', data_version = data_version + 1 WHERE id = $1`,
    [lifter],
  )
  const recent = (await get(`/v1/users/${lifter}/records/recent`)).json().records
  t.same(recent, [], 'today in Honolulu is 30 Nov; the 1 Dec workout is not recent yet')
})
