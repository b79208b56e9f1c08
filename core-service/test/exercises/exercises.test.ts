// Exercises as a lifter sees them: the catalog plus their own, filters and search, creating, renaming,
// archiving (history kept, pickers cleared) and deleting only what no set uses.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('browse, filter and search the catalog and your own exercises', async (t) => {
  const { app } = await buildTestCore(t)
  const lifter = await signUp(app)
  const other = await signUp(app)
  await addExercise(lifter, 'Zercher Squat')
  await addExercise(other, 'Other Persons Lift')
  const all = (await lifter.api('GET', '/api/v1/exercises')).json().items
  t.equal(all.length, 74, '73 built-in + 1 own')
  t.ok(all.find((e: { name: string; builtIn: boolean }) => e.name === 'Zercher Squat' && !e.builtIn))
  t.notOk(all.find((e: { name: string }) => e.name === 'Other Persons Lift'))
  const names = (q: string) =>
    lifter
      .api('GET', `/api/v1/exercises?${q}`)
      .then((r) => r.json().items.map((e: { name: string }) => e.name))
  t.same(await names('q=SQUAT&equipment=barbell'), ['Front Squat', 'Squat', 'Zercher Squat'])
  // A search ignores case, spaces and punctuation: "pullup", "pull up" and "PULL-UP" all find Pull-Up.
  for (const q of ['pullup', 'pull%20up', 'PULL-UP'])
    t.ok((await names(`q=${q}`)).includes('Pull-Up'), `q=${q} finds Pull-Up`)
  t.same(await names('muscleGroup=calves'), ['Seated Calf Raise', 'Standing Calf Raise'])
  t.same(await names('equipment=band'), ['Band Pull-Apart'])
  t.same(await names('category=core&equipment=cable'), ['Cable Crunch', 'Cable Woodchopper'])

  const page = await lifter.page('/exercises?q=squat&equipment=barbell')
  t.equal(page.statusCode, 200)
  t.match(
    page.body,
    /<a href="\/exercises\/[0-9a-f-]{36}\/edit"[^>]*>Zercher Squat<\/a>\s*<span class="tag">yours<\/span>/,
  )
  t.notMatch(page.body, /Goblet Squat/, 'filtered by equipment')
  t.match(page.body, /<option value="barbell" selected>/)
  t.match(page.body, /<label for="q">Search by name<\/label>/)
  const byMuscle = await lifter.page('/exercises?muscleGroup=lats')
  t.match(byMuscle.body, /Lat Pulldown/)
  t.notMatch(byMuscle.body, /Bench Press/)
  // An unknown filter value simply matches nothing instead of failing.
  t.equal((await lifter.page('/exercises?equipment=spoon')).statusCode, 200)
})

t.test('create, rename, archive, restore and delete your own exercise', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)

  // Create through the form; the name is trimmed, the muscle group normalised.
  const created = await lifter.form('/exercises', {
    name: '  Pin Press ',
    category: 'chest',
    muscleGroup: 'Chest',
    equipment: 'barbell',
  })
  t.equal(created.statusCode, 303)
  const row = await prisma.exercise.findFirstOrThrow({ where: { ownerId: lifter.user.id } })
  t.same([row.name, row.muscleGroup, row.isBodyweight], ['Pin Press', 'chest', false])
  const bw = await addExercise(lifter, 'Ring Dip', {
    category: 'chest',
    muscleGroup: 'triceps',
    equipment: 'bodyweight',
  })
  t.equal(bw.isBodyweight, true, 'bodyweight equipment means a bodyweight movement')

  // Rename (page and API); a case-only change of your own name is allowed.
  t.equal((await lifter.form(`/exercises/${row.id}/rename`, { name: 'Pin press' })).statusCode, 303)
  const renamed = await lifter.api('PATCH', `/api/v1/exercises/${row.id}`, { name: 'Pin Press (low)' })
  t.equal(renamed.json().name, 'Pin Press (low)')

  // In use: it can be archived (hidden from pickers, history kept) but not deleted.
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-05T10:00:00Z',
    sets: [
      { exerciseId: row.id, reps: 3, weight: 100 },
      { exerciseId: bench, reps: 5, weight: 80 },
    ],
  })
  const edit = await lifter.page(`/exercises/${row.id}/edit`)
  t.match(edit.body, /used in 1 set/)
  t.notMatch(edit.body, /\/delete"/, 'no delete button for an exercise in use')
  t.equal((await lifter.form(`/exercises/${row.id}/archive`, { archived: 'true' })).statusCode, 303)
  t.notOk(
    (await lifter.api('GET', '/api/v1/exercises?q=pin')).json().items.length,
    'archived leaves the list',
  )
  t.equal(
    (await lifter.api('GET', '/api/v1/exercises?q=pin&includeArchived=true')).json().items[0].archived,
    true,
  )
  t.match((await lifter.page('/exercises?archived=on&q=pin')).body, /<span class="tag">archived<\/span>/)
  const newForm = await lifter.page('/workouts/new')
  t.notMatch(newForm.body, /Pin Press \(low\)/, 'not offered for new workouts')
  const editForm = await lifter.page(`/workouts/${w.id}/edit`)
  t.match(
    editForm.body,
    /<option value="[^"]+" selected>Pin Press \(low\) \(archived\)<\/option>/,
    'kept where already used',
  )
  t.match((await lifter.page(`/workouts/${w.id}`)).body, /Pin Press \(low\) <span class="muted">\(archived\)/)
  t.equal((await lifter.api('DELETE', `/api/v1/exercises/${row.id}`)).statusCode, 409)
  t.equal(await prisma.workoutSet.count({ where: { exerciseId: row.id } }), 1, 'history kept')
  t.equal(
    (await lifter.api('PATCH', `/api/v1/exercises/${row.id}`, { archived: false })).json().archived,
    false,
  )

  // Unused: it can be deleted (page and API).
  t.equal((await lifter.form(`/exercises/${bw.id}/delete`)).statusCode, 303)
  t.equal((await lifter.api('GET', `/api/v1/exercises/${bw.id}`)).statusCode, 404)
  const spare = await addExercise(lifter, 'Spare')
  t.equal((await lifter.api('DELETE', `/api/v1/exercises/${spare.id}`)).statusCode, 204)
  t.equal(await prisma.exercise.count({ where: { ownerId: lifter.user.id } }), 1)

  // Built-ins are read-only and have no edit page.
  t.equal((await lifter.page(`/exercises/${bench}/edit`)).statusCode, 404)
  t.equal((await lifter.api('GET', `/api/v1/exercises/${bench}`)).json().builtIn, true)
})
