// Live workouts through the JSON API against the real database: one per lifter, each tick a real set the
// moment it is made (stats' aggregates see it), planned rows kept server-side, finish and discard.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, snapshot, testPrisma } from './helpers.ts'

t.test('a live workout: start, resume, plan, tick, untick, finish', async (t) => {
  let now = new Date('2026-11-28T17:00:00Z')
  const { app, db } = await buildTestCore(t, {}, { clock: () => now })
  const prisma = testPrisma(t, db.url)
  const { bench, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })

  const none = await lifter.api('GET', '/api/v1/live-workouts/current')
  t.equal(none.statusCode, 404)
  t.equal(none.json().code, 'NOT_FOUND')

  const started = await lifter.api('POST', '/api/v1/live-workouts')
  t.equal(started.statusCode, 201)
  const id = started.json().id
  t.same(started.json().entries, [])
  const again = await lifter.cookieApi('POST', '/api/v1/live-workouts')
  t.equal(again.statusCode, 200, 'starting again resumes')
  t.equal(again.json().id, id)
  t.equal(await prisma.workout.count(), 1, 'only one live workout per lifter')

  const added = await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: bench })
  t.equal(added.statusCode, 201)
  const entry = added.json().entries[0]
  t.equal(entry.exerciseName, 'Bench Press')
  t.equal(entry.rows.length, 3, 'no history: three planned rows')
  t.same(entry.last, null, 'never done before')
  const row = entry.rows[0]

  const ticked = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${row.id}`, {
    reps: 5,
    weight: 102.5,
    done: true,
  })
  t.equal(ticked.statusCode, 200, ticked.body)
  const tickedRow = ticked.json().entries[0].rows[0]
  t.equal(tickedRow.done, true)
  t.equal(tickedRow.weight, 102.5, 'as typed')
  const sets = await prisma.workoutSet.findMany({ where: { workoutId: id } })
  t.equal(sets.length, 1, 'the tick is a saved set at once')
  t.equal(sets[0]!.weightKg.toFixed(), '102.5')
  const session = await prisma.exerciseSession.findMany({ where: { workoutId: id } })
  t.equal(session[0]?.sets, 1, 'the stats aggregates see the done set')

  const plus = await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises/${entry.id}/rows`, {})
  t.equal(plus.statusCode, 201)
  const planned = plus.json().entries[0].rows[3]
  t.match(planned, { reps: 5, weight: 102.5, unit: 'kg', done: false }, '+ set copies reps and weight')
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 1, 'a planned row is no set')

  const listed = (await lifter.api('GET', '/api/v1/workouts')).json().items[0]
  t.match(listed, { id, inProgress: true, endedAt: null, setCount: 1 }, 'the list marks it in progress')

  // Another reader (a second phone) sees the planned row and the ticked set.
  const current = (await lifter.api('GET', '/api/v1/live-workouts/current')).json()
  t.equal(current.entries[0].rows.length, 4)
  t.equal(current.doneCount, 1)

  const lb = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${planned.id}`, {
    weight: 225,
    unit: 'lb',
    done: true,
  })
  t.equal(lb.statusCode, 200)
  t.match(lb.json().entries[0].rows[3], { weight: 225, unit: 'lb', done: true })
  const untick = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${row.id}`, { done: false })
  t.equal(untick.statusCode, 200)
  t.match(untick.json().entries[0].rows[0], { reps: 5, weight: 102.5, done: false, setId: null })
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 1, 'untick deletes the set')

  // A pull-up (bodyweight) may be ticked at 0; a bench set may not.
  const pull = await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: pullUp })
  const pullRow = pull.json().entries[1].rows[0]
  t.equal(
    (await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${pullRow.id}`, { reps: 8, done: true }))
      .statusCode,
    200,
  )
  const zero = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${row.id}`, {
    weight: 0,
    done: true,
  })
  t.equal(zero.statusCode, 400)
  t.equal(zero.json().message, 'weight: must be more than 0 for this exercise')

  // Editing a live workout wholesale would orphan its rows: refused until it is finished.
  const put = await lifter.api('PUT', `/api/v1/workouts/${id}`, {
    sets: [{ exerciseId: bench, reps: 1, weight: 1 }],
  })
  t.equal(put.statusCode, 409)

  now = new Date('2026-11-28T17:52:00Z')
  const finished = await lifter.api('POST', `/api/v1/live-workouts/${id}/finish`, { title: 'Push' })
  t.equal(finished.statusCode, 200, finished.body)
  t.same(finished.json(), {
    id,
    startedAt: '2026-11-28T17:00:00.000Z',
    endedAt: '2026-11-28T17:52:00.000Z',
    durationSeconds: 3120,
  })
  const saved = (await lifter.api('GET', `/api/v1/workouts/${id}`)).json()
  t.same(
    saved.sets.map((s: { position: number; reps: number; loggedWeight: number }) => [
      s.position,
      s.reps,
      s.loggedWeight,
    ]),
    [
      [0, 5, 225],
      [1, 8, 0],
    ],
    'done sets only, renumbered in the order they were done',
  )
  t.equal(saved.title, 'Push')
  t.equal(saved.inProgress, false)
  t.equal(saved.endedAt, '2026-11-28T17:52:00.000Z')
  t.equal((await lifter.api('GET', '/api/v1/live-workouts/current')).statusCode, 404)
  t.equal(
    (await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${row.id}`, { done: true })).statusCode,
    404,
    'a finished workout is no longer live',
  )

  // Next time: last time's sets are shown and can be planned in one request.
  now = new Date('2026-12-01T17:00:00Z')
  const next = (await lifter.api('POST', '/api/v1/live-workouts')).json()
  t.not(next.id, id)
  const withLast = await lifter.api('POST', `/api/v1/live-workouts/${next.id}/exercises`, {
    exerciseId: bench,
    copyLast: true,
  })
  const benchEntry = withLast.json().entries[0]
  t.match(benchEntry.last, { localDate: '2026-11-28', summary: '5 @ 225 lb' })
  t.match(benchEntry.rows, [{ reps: 5, weight: 225, unit: 'lb', done: false }])
})

t.test('finishing needs a ticked set; discard deletes the live workout and its sets', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const id = (await lifter.api('POST', '/api/v1/live-workouts')).json().id
  const empty = await lifter.api('POST', `/api/v1/live-workouts/${id}/finish`, {})
  t.equal(empty.statusCode, 409)
  t.match(empty.json().message, /tick at least one set/)
  const added = (
    await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: bench })
  ).json()
  await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${added.entries[0].rows[0].id}`, {
    reps: 3,
    weight: 60,
    done: true,
  })
  t.equal(await prisma.workoutSet.count(), 1)
  const gone = await lifter.api('DELETE', `/api/v1/live-workouts/${id}`)
  t.equal(gone.statusCode, 204)
  t.equal(await prisma.workout.count(), 0)
  t.equal(await prisma.workoutSet.count(), 0)
  t.equal(await prisma.lifterTotal.count(), 0, 'the aggregates forget it too')
})

