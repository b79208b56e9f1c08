// The live workout without JavaScript: every button is a small form post answering 303 back to the same
// exercise on the page (post/redirect/get), Enter never ticks, and a reload shows every ticked set.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from './helpers.ts'

const rowIds = (html: string) => [...html.matchAll(/data-row="([0-9a-f-]{36})"/g)].map((m) => m[1]!)
const entryIds = (html: string) => [...html.matchAll(/data-entry="([0-9a-f-]{36})"/g)].map((m) => m[1]!)

t.test('a whole live workout with forms only: start, add, tick, + set, finish', async (t) => {
  let now = new Date('2026-11-28T17:00:00Z')
  const { app, db } = await buildTestCore(t, {}, { clock: () => now })
  const prisma = testPrisma(t, db.url)
  const { bench, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  await logWorkout(lifter, {
    startedAt: '2026-11-21T17:00:00Z',
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: bench, reps: 5, weight: 100 },
    ],
  })

  const none = await lifter.page('/workouts/live')
  t.equal(none.statusCode, 200)
  t.match(none.body, /Start workout/)
  t.notMatch((await lifter.page('/workouts')).body, /Workout in progress — resume/)

  const start = await lifter.form('/workouts/live')
  t.equal(start.statusCode, 303)
  t.equal(start.headers.location, '/workouts/live')
  const id = (await prisma.workout.findFirstOrThrow({ where: { liveOwnerId: { not: null } } })).id
  t.equal((await lifter.form('/workouts/live')).statusCode, 303, 'starting again resumes')
  t.equal(await prisma.workout.count({ where: { liveOwnerId: { not: null } } }), 1)

  t.match((await lifter.page('/workouts')).body, /Workout in progress — resume/, 'banner on other pages')
  t.match((await lifter.page('/')).body, /Resume workout/)

  // The picker: recent first, and "pullup" finds Pull-Up without scripts.
  const page = (await lifter.page('/workouts/live')).body
  t.match(page, /Bench Press <span class="muted small">recent<\/span>/)
  const search = (await lifter.page('/workouts/live?q=pullup')).body
  t.match(search, /Pull-Up/)
  t.notMatch(search, />Bench Press</)

  const add = await lifter.form(`/workouts/live/${id}/exercises`, { exerciseId: bench })
  t.equal(add.statusCode, 303)
  t.equal(add.headers.location, '/workouts/live#exercise-1')
  let html = (await lifter.page('/workouts/live')).body
  t.match(html, /last: 3 × 5 @ 100 kg, 21 Nov/, 'last time shown')
  const rows = rowIds(html)
  t.equal(rows.length, 3, 'last time’s sets planned')
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 0, 'planned rows are no sets')

  // Enter in a field presses the hidden first button, "keep": the typed value is kept, the set not ticked.
  const enter = await lifter.form(`/workouts/live/${id}/rows/${rows[0]}`, {
    action: 'keep',
    reps: '6',
    weight: '102.5',
  })
  t.equal(enter.statusCode, 303)
  t.equal(enter.headers.location, '/workouts/live#exercise-1')
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 0, 'Enter never ticks')
  t.match((await lifter.page('/workouts/live')).body, /value="102.5"/, 'typed value survives a reload')

  for (const row of rows) {
    const tick = await lifter.form(`/workouts/live/${id}/rows/${row}`, { action: 'done' })
    t.equal(tick.statusCode, 303)
    t.equal(tick.headers.location, '/workouts/live#exercise-1')
  }
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 3, 'each tick saved a set')
  html = (await lifter.page('/workouts/live')).body
  t.equal((html.match(/class="live-row is-done"/g) ?? []).length, 3, 'a reload shows every ticked set')

  // A second exercise, "+ set" copying the previous row, and a refusal shown on the page.
  t.equal(
    (await lifter.form(`/workouts/live/${id}/exercises`, { exerciseId: pullUp })).headers.location,
    '/workouts/live#exercise-2',
  )
  html = (await lifter.page('/workouts/live')).body
  const pullEntry = entryIds(html)[1]!
  const pullRow = rowIds(html)[3]!
  const early = await lifter.form(`/workouts/live/${id}/rows/${pullRow}`, { action: 'done' })
  t.equal(early.headers.location, '/workouts/live#exercise-2')
  t.match(
    (await lifter.page('/workouts/live')).body,
    /Not saved — reps: type the reps before ticking the set/,
  )
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 3, 'an empty first row saves nothing')
  t.equal(rowIds(html).length, 6, 'no history: three planned rows')
  await lifter.form(`/workouts/live/${id}/rows/${pullRow}`, { action: 'done', reps: '8' })
  // An empty planned row shows the previous row's values as placeholders, and ticking it saves them.
  html = (await lifter.page('/workouts/live')).body
  const second = rowIds(html)[4]!
  t.match(html, new RegExp(`id="reps-${second}"[^>]*value=""[^>]*placeholder="8"`), 'previous reps shown')
  const filled = await lifter.form(`/workouts/live/${id}/rows/${second}`, { action: 'done' })
  t.equal(filled.headers.location, '/workouts/live#exercise-2')
  t.equal(
    await prisma.workoutSet.count({ where: { workoutId: id, reps: 8 } }),
    2,
    'an empty tick saved the previous row’s reps',
  )
  const plus = await lifter.form(`/workouts/live/${id}/entries/${pullEntry}/rows`)
  t.equal(plus.headers.location, '/workouts/live#exercise-2')
  html = (await lifter.page('/workouts/live')).body
  t.match(html, new RegExp(`id="reps-${rowIds(html)[6]}"[^>]*value="8"`), '+ set copies the reps')
  const bad = await lifter.form(`/workouts/live/${id}/rows/${rowIds(html)[6]}`, {
    action: 'done',
    reps: 'lots',
  })
  t.equal(bad.statusCode, 303)
  t.match((await lifter.page('/workouts/live')).body, /Not saved — reps: must be a whole number/)
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 5)

  // A live workout is not edited wholesale: its detail and edit pages lead to the live page.
  t.equal((await lifter.page(`/workouts/${id}`)).headers.location, '/workouts/live')
  t.equal((await lifter.page(`/workouts/${id}/edit`)).headers.location, '/workouts/live')

  now = new Date('2026-11-28T17:52:00Z')
  const finish = await lifter.form(`/workouts/live/${id}/finish`)
  t.equal(finish.statusCode, 303)
  t.equal(finish.headers.location, `/workouts/${id}`)
  const detail = (await lifter.page(`/workouts/${id}`)).body
  t.match(detail, /5 sets/)
  t.match(detail, /duration 52 min/)
  t.notMatch((await lifter.page('/workouts')).body, /Workout in progress — resume/)
  t.equal((await lifter.form(`/workouts/live/${id}/finish`)).statusCode, 404, 'finished is not live')
})

