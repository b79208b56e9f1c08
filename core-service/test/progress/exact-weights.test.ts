// Weights show as logged — 137.5 lb, 61.25 kg — on workout pages and the record board, never rounded to a
// plate step; computed figures follow their one rounding rule with thousands separators.
import t from 'tap'
import { startFakeStats } from '../stats/fake-stats.ts'
import { fixtureFor, WORKOUT_1, WORKOUT_2 } from '../stats/fixtures.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('a lb lifter with fractional plates sees exactly what was typed on the workout page', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench, squat } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app, { unit: 'lb' })
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    sets: [
      { exerciseId: bench, reps: 5, weight: 137.5 },
      { exerciseId: bench, reps: 5, weight: 142.5 },
      { exerciseId: squat, reps: 3, weight: 17.5 },
      { exerciseId: squat, reps: 10, weight: 1000 },
    ],
  })
  const html = (await lifter.page(`/workouts/${w.id}`)).body
  t.match(html, /1 × 5 @ 137\.5 lb/)
  t.match(html, /1 × 5 @ 142\.5 lb/)
  t.match(html, /1 × 3 @ 17\.5 lb/)
  t.match(html, /1 × 10 @ 1,000 lb/, 'thousands separators on weights too')
  t.match(html, /volume 10,053 lb/, 'squat: 3 × 17.5 + 10 × 1000 = 10,052.5 lb, whole units half-up')
})

t.test('a kg lifter sees 51.25, 57.75 and 61.23 kg as typed', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app, { unit: 'kg' })
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    sets: [51.25, 57.75, 61.23].map((weight) => ({ exerciseId: bench, reps: 5, weight })),
  })
  const html = (await lifter.page(`/workouts/${w.id}`)).body
  for (const weight of ['51\\.25', '57\\.75', '61\\.23']) t.match(html, new RegExp(`1 × 5 @ ${weight} kg`))
})

t.test('the record board keeps 100 and 100.01 kg apart and shows 147.5 lb as 147.5 lb', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, { STATS_URL: fake.url })
  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app, { unit: 'kg' })
  const lb = 147.5 * 0.45359237
  fake.script = (_n, req) => {
    const url = req.url ?? ''
    if (!url.includes('/records') || url.includes('/recent')) return undefined
    const body = fixtureFor(url) as { records: Record<string, unknown>[] }
    const record = {
      ...body.records[0],
      heaviest: { valueKg: lb, reps: 3, date: '2026-11-09', workoutId: WORKOUT_2 },
      repsAtWeight: [
        { weightKg: 100, reps: 5, date: '2026-11-02', workoutId: WORKOUT_1 },
        { weightKg: 100.01, reps: 4, date: '2026-11-09', workoutId: WORKOUT_2 },
      ],
    }
    return { kind: 'json', body: { ...body, records: [record] } }
  }
  const html = (await lifter.page(`/progress/exercises/${bench}`)).body
  t.match(html, /<td>100 kg<\/td><td>5<\/td>/)
  t.match(html, /<td>100\.01 kg<\/td><td>4<\/td>/)
  t.match(html, /66\.9 kg × 3/, '147.5 lb in kg, to 0.01: 66.90 kg')
  await testPrisma(t, db.url).user.update({ where: { id: lifter.user.id }, data: { unit: 'lb' } })
  t.match((await lifter.page(`/progress/exercises/${bench}`)).body, /147\.5 lb × 3/)
})