t.test(
  'ticking an empty planned row saves the previous row’s values; an empty first row is refused',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const prisma = testPrisma(t, db.url)
    const { bench, pullUp } = await catalog(prisma)
    const lifter = await signUp(app)
    const id = (await lifter.api('POST', '/api/v1/live-workouts')).json().id
    const added = (
      await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: bench, copyLast: true })
    ).json()
    const rows: { id: string }[] = added.entries[0].rows
    t.equal(rows.length, 3, 'no history: three planned rows')

    // Nothing typed and no row before it: a clear 409, nothing written.
    const before = await snapshot(prisma)
    const empty = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${rows[0]!.id}`, { done: true })
    t.equal(empty.statusCode, 409)
    t.match(empty.json(), { message: 'type the reps before ticking the set', fields: { reps: String } })
    t.same(await snapshot(prisma), before, 'database unchanged')
    // Weight typed but no reps anywhere before it: refused too.
    const noReps = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${rows[1]!.id}`, {
      weight: 60,
      done: true,
    })
    t.equal(noReps.statusCode, 409)
    t.equal(await prisma.workoutSet.count(), 0)

    const first = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${rows[0]!.id}`, {
      reps: 5,
      weight: 82.5,
      done: true,
    })
    t.equal(first.statusCode, 200, first.body)
    // Row 3 before row 2: the nearest earlier row with reps is row 1.
    const third = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${rows[2]!.id}`, { done: true })
    t.equal(third.statusCode, 200, third.body)
    t.match(third.json().entries[0].rows[2], { reps: 5, weight: 82.5, unit: 'kg', done: true })
    // The refused tick wrote nothing, not even its weight. Now with a weight: only the reps come from row 1.
    t.match(third.json().entries[0].rows[1], { reps: null, weight: null })
    const second = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${rows[1]!.id}`, {
      weight: 60,
      done: true,
    })
    t.equal(second.statusCode, 200, second.body)
    t.match(second.json().entries[0].rows[1], { reps: 5, weight: 60, done: true })
    const sets = await prisma.workoutSet.findMany({ where: { workoutId: id }, orderBy: { position: 'asc' } })
    t.same(
      sets.map((s) => [s.reps, s.weightKg.toFixed()]),
      [
        [5, '82.5'],
        [5, '82.5'],
        [5, '60'],
      ],
      'each tick saved what its placeholders showed',
    )

    // A bodyweight row with no weight before it takes the reps and stays at bodyweight.
    const pull = (
      await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: pullUp })
    ).json().entries[1].rows
    await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${pull[0].id}`, { reps: 8, done: true })
    const pull2 = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${pull[1].id}`, { done: true })
    t.equal(pull2.statusCode, 200, pull2.body)
    t.match(pull2.json().entries[1].rows[1], { reps: 8, weight: null, done: true })
  },
)

t.test('two phones ticking at once both keep their sets', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const id = (await lifter.api('POST', '/api/v1/live-workouts')).json().id
  const entryId = (
    await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: bench })
  ).json().entries[0].id
  await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises/${entryId}/rows`, { reps: 5, weight: 80 })
  const rows = (await lifter.api('GET', '/api/v1/live-workouts/current')).json().entries[0].rows
  const answers = await Promise.all(
    rows.map((r: { id: string }) =>
      lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${r.id}`, { reps: 5, weight: 80, done: true }),
    ),
  )
  t.same(
    answers.map((a) => a.statusCode),
    [200, 200, 200, 200],
    'three default rows and the one added',
  )
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 4)
  t.equal((await lifter.api('GET', '/api/v1/live-workouts/current')).json().doneCount, 4)
  const before = await snapshot(prisma)
  t.equal((await lifter.api('POST', '/api/v1/live-workouts')).statusCode, 200)
  t.equal(await prisma.workout.count(), 1)
  t.ok(before)
})

t.test('a workout logged with the form is finished and has no end time', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const w = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  const row = await prisma.workout.findUniqueOrThrow({ where: { id: w.id } })
  t.equal(row.endedAt, null)
  t.equal(row.liveOwnerId, null)
  t.equal((await lifter.api('POST', `/api/v1/live-workouts/${w.id}/finish`, {})).statusCode, 404)
})
