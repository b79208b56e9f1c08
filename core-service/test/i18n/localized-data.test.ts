// The lifter's data in Slovenian: built-in exercises by their Slovenian names (and found by either
// language's name), custom ones as typed, weights with a decimal comma shown exactly as typed and a
// decimal comma accepted where a weight is typed; the JSON API stays English.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('built-in exercises read and are found in either language; custom ones stay as typed', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app)
  await addExercise(lifter, 'Pin Squat')
  const english = await lifter.page('/exercises?q=potisk%20s%20klopi')
  t.match(english.body, />\s*Bench Press\s*</, 'the Slovenian name finds the built-in on an English page')
  t.notMatch(english.body, />\s*Deadlift\s*</, 'and only what matches')
  t.equal((await lifter.api('PATCH', '/api/v1/me', { language: 'sl' })).statusCode, 200)
  const slovenian = await lifter.page('/exercises?q=bench')
  t.match(
    slovenian.body,
    />\s*Potisk s klopi\s*</,
    'the English name finds it on a Slovenian page, shown in Slovenian',
  )
  t.match((await lifter.page('/exercises?q=pin')).body, />\s*Pin Squat\s*</, 'a custom exercise as typed')
  const api = (await lifter.api('GET', '/api/v1/exercises?q=potisk')).json()
  t.ok(
    api.exercises?.some?.((e: { name: string }) => e.name === 'Bench Press') ??
      JSON.stringify(api).includes('"Bench Press"'),
    'the API finds it too, and names it in English',
  )
  t.notOk(JSON.stringify(api).includes('Potisk'), 'the JSON API stays English')
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-05T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 61.25 }],
  })
  const detail = await lifter.page(`/workouts/${w.id}`)
  t.match(detail.body, /1 × 5 @ 61,25 kg/, 'the weight as typed, with a decimal comma')
  t.match(detail.body, /obseg 306 kg/, 'volume in whole units')
})

t.test('a body weight typed with a decimal comma is kept exactly; the page shows it with one', async (t) => {
  const { app } = await buildTestCore(t)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  t.equal((await lifter.api('PATCH', '/api/v1/me', { language: 'sl' })).statusCode, 200)
  const saved = await lifter.form('/body-weight', { date: '2026-01-04', weight: '81,35', note: '' })
  t.equal(saved.statusCode, 303, 'accepted')
  const entry = (await lifter.api('GET', '/api/v1/body-weights')).json()
  t.match(JSON.stringify(entry), /"weight":81\.35/, 'stored as typed: 81.35')
  const page = await lifter.page('/body-weight')
  t.match(page.body, /Shranjeno 81,35 kg za 4\. jan\. 2026\./, 'the flash in Slovenian, decimal comma')
  t.match(page.body, />81,35 kg</, 'the entry with a decimal comma')
  const ambiguous = await lifter.form('/body-weight', { date: '2026-01-05', weight: '81,355', note: '' })
  t.equal(ambiguous.statusCode, 400, 'three digits after a comma are not read as decimals')
})
