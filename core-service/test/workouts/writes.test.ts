// What every workout write guarantees: one transaction (a failure midway leaves nothing), local dates in
// the lifter's zone, sets in step with their workout, data_version bumped, kg stored exactly for lb input.

import pg from 'pg'
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, snapshot, testPrisma, workoutForm } from './helpers.ts'

t.test('a write that fails midway leaves the previous state untouched', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)
  const workout = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    title: 'Before',
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: squat, reps: 5, weight: 140 },
    ],
  })
  // Inject a failure the application cannot foresee: the database refuses the third set of a save,
  // after the user row, the workout row and the old sets have already been touched in the transaction.
  const admin = new pg.Client({ connectionString: db.url })
  await admin.connect()
  t.teardown(() => admin.end())
  await admin.query(`
    CREATE FUNCTION test_fail_777() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.reps = 777 THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER test_fail_777 BEFORE INSERT ON workout_sets FOR EACH ROW EXECUTE FUNCTION test_fail_777();
  `)
  const before = await snapshot(prisma)
  const failing = {
    startedAt: '2026-01-11T10:00:00Z',
    title: 'After',
    sets: [
      { exerciseId: squat, reps: 3, weight: 150 },
      { exerciseId: bench, reps: 3, weight: 105 },
      { exerciseId: bench, reps: 777, weight: 20 },
    ],
  }
  const put = await lifter.api('PUT', `/api/v1/workouts/${workout.id}`, failing)
  t.equal(put.statusCode, 500)
  t.match(put.json().message, /^internal error, id /, 'no database detail leaks')
  const post = await lifter.api('POST', '/api/v1/workouts', failing)
  t.equal(post.statusCode, 500)
  const form = await lifter.form(
    `/workouts/${workout.id}/edit`,
    workoutForm({ date: '2026-01-11', title: 'After' }, [
      { exerciseId: squat, reps: '3', weight: '150' },
      { exerciseId: bench, reps: '777', weight: '20' },
    ]),
  )
  t.equal(form.statusCode, 500)
  t.same(await snapshot(prisma), before, 'workout, sets and data_version exactly as before')
  const still = (await lifter.api('GET', `/api/v1/workouts/${workout.id}`)).json()
  t.equal(still.title, 'Before')
  t.same(
    still.sets.map((s: { reps: number }) => s.reps),
    [5, 5],
  )
})

t.test('a workout at 23:30 in Auckland is on that Auckland date, through the form and the API', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const kiwi = await signUp(app, { timeZone: 'Pacific/Auckland' })

  // Form: typed as local date and time.
  const res = await kiwi.form(
    '/workouts',
    workoutForm({ date: '2026-01-10', time: '23:30', title: 'Late session' }, [
      { exerciseId: bench, reps: '5', weight: '80' },
    ]),
  )
  t.equal(res.statusCode, 303)
  const id = /\/workouts\/([0-9a-f-]{36})$/.exec(res.headers.location as string)?.[1] as string
  const row = await prisma.workout.findUniqueOrThrow({ where: { id }, include: { sets: true } })
  t.equal(row.startedAt.toISOString(), '2026-01-10T10:30:00.000Z', '23:30 NZDT is 10:30 UTC')
  t.equal(row.localDate.toISOString().slice(0, 10), '2026-01-10')
  t.ok(row.sets.every((s) => s.userId === row.userId && s.startedAt.getTime() === row.startedAt.getTime()))

  // API: an instant with an offset; the UTC date (the 9th) is not the lifter's date (the 10th).
  const api = await logWorkout(kiwi, {
    startedAt: '2026-01-09T11:30:00Z',
    title: 'Early',
    sets: [{ exerciseId: bench, reps: 1, weight: 60 }],
  })
  t.equal(api.localDate, '2026-01-10', '00:30 on the 10th in Auckland')

  const month = (await kiwi.api('GET', '/api/v1/calendar?month=2026-01')).json()
  t.equal(month.days.find((d: { date: string }) => d.date === '2026-01-10').workouts, 2)
  t.equal(month.days.find((d: { date: string }) => d.date === '2026-01-09').workouts, 0)
  const page = await kiwi.page('/calendar?month=2026-01')
  t.match(page.body, /has-workout[^"]*">\s*<a href="\/calendar\/2026-01-10"/)
  const day = await kiwi.page('/calendar/2026-01-10')
  t.match(day.body, /Late session/)
  t.match(day.body, /Early/)

  // Moving the workout keeps the sets in step and moves it on the calendar.
  const moved = await kiwi.api('PUT', `/api/v1/workouts/${id}`, {
    startedAt: '2026-01-20T06:00:00+13:00',
    sets: [{ exerciseId: bench, reps: 5, weight: 80 }],
  })
  t.equal(moved.json().localDate, '2026-01-20')
  const sets = await prisma.workoutSet.findMany({ where: { workoutId: id } })
  t.ok(sets.every((s) => s.startedAt.toISOString() === '2026-01-19T17:00:00.000Z'))
})

