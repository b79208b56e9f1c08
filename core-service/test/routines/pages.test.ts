// The routines pages without JavaScript: create with the plain form, list with Start, start one (a live
// workout with the targets planned), edit (a row left at "—" is removed), delete, and "Save as routine".
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('a routine made, started, edited and deleted with the forms', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)

  const empty = await lifter.page('/routines')
  t.equal(empty.statusCode, 200)
  t.match(empty.body, /No routines yet/)
  const form = await lifter.page('/routines/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, /name="exerciseId\.2"/, 'blank rows to fill without JavaScript')

  const refused = await lifter.form('/routines', {
    name: 'Push',
    'exerciseId.0': bench,
    'sets.0': 'x',
    'reps.0': '5',
  })
  t.equal(refused.statusCode, 400)
  t.match(refused.body, /Not saved/)
  t.match(refused.body, /value="Push"/, 'shown again as typed')
  t.equal(await prisma.routine.count(), 0)

  const created = await lifter.form('/routines', {
    name: 'Push',
    'exerciseId.0': bench,
    'sets.0': '3',
    'reps.0': '5',
    'weight.0': '102.5',
    'rest.0': '180',
    'exerciseId.1': squat,
    'sets.1': '2',
    'reps.1': '8',
    'weight.1': '',
    'rest.1': '',
    'exerciseId.2': '',
    'sets.2': '3',
    'reps.2': '5',
  })
  t.equal(created.statusCode, 303, created.body)
  t.equal(created.headers.location, '/routines')
  const routine = await prisma.routine.findFirstOrThrow({
    include: { exercises: { orderBy: { position: 'asc' } } },
  })
  t.equal(routine.exercises.length, 2, 'the blank row is left out')
  t.equal(routine.exercises[0]!.weightKg?.toFixed(), '102.5')
  t.equal(routine.exercises[0]!.restSeconds, 180)
  t.equal(routine.exercises[1]!.weightKg, null)

  const list = await lifter.page('/routines')
  t.match(list.body, /Bench Press: 3 × 5 @ 102.5 kg/)
  t.match(list.body, /Squat: 2 × 8/)
  t.match(list.body, new RegExp(`action="/routines/${routine.id}/start"`))

  const edit = await lifter.page(`/routines/${routine.id}/edit`)
  t.match(edit.body, /value="102.5"/)
  const edited = await lifter.form(`/routines/${routine.id}`, {
    name: 'Push A',
    'exerciseId.0': '',
    'sets.0': '3',
    'reps.0': '5',
    'exerciseId.1': squat,
    'sets.1': '5',
    'reps.1': '5',
  })
  t.equal(edited.statusCode, 303, edited.body)
  const after = await prisma.routineExercise.findMany({ where: { routineId: routine.id } })
  t.same(
    after.map((e) => [e.exerciseId, e.sets]),
    [[squat, 5]],
    'the row left at — is removed',
  )

  const started = await lifter.form(`/routines/${routine.id}/start`)
  t.equal(started.statusCode, 303)
  t.equal(started.headers.location, '/workouts/live')
  const live = await lifter.page('/workouts/live')
  t.match(live.body, /Squat/)
  const again = await lifter.form(`/routines/${routine.id}/start`)
  t.equal(again.headers.location, '/workouts/live', 'a second start goes back to the workout in progress')
  t.equal(await prisma.workout.count(), 1)

  const deleted = await lifter.form(`/routines/${routine.id}/delete`)
  t.equal(deleted.statusCode, 303)
  t.equal(await prisma.routine.count(), 0)
})

t.test('"Save as routine" on a finished workout’s page', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const workout = await logWorkout(lifter, {
    startedAt: '2026-11-28T17:00:00Z',
    title: 'Monday',
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: bench, reps: 5, weight: 100 },
    ],
  })
  const page = await lifter.page(`/workouts/${workout.id}`)
  t.match(page.body, new RegExp(`action="/workouts/${workout.id}/routine"`))
  const saved = await lifter.form(`/workouts/${workout.id}/routine`)
  t.equal(saved.statusCode, 303)
  const routine = await prisma.routine.findFirstOrThrow({ include: { exercises: true } })
  t.equal(saved.headers.location, `/routines/${routine.id}/edit`)
  t.equal(routine.name, 'Monday')
  t.match(routine.exercises, [{ exerciseId: bench, sets: 2, reps: 5 }])
})

t.test('another lifter’s routine pages are 404 and change nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const mallory = await signUp(app)
  const r = (
    await alice.api('POST', '/api/v1/routines', {
      name: 'Alice secret',
      exercises: [{ exerciseId: bench, sets: 3, reps: 5 }],
    })
  ).json().id
  const before = JSON.stringify(await prisma.routine.findMany({ include: { exercises: true } }))
  t.equal((await mallory.page(`/routines/${r}/edit`)).statusCode, 404)
  t.notMatch((await mallory.page('/routines')).body, /Alice secret/)
  for (const url of [`/routines/${r}`, `/routines/${r}/delete`, `/routines/${r}/start`]) {
    const res = await mallory.form(url, { name: 'x', 'exerciseId.0': bench, 'sets.0': '1', 'reps.0': '1' })
    t.equal(res.statusCode, 404, `POST ${url} → 404`)
  }
  t.equal(JSON.stringify(await prisma.routine.findMany({ include: { exercises: true } })), before)
  t.equal(await prisma.workout.count(), 0, 'nothing started')
})

t.test('editing a routine with the form keeps each weight in the unit it was typed in', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app, { unit: 'kg' })
  const made = await lifter.api('POST', '/api/v1/routines', {
    name: 'Mixed',
    exercises: [
      { exerciseId: bench, sets: 3, reps: 5, weight: 185, unit: 'lb' },
      { exerciseId: squat, sets: 3, reps: 5, weight: 100 },
    ],
  })
  t.equal(made.statusCode, 201, made.body)
  const id = made.json().id
  const form = await lifter.page(`/routines/${id}/edit`)
  t.match(form.body, /name="unit\.0" value="lb"/, 'the lb row says so')
  t.match(form.body, /name="unit\.2" value="kg"/, 'a blank row is in the lifter’s unit')
  // What the browser posts back unchanged: the visible fields as shown, and the hidden units.
  const units = Object.fromEntries(
    [...form.body.matchAll(/name="unit\.(\d+)" value="(kg|lb)"/g)].map((m) => [
      `unit.${m[1]}`,
      m[2] as string,
    ]),
  )
  const fields = {
    name: 'Mixed, renamed',
    ...units,
    'exerciseId.0': bench,
    'sets.0': '3',
    'reps.0': '5',
    'weight.0': '185',
    'exerciseId.1': squat,
    'sets.1': '3',
    'reps.1': '5',
    'weight.1': '100',
    'exerciseId.2': '',
  }
  const saved = await lifter.form(`/routines/${id}`, fields)
  t.equal(saved.statusCode, 303, saved.body)
  const after = (await lifter.api('GET', `/api/v1/routines/${id}`)).json()
  t.equal(after.name, 'Mixed, renamed')
  t.same(
    after.exercises.map((e: { weight: string | number; unit: string }) => [String(e.weight), e.unit]),
    [
      ['185', 'lb'],
      ['100', 'kg'],
    ],
    '185 lb stays 185 lb, not 185 kg',
  )
})
