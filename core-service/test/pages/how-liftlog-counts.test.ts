// The definitions are written once: the "How LiftLog counts" page and /apidocs say the same thing, and the
// progress and workout pages link to it.
import { COUNTING_RULES } from '@liftlog/service-kit'
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('the page lists every definition, /apidocs carries the same, pages link to it', async (t) => {
  const { app, db } = await buildTestCore(t)
  const page = await app.inject('/how-liftlog-counts')
  t.equal(page.statusCode, 200)
  for (const term of [
    'Workout',
    'Set',
    'Warm-up',
    'Missed attempt',
    'Volume',
    'Estimated 1RM',
    'PR',
    'Rounding',
  ])
    t.ok(
      COUNTING_RULES.some((r) => r.term === term),
      `${term} is defined`,
    )
  for (const rule of COUNTING_RULES) {
    t.ok(page.body.includes(`<dt>${rule.term}</dt>`), `${rule.term} on the page`)
  }
  t.match(page.body, /Brzycki w × 36 \/ \(37 − r\)/)
  t.match(page.body, /added load/)
  const doc = (await app.inject('/apidocs/json')).json()
  for (const rule of COUNTING_RULES)
    t.ok(doc.info.description.includes(rule.rule), `${rule.term} in /apidocs`)

  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app)
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.match((await lifter.page('/progress')).body, /<a href="\/how-liftlog-counts">How LiftLog counts<\/a>/)
  t.match((await lifter.page(`/workouts/${w.id}`)).body, /Set counts include warm-ups/)
})