t.test(
  'a lb lifter enters 225 lb: kept as 225 lb (102.05828325 kg), shown 225 lb everywhere, stable on re-save',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const prisma = testPrisma(t, db.url)
    const { bench } = await catalog(prisma)
    const yank = await signUp(app, { unit: 'lb' })
    const res = await yank.form(
      '/workouts',
      workoutForm(
        { date: '2026-01-10', title: 'Heavy' },
        [1, 2, 3].map(() => ({ exerciseId: bench, reps: '5', weight: '225' })),
      ),
    )
    t.equal(res.statusCode, 303)
    const id = /\/workouts\/([0-9a-f-]{36})$/.exec(res.headers.location as string)?.[1] as string
    const stored = await prisma.workoutSet.findMany({ where: { workoutId: id } })
    t.same(
      stored.map((s) => s.weightKg.toString()),
      ['102.05828325', '102.05828325', '102.05828325'],
    )
    const detail = await yank.page(`/workouts/${id}`)
    t.match(detail.body, /3 × 5 @ 225 lb/)
    t.match(detail.body, /volume 3,375 lb/)
    const json = (await yank.api('GET', `/api/v1/workouts/${id}`)).json()
    t.equal(json.unit, 'lb')
    t.equal(json.sets[0].weight, 225)
    t.equal(json.sets[0].weightKg, 102.05828325)
    t.equal(json.sets[0].loggedWeight, 225)
    t.equal(json.sets[0].loggedUnit, 'lb')
    // The edit form shows 225 and saving it unchanged stores the same kilograms.
    const edit = await yank.page(`/workouts/${id}/edit`)
    t.match(edit.body, /name="sets\[0\]\[weight\]"[^>]*value="225"/)
    const again = await yank.form(
      `/workouts/${id}/edit`,
      workoutForm({ date: '2026-01-10', title: 'Heavy' }, [{ exerciseId: bench, reps: '5', weight: '225' }]),
    )
    t.equal(again.statusCode, 303)
    t.equal(
      (await prisma.workoutSet.findFirstOrThrow({ where: { workoutId: id } })).weightKg.toString(),
      '102.05828325',
    )
    // Switching to kg converts for display only (to 0.01 kg); the edit form keeps the set in lb.
    await prisma.user.update({ where: { id: yank.user.id }, data: { unit: 'kg' } })
    t.match((await yank.page(`/workouts/${id}`)).body, /1 × 5 @ 102\.06 kg/)
    const inKg = (await yank.page(`/workouts/${id}/edit`)).body
    t.match(inKg, /name="sets\[0\]\[weight\]"[^>]*value="225"/)
    t.match(inKg, /name="sets\[0\]\[unit\]"[^>]*value="lb"/)
  },
)

t.test('every write bumps data_version once, in the same transaction', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const version = async () =>
    (await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion
  const v0 = await version()
  const w = await logWorkout(lifter, { sets: [{ exerciseId: bench, reps: 5, weight: 50 }] })
  t.equal(await version(), v0 + 1, 'create')
  await lifter.api('PUT', `/api/v1/workouts/${w.id}`, { sets: [{ exerciseId: bench, reps: 6, weight: 50 }] })
  t.equal(await version(), v0 + 2, 'replace')
  await lifter.api('PUT', `/api/v1/workouts/${w.id}`, { sets: [{ exerciseId: bench, reps: -6, weight: 50 }] })
  t.equal(await version(), v0 + 2, 'a refused write does not bump')
  t.equal((await lifter.api('DELETE', `/api/v1/workouts/${w.id}`)).statusCode, 204)
  t.equal(await version(), v0 + 3, 'delete')
  t.equal(await prisma.workoutSet.count({ where: { workoutId: w.id } }), 0, 'sets went with it')
})

