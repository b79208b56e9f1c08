// Volume/frequency series and the exercise breakdown: continuous buckets, filters, ranges, sorting,
// checked against sums worked out by hand.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('volume series and breakdown over a known history', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const at = (date: string) => `${date}T10:00:00Z`
  await fixtures.workout(lifter, at('2026-04-15'), [{ exercise: 'barbell-deadlift', reps: 5, kg: 150 }]) // lower back 750
  await fixtures.workout(lifter, at('2026-06-01'), [
    { exercise: 'barbell-bench-press', reps: 10, kg: 50, warmup: true },
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 }, // chest 500
    { exercise: 'barbell-back-squat', reps: 5, kg: 100 }, // quadriceps 500
  ])
  await fixtures.workout(lifter, at('2026-06-03'), [{ exercise: 'barbell-bench-press', reps: 5, kg: 100 }]) // chest 500
  await fixtures.workout(lifter, at('2026-06-10'), [
    { exercise: 'barbell-back-squat', reps: 5, kg: 120 }, // quadriceps 600
    { exercise: 'bodyweight-pull-up', reps: 10, kg: 0 }, // lats 0
  ])
  await fixtures.workout(lifter, at('2026-06-12'), [
    { exercise: 'barbell-bench-press', reps: 5, kg: 40, warmup: true },
  ])
  const bench = await fixtures.exerciseId('barbell-bench-press')
  const url = `/v1/users/${lifter}/volume?from=2026-06-01&to=2026-06-14`

  const all = (await get(url)).json()
  t.match(all, { bucket: 'week', from: '2026-06-01', to: '2026-06-14' })
  t.same(all.series, [
    { start: '2026-06-01', workouts: 2, sets: 3, reps: 15, volumeKg: 1500 },
    // the warm-up-only workout of 12 June is still a workout (as on the calendar) with no sets
    { start: '2026-06-08', workouts: 2, sets: 2, reps: 15, volumeKg: 600 },
  ])
  t.same((await get(`${url}&exerciseId=${bench}`)).json().series, [
    { start: '2026-06-01', workouts: 2, sets: 2, reps: 10, volumeKg: 1000 },
    { start: '2026-06-08', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
  ])
  t.same((await get(`${url}&muscleGroup=Quadriceps`)).json().series, [
    { start: '2026-06-01', workouts: 1, sets: 1, reps: 5, volumeKg: 500 },
    { start: '2026-06-08', workouts: 1, sets: 1, reps: 5, volumeKg: 600 },
  ])

  const byDefault = (await get(`/v1/users/${lifter}/volume`)).json()
  t.equal(byDefault.from, '2025-06-30', '12 months back, moved to a Monday')
  t.equal(byDefault.to, '2026-06-30')
  t.equal(byDefault.series.length, 53)
  t.equal(byDefault.series.at(-1).start, '2026-06-29')
  t.equal(
    byDefault.series.reduce((sum: number, p: { volumeKg: number }) => sum + p.volumeKg, 0),
    2850,
    'every working set of the last 12 months: 750 + 1000 + 500 + 600',
  )

  const months = (await get(`/v1/users/${lifter}/volume?bucket=month&range=all`)).json()
  t.same(
    months.series.map((p: { start: string; workouts: number; volumeKg: number }) => [
      p.start,
      p.workouts,
      p.volumeKg,
    ]),
    [
      ['2026-04-01', 1, 750],
      ['2026-05-01', 0, 0],
      ['2026-06-01', 4, 2100],
    ],
  )

  const june = (await get(`/v1/users/${lifter}/breakdown?from=2026-06-01&to=2026-06-30`)).json()
  t.match(june, { from: '2026-06-01', to: '2026-06-30' })
  t.same(
    june.exercises.map((e: { name: string; muscleGroup: string; sets: number; volumeKg: number }) => [
      e.name,
      e.muscleGroup,
      e.sets,
      e.volumeKg,
    ]),
    [
      ['Squat', 'quadriceps', 2, 1100],
      ['Bench Press', 'chest', 2, 1000],
      ['Pull-Up', 'lats', 1, 0],
    ],
  )
  t.same(june.muscleGroups, [
    { muscleGroup: 'quadriceps', sets: 2, volumeKg: 1100 },
    { muscleGroup: 'chest', sets: 2, volumeKg: 1000 },
    { muscleGroup: 'lats', sets: 1, volumeKg: 0 },
  ])
  const ever = (await get(`/v1/users/${lifter}/breakdown?range=all`)).json()
  t.match(ever, { from: '2026-04-15', to: '2026-06-30' })
  t.same(
    ever.exercises.map((e: { name: string; volumeKg: number }) => [e.name, e.volumeKg]),
    [
      ['Squat', 1100],
      ['Bench Press', 1000],
      ['Deadlift', 750],
      ['Pull-Up', 0],
    ],
  )
  t.same(
    (await get(`/v1/users/${lifter}/breakdown`)).json().exercises.length,
    4,
    'the default 12 months include April',
  )
})

t.test('an unknown lifter gets a continuous series of zeros and an empty breakdown', async (t) => {
  const { get } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const nobody = '00000000-0000-4000-8000-000000000000'
  const series = (await get(`/v1/users/${nobody}/volume?bucket=month&from=2026-01-01&to=2026-03-31`)).json()
    .series
  t.same(series, [
    { start: '2026-01-01', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
    { start: '2026-02-01', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
    { start: '2026-03-01', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
  ])
  const all = (await get(`/v1/users/${nobody}/volume?range=all`)).json()
  t.match(all, { from: '2026-06-29', to: '2026-06-30', series: [{ start: '2026-06-29', workouts: 0 }] })
  t.same((await get(`/v1/users/${nobody}/breakdown`)).json().exercises, [])
  t.same((await get(`/v1/users/${nobody}/calendar?month=2026-06`)).json().days, [])
})
