// 1RM progression: per-session estimates (Epley and Brzycki, rep cap), heaviest weight, reps, volume,
// checked against values worked out by hand; bodyweight exercises switch to reps; visibility is enforced.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('GET …/exercises/:id/progression', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const bench = await fixtures.exerciseId('barbell-bench-press')
  const p1 = await fixtures.workout(lifter, '2026-06-01T10:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 10, kg: 60, warmup: true },
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 },
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 },
    { exercise: 'barbell-bench-press', reps: 15, kg: 90 }, // above the rep cap: no estimate, still volume
    { exercise: 'barbell-back-squat', reps: 5, kg: 200 }, // another exercise: ignored
  ])
  const p2 = await fixtures.workout(lifter, '2026-06-08T10:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 1, kg: 110 },
    { exercise: 'barbell-bench-press', reps: 6, kg: 100 },
  ])
  const p3 = await fixtures.workout(lifter, '2026-06-15T10:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 20, kg: 80 },
  ])
  await fixtures.workout(lifter, '2026-06-22T10:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 5, kg: 50, warmup: true },
  ])

  const epley = (await get(`/v1/users/${lifter}/exercises/${bench}/progression`)).json()
  t.match(epley, {
    exercise: { id: bench, name: 'Bench Press', isBodyweight: false },
    formula: 'epley',
    repCap: 12,
    metric: 'weight',
  })
  t.same(
    epley.sessions,
    [
      // 100·(1+5/30) = 116.67; volume 500 + 500 + 1350
      {
        workoutId: p1.id,
        date: '2026-06-01',
        e1rmKg: 116.67,
        heaviestKg: 100,
        bestReps: 15,
        volumeKg: 2350,
        sets: 3,
      },
      // max(110 for a single, 100·(1+6/30) = 120)
      {
        workoutId: p2.id,
        date: '2026-06-08',
        e1rmKg: 120,
        heaviestKg: 110,
        bestReps: 6,
        volumeKg: 710,
        sets: 2,
      },
      {
        workoutId: p3.id,
        date: '2026-06-15',
        e1rmKg: null,
        heaviestKg: 80,
        bestReps: 20,
        volumeKg: 1600,
        sets: 1,
      },
    ],
    'the warm-up-only workout of 22 June is not a session',
  )

  const brzycki = (await get(`/v1/users/${lifter}/exercises/${bench}/progression?formula=brzycki`)).json()
  // 100·36/32 = 112.5; max(110, 100·36/31 = 116.13)
  t.same(
    brzycki.sessions.map((s: { e1rmKg: number | null }) => s.e1rmKg),
    [112.5, 116.13, null],
  )

  const capped = (await get(`/v1/users/${lifter}/exercises/${bench}/progression?repCap=5`)).json()
  t.same(
    capped.sessions.map((s: { e1rmKg: number | null }) => s.e1rmKg),
    [116.67, 110, null],
    'the 6-rep set no longer counts',
  )
  t.equal(capped.repCap, 5)

  const ranged = (
    await get(`/v1/users/${lifter}/exercises/${bench}/progression?from=2026-06-05&to=2026-06-20`)
  ).json()
  t.same(
    ranged.sessions.map((s: { date: string }) => s.date),
    ['2026-06-08', '2026-06-15'],
  )
})

t.test('bodyweight exercises progress in reps; loads are optional', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user()
  const pullUp = await fixtures.exerciseId('bodyweight-pull-up')
  await fixtures.workout(lifter, '2026-06-02T10:00:00Z', [
    { exercise: pullUp, reps: 8, kg: 0 },
    { exercise: pullUp, reps: 10, kg: 0 },
  ])
  await fixtures.workout(lifter, '2026-06-09T10:00:00Z', [{ exercise: pullUp, reps: 5, kg: 10 }])
  const body = (await get(`/v1/users/${lifter}/exercises/${pullUp}/progression`)).json()
  t.equal(body.metric, 'reps')
  t.equal(body.exercise.isBodyweight, true)
  t.same(
    body.sessions.map(
      (s: { bestReps: number; e1rmKg: number | null; heaviestKg: number; volumeKg: number }) => [
        s.bestReps,
        s.e1rmKg,
        s.heaviestKg,
        s.volumeKg,
      ],
    ),
    [
      [10, null, 0, 0],
      [5, 11.67, 10, 50], // 10·(1+5/30) with added load
    ],
  )
})

t.test('only built-in exercises and the lifter’s own can be asked about', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user()
  const other = await fixtures.user()
  const mine = await fixtures.customExercise(lifter, 'Wrist Roller')
  const theirs = await fixtures.customExercise(other, 'Secret Press')
  await fixtures.workout(other, '2026-06-02T10:00:00Z', [{ exercise: theirs, reps: 5, kg: 40 }])
  const own = await get(`/v1/users/${lifter}/exercises/${mine}/progression`)
  t.equal(own.statusCode, 200)
  t.same(own.json().sessions, [])
  const foreign = await get(`/v1/users/${lifter}/exercises/${theirs}/progression`)
  t.equal(foreign.statusCode, 404)
  t.match(foreign.json(), { statusCode: 404, code: 'NOT_FOUND', message: new RegExp(theirs) })
  const missing = await get(`/v1/users/${lifter}/exercises/00000000-0000-4000-8000-000000000000/progression`)
  t.equal(missing.statusCode, 404)
  const bench = await fixtures.exerciseId('barbell-bench-press')
  const unknownLifter = await get(
    `/v1/users/00000000-0000-4000-8000-000000000001/exercises/${bench}/progression`,
  )
  t.equal(unknownLifter.statusCode, 200)
  t.same(unknownLifter.json().sessions, [], 'an unknown lifter has no sessions')
})
