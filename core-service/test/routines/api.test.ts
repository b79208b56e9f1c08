// Routines through the JSON API against the real database: create, read, replace, delete, save a finished
// workout as one, and start one as a live workout prefilled with its targets and last time's weights.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

t.test('a routine: create, list, read, replace, delete', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)

  const created = await lifter.api('POST', '/api/v1/routines', {
    name: 'Push day',
    exercises: [
      { exerciseId: bench, sets: 3, reps: 5, weight: 102.5, restSeconds: 180 },
      { exerciseId: squat, sets: 2, reps: 8, weight: 185, unit: 'lb' },
    ],
  })
  t.equal(created.statusCode, 201, created.body)
  const id = created.json().id
  t.equal(created.headers.location, `/api/v1/routines/${id}`)
  t.match(created.json().exercises, [
    {
      exerciseId: bench,
      exerciseName: 'Bench Press',
      sets: 3,
      reps: 5,
      weight: 102.5,
      unit: 'kg',
      restSeconds: 180,
    },
    { exerciseId: squat, sets: 2, reps: 8, weight: 185, unit: 'lb', restSeconds: null },
  ])
  t.equal(
    (await prisma.routineExercise.findFirst({ where: { routineId: id, position: 1 } }))?.weightUnit,
    'lb',
  )

  const listed = await lifter.api('GET', '/api/v1/routines')
  t.equal(listed.statusCode, 200)
  t.same(
    listed.json().routines.map((r: { name: string }) => r.name),
    ['Push day'],
  )
  t.equal(
    (await lifter.api('GET', `/api/v1/routines/${id}`)).json().exercises[1].weight,
    185,
    'exact as typed',
  )

  const replaced = await lifter.cookieApi('PUT', `/api/v1/routines/${id}`, {
    name: 'Legs',
    exercises: [{ exerciseId: squat, sets: 5, reps: 5 }],
  })
  t.equal(replaced.statusCode, 200, replaced.body)
  t.match(replaced.json(), {
    name: 'Legs',
    exercises: [{ exerciseId: squat, sets: 5, reps: 5, weight: null }],
  })
  t.equal(await prisma.routineExercise.count({ where: { routineId: id } }), 1)

  const deleted = await lifter.api('DELETE', `/api/v1/routines/${id}`)
  t.equal(deleted.statusCode, 204)
  t.equal(await prisma.routine.count(), 0)
  t.equal(await prisma.routineExercise.count(), 0)
  t.equal((await lifter.api('GET', `/api/v1/routines/${id}`)).statusCode, 404)
})

t.test('POST /api/v1/routines refuses an unknown exercise and a third decimal', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const unknown = await lifter.api('POST', '/api/v1/routines', {
    name: 'X',
    exercises: [{ exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d', sets: 3, reps: 5 }],
  })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json(), { code: 'VALIDATION', message: /exercises\.0\.exerciseId: unknown exercise/ })
  const decimals = await lifter.api('POST', '/api/v1/routines', {
    name: 'X',
    exercises: [{ exerciseId: bench, sets: 3, reps: 5, weight: 100.125 }],
  })
  t.equal(decimals.statusCode, 400)
  t.match(decimals.json().message, /exercises\.0\.weight/)
  const blank = await lifter.api('POST', '/api/v1/routines', {
    name: '   ',
    exercises: [{ exerciseId: bench, sets: 3, reps: 5 }],
  })
  t.equal(blank.statusCode, 400)
  t.equal(await prisma.routine.count(), 0, 'nothing written')
})

t.test('starting a routine plans its targets, with last time’s weights where it has none', async (t) => {
  const now = new Date('2026-12-01T17:00:00Z')
  const { app, db } = await buildTestCore(t, {}, { clock: () => now })
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)
  await logWorkout(lifter, {
    startedAt: '2026-11-28T17:00:00Z',
    sets: [
      { exerciseId: squat, reps: 5, weight: 140 },
      { exerciseId: squat, reps: 5, weight: 142.5 },
    ],
  })
  const routine = (
    await lifter.api('POST', '/api/v1/routines', {
      name: 'Full body',
      exercises: [
        { exerciseId: bench, sets: 2, reps: 5, weight: 100 },
        { exerciseId: squat, sets: 3, reps: 5 },
      ],
    })
  ).json()

  const started = await lifter.api('POST', `/api/v1/routines/${routine.id}/start`)
  t.equal(started.statusCode, 201, started.body)
  const live = started.json()
  t.equal(live.entries.length, 2)
  t.match(live.entries[0].rows, [
    { reps: 5, weight: 100, unit: 'kg', done: false },
    { reps: 5, weight: 100, unit: 'kg', done: false },
  ])
  t.same(
    live.entries[1].rows.map((r: { weight: number }) => r.weight),
    [140, 142.5, 142.5],
    'no target weight: last time’s, set by set, the last one repeated',
  )
  t.equal(await prisma.workoutSet.count({ where: { workoutId: live.id } }), 0, 'planned rows are no sets yet')

  const tick = await lifter.api(
    'PATCH',
    `/api/v1/live-workouts/${live.id}/rows/${live.entries[0].rows[0].id}`,
    {
      done: true,
    },
  )
  t.equal(tick.statusCode, 200, tick.body)
  const set = await prisma.workoutSet.findFirst({ where: { workoutId: live.id } })
  t.equal(set?.reps, 5)
  t.equal(set?.weightKg.toFixed(), '100', 'a tick saves the prescribed set')

  const twice = await lifter.api('POST', `/api/v1/routines/${routine.id}/start`)
  t.equal(twice.statusCode, 409, 'one live workout at a time')
  t.equal(twice.json().code, 'CONFLICT')
  t.equal(await prisma.workout.count({ where: { liveOwnerId: { not: null } } }), 1)
})

t.test('POST /api/v1/workouts/:id/routine saves a finished workout as a routine', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)
  const workout = await logWorkout(lifter, {
    startedAt: '2026-11-28T17:00:00Z',
    title: 'Monday',
    sets: [
      { exerciseId: squat, reps: 10, weight: 60, isWarmup: true },
      { exerciseId: squat, reps: 5, weight: 140 },
      { exerciseId: bench, reps: 8, weight: 80 },
      { exerciseId: squat, reps: 5, weight: 140 },
      { exerciseId: bench, reps: 8, weight: 80 },
    ],
  })
  const saved = await lifter.api('POST', `/api/v1/workouts/${workout.id}/routine`, {})
  t.equal(saved.statusCode, 201, saved.body)
  t.match(saved.json(), {
    name: 'Monday',
    exercises: [
      { exerciseId: squat, sets: 2, reps: 5, weight: 140 },
      { exerciseId: bench, sets: 2, reps: 8, weight: 80 },
    ],
  })
  const named = await lifter.api('POST', `/api/v1/workouts/${workout.id}/routine`, { name: 'Mine' })
  t.equal(named.json().name, 'Mine')

  const live = (await lifter.api('POST', '/api/v1/live-workouts')).json()
  const refused = await lifter.api('POST', `/api/v1/workouts/${live.id}/routine`, {})
  t.equal(refused.statusCode, 404, 'a live workout is not a finished one')
  t.equal(await prisma.routine.count(), 2)
})
