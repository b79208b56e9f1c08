// The training pages' markup: every field labelled, ids unique, described-by targets present, nothing
// inline that the content security policy would block.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, testPrisma, workoutForm } from './helpers.ts'

function problems(html: string): string[] {
  const found: string[] = []
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string)
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) found.push(`duplicate id ${id}`)
    seen.add(id)
  }
  const labels = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]))
  for (const field of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = field[2] as string
    if (/type="(hidden|submit)"/.test(attrs)) continue
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1]
    if (!id || !labels.has(id)) found.push(`unlabelled ${field[1]} ${id ?? attrs.trim().slice(0, 60)}`)
  }
  for (const ref of html.matchAll(/aria-describedby="([^"]+)"/g)) {
    for (const id of (ref[1] as string).split(/\s+/))
      if (!seen.has(id)) found.push(`aria-describedby ${id} missing`)
  }
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) found.push('inline script')
  if (/\sstyle="/.test(html)) found.push('inline style')
  if (/\son[a-z]+="/.test(html)) found.push('inline event handler')
  return found
}

t.test('training pages have labelled fields and CSP-clean markup', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const own = await addExercise(lifter, 'Pin Press')
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-05T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 80 }],
  })
  const pages: [string, Promise<{ statusCode: number; body: string }>, number?][] = [
    ['new workout', lifter.page('/workouts/new')],
    ['edit workout', lifter.page(`/workouts/${w.id}/edit`)],
    [
      'workout with errors',
      lifter.form(
        '/workouts',
        workoutForm({ date: 'nope', title: 'x'.repeat(200) }, [
          { exerciseId: bench, reps: '-1', weight: 'a', rpe: '3' },
        ]),
      ),
      400,
    ],
    ['workout detail', lifter.page(`/workouts/${w.id}`)],
    ['workout list', lifter.page('/workouts')],
    ['exercises', lifter.page('/exercises')],
    [
      'exercise with errors',
      lifter.form('/exercises', { name: '', category: 'x', muscleGroup: '', equipment: 'x' }),
      400,
    ],
    ['edit exercise', lifter.page(`/exercises/${own.id}/edit`)],
    ['calendar', lifter.page('/calendar?month=2026-01')],
    ['calendar day', lifter.page('/calendar/2026-01-05')],
  ]
  for (const [name, pending, status = 200] of pages) {
    const res = await pending
    t.equal(res.statusCode, status, name)
    t.same(problems(res.body), [], `${name}: markup`)
    t.match(res.body, /<link rel="stylesheet" href="\/static\/css\/training.css">/, `${name}: styles`)
  }
  const css = await app.inject('/static/css/training.css')
  t.equal(css.statusCode, 200)
  const js = await app.inject('/static/js/workout-form.js')
  t.equal(js.statusCode, 200)
})

t.test('the markup check itself notices problems', async (t) => {
  t.same(problems('<label for="a">A</label><input id="a"><input id="a"><select name="b"></select>'), [
    'duplicate id a',
    'unlabelled select name="b"',
  ])
  t.same(problems('<p style="x" onclick="y"><script>1</script>'), [
    'inline script',
    'inline style',
    'inline event handler',
  ])
})