t.test('concurrent writes by one lifter apply one after the other; duplicate names never 500', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat } = await catalog(prisma)
  const lifter = await signUp(app)
  const w = await logWorkout(lifter, { sets: [{ exerciseId: bench, reps: 5, weight: 50 }] })
  const v0 = (await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion
  const bodies = Array.from({ length: 6 }, (_, i) => ({
    title: `Version ${i}`,
    sets: Array.from({ length: 3 + i }, (_, k) => ({
      exerciseId: k % 2 ? squat : bench,
      reps: i + 1,
      weight: 50 + k,
    })),
  }))
  const results = await Promise.all(bodies.map((b) => lifter.api('PUT', `/api/v1/workouts/${w.id}`, b)))
  t.same(
    results.map((r) => r.statusCode),
    bodies.map(() => 200),
  )
  const final = await prisma.workout.findUniqueOrThrow({
    where: { id: w.id },
    include: { sets: { orderBy: { position: 'asc' } } },
  })
  const winner = Number(final.title?.split(' ')[1])
  t.equal(final.sets.length, 3 + winner, 'the sets of exactly one of the writes')
  t.ok(final.sets.every((s, i) => s.position === i && s.reps === winner + 1))
  t.equal((await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion, v0 + 6)

  const names = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      lifter.api('POST', '/api/v1/exercises', {
        name: i % 2 ? 'Jefferson Curl' : 'jefferson curl',
        category: 'back',
        muscleGroup: 'lower back',
        equipment: 'barbell',
      }),
    ),
  )
  t.same(names.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409])
  t.equal(await prisma.exercise.count({ where: { ownerId: lifter.user.id } }), 1)
})

t.test('a save answers the workout exactly as it then reads back (POST and PUT)', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { unit: 'lb', timeZone: 'America/New_York' })
  const own = await lifter.api('POST', '/api/v1/exercises', {
    name: 'Tempo Squat',
    category: 'legs',
    muscleGroup: 'quads',
    equipment: 'barbell',
  })
  t.equal(own.statusCode, 201)
  const body = {
    startedAt: '2026-03-08T06:30:00Z',
    title: 'Mixed units',
    notes: 'DST night',
    sets: [
      { exerciseId: squat, reps: 5, weight: 135, isWarmup: true },
      { exerciseId: squat.toUpperCase(), reps: 3, weight: 61.25, unit: 'kg', rpe: 8.5 },
      { exerciseId: pullUp, reps: 8, weight: 0 },
      { exerciseId: own.json().id, reps: 2, weight: 187.75 },
      { exerciseId: bench, reps: 1, weight: 0.01, unit: 'kg' },
    ],
  }
  const created = await lifter.api('POST', '/api/v1/workouts', body)
  t.equal(created.statusCode, 201)
  const id = created.json().id
  t.same(created.json(), (await lifter.api('GET', `/api/v1/workouts/${id}`)).json(), 'POST answer = GET')
  t.same(
    created
      .json()
      .sets.map((s: { loggedWeight: number; loggedUnit: string }) => [s.loggedWeight, s.loggedUnit]),
    [
      [135, 'lb'],
      [61.25, 'kg'],
      [0, 'lb'],
      [187.75, 'lb'],
      [0.01, 'kg'],
    ],
  )
  const replaced = await lifter.api('PUT', `/api/v1/workouts/${id}`, {
    ...body,
    title: 'Edited',
    sets: body.sets.slice(1).reverse(),
  })
  t.equal(replaced.statusCode, 200)
  t.same(replaced.json(), (await lifter.api('GET', `/api/v1/workouts/${id}`)).json(), 'PUT answer = GET')
  t.equal(replaced.json().sets.length, 4)
})