t.test('discard asks first, then deletes the live workout', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app)
  await lifter.form('/workouts/live')
  const id = (await prisma.workout.findFirstOrThrow()).id
  const confirm = await lifter.page(`/workouts/live/${id}/discard`)
  t.equal(confirm.statusCode, 200)
  t.match(confirm.body, /Discard this workout\?/)
  t.equal(await prisma.workout.count(), 1, 'asking changes nothing')
  const empty = await lifter.form(`/workouts/live/${id}/finish`)
  t.equal(empty.headers.location, '/workouts/live#finish')
  t.match((await lifter.page('/workouts/live')).body, /tick at least one set before finishing/)
  const gone = await lifter.form(`/workouts/live/${id}/discard`)
  t.equal(gone.statusCode, 303)
  t.equal(gone.headers.location, '/workouts')
  t.equal(await prisma.workout.count(), 0)
})

t.test('a custom exercise is created inline and added', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app)
  await lifter.form('/workouts/live')
  const id = (await prisma.workout.findFirstOrThrow()).id
  const none = (await lifter.page('/workouts/live?q=zercher')).body
  t.match(none, /No exercise matches/)
  t.match(none, /<details class="picker-new" open>/)
  const res = await lifter.form(`/workouts/live/${id}/exercises/new`, {
    name: 'Zercher Squat',
    category: 'legs',
    equipment: 'barbell',
  })
  t.equal(res.headers.location, '/workouts/live#exercise-1')
  t.match((await lifter.page('/workouts/live')).body, /<h2 class="live-entry-name">Zercher Squat<\/h2>/)
  const dup = await lifter.form(`/workouts/live/${id}/exercises/new`, {
    name: 'zercher squat',
    category: 'legs',
    equipment: 'barbell',
  })
  t.equal(dup.headers.location, '/workouts/live#add-exercise')
  t.match((await lifter.page('/workouts/live')).body, /Not saved — name: you already have an exercise called/)
})
