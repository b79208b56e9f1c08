// Every route that touches a lifter's data, tried by a second lifter on the first one's workout and
// exercise: 404 (never 403: no hint that it exists), and the database exactly as it was.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, snapshot, testPrisma, workoutForm } from './helpers.ts'

t.test("a second lifter gets 404 for every page and API route on the first lifter's data", async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const mallory = await signUp(app)
  const secretLift = await addExercise(alice, 'Secret Lift')
  const workout = await logWorkout(alice, {
    startedAt: '2026-01-10T10:00:00Z',
    title: 'Alice private session',
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: secretLift.id, reps: 3, weight: 80 },
    ],
  })
  const w = workout.id
  const e = secretLift.id
  const bodyWeight = await alice.api('PUT', '/api/v1/body-weights/2026-01-10', {
    weight: 61.25,
    note: 'Alice private session',
  })
  t.equal(bodyWeight.statusCode, 201)
  // Alice's workout in progress: one exercise, one ticked row, one planned.
  const live = (await alice.api('POST', '/api/v1/live-workouts')).json()
  const l = live.id
  const withBench = (
    await alice.api('POST', `/api/v1/live-workouts/${l}/exercises`, { exerciseId: bench })
  ).json()
  const entry = withBench.entries[0].id
  const row = withBench.entries[0].rows[0].id
  t.equal(
    (await alice.api('PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { reps: 5, weight: 100, done: true }))
      .statusCode,
    200,
  )
  // Alice's routine, with her custom exercise in it.
  const routine = await alice.api('POST', '/api/v1/routines', {
    name: 'Alice private session',
    exercises: [
      { exerciseId: bench, sets: 3, reps: 5, weight: 100 },
      { exerciseId: e, sets: 2, reps: 3 },
    ],
  })
  t.equal(routine.statusCode, 201)
  const r = routine.json().id
  const validRoutine = { name: 'hijacked', exercises: [{ exerciseId: bench, sets: 1, reps: 1 }] }
  const before = await snapshot(prisma)
  const validSets = [{ exerciseId: bench, reps: 1, weight: 1 }]
  const formFields = workoutForm({ date: '2026-01-11', title: 'hijacked' }, [
    { exerciseId: bench, reps: '1', weight: '1' },
  ])

  const pages: [string, string][] = [
    ['GET', `/workouts/${w}`],
    ['GET', `/workouts/${w}/edit`],
    ['GET', `/workouts/${l}`],
    ['GET', `/workouts/live/${l}/discard`],
    ['GET', `/workouts/new?repeat=${w}`],
    ['GET', `/exercises/${e}/edit`],
  ]
  for (const [, url] of pages) {
    const res = await mallory.page(url)
    t.equal(res.statusCode, 404, `GET ${url} → 404`)
    t.notMatch(res.body, /Alice private session|Secret Lift/, `GET ${url} shows nothing of Alice's`)
  }
  const forms: [string, Record<string, string>][] = [
    [`/workouts/${w}/edit`, formFields],
    [`/workouts/${w}/delete`, {}],
    [`/exercises/${e}/rename`, { name: 'Mine now' }],
    [`/exercises/${e}/archive`, { archived: 'true' }],
    [`/exercises/${e}/delete`, {}],
    ['/body-weight/2026-01-10/delete', {}],
    [`/workouts/live/${l}/exercises`, { exerciseId: bench }],
    [`/workouts/live/${l}/exercises/new`, { name: 'Mine now', category: 'legs', equipment: 'barbell' }],
    [`/workouts/live/${l}/entries/${entry}/rows`, {}],
    [`/workouts/live/${l}/entries/${entry}/copy-last`, {}],
    [`/workouts/live/${l}/rows/${row}`, { action: 'undo' }],
    [`/workouts/live/${l}/rows/${row}`, { action: 'remove' }],
    [`/workouts/live/${l}/finish`, {}],
    [`/workouts/live/${l}/discard`, {}],
  ]
  for (const [url, fields] of forms) {
    const res = await mallory.form(url, fields)
    t.equal(res.statusCode, 404, `POST ${url} → 404`)
  }
  const api: [method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, body?: unknown][] = [
    ['GET', `/api/v1/workouts/${w}`],
    ['PUT', `/api/v1/workouts/${w}`, { title: 'hijacked', sets: validSets }],
    ['DELETE', `/api/v1/workouts/${w}`],
    ['GET', `/api/v1/exercises/${e}`],
    ['PATCH', `/api/v1/exercises/${e}`, { name: 'Mine now' }],
    ['PATCH', `/api/v1/exercises/${e}`, { archived: true }],
    ['DELETE', `/api/v1/exercises/${e}`],
    ['GET', '/api/v1/body-weights/2026-01-10'],
    ['DELETE', '/api/v1/body-weights/2026-01-10'],
    ['GET', `/api/v1/workouts/${l}`],
    ['POST', `/api/v1/live-workouts/${l}/exercises`, { exerciseId: bench }],
    ['POST', `/api/v1/live-workouts/${l}/exercises/${entry}/rows`, {}],
    ['POST', `/api/v1/live-workouts/${l}/exercises/${entry}/copy-last`],
    ['PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { done: false }],
    ['PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { reps: 1 }],
    ['DELETE', `/api/v1/live-workouts/${l}/rows/${row}`],
    ['POST', `/api/v1/live-workouts/${l}/finish`, {}],
    ['DELETE', `/api/v1/live-workouts/${l}`],
    ['GET', `/api/v1/routines/${r}`],
    ['PUT', `/api/v1/routines/${r}`, validRoutine],
    ['DELETE', `/api/v1/routines/${r}`],
    ['POST', `/api/v1/routines/${r}/start`],
    ['POST', `/api/v1/workouts/${w}/routine`, {}],
    ['POST', `/api/v1/workouts/${l}/routine`, {}],
  ]
  for (const [method, url, body] of api) {
    const bearer = await mallory.api(method, url, body)
    t.equal(bearer.statusCode, 404, `${method} ${url} (token) → 404`)
    t.equal(bearer.json().code, 'NOT_FOUND')
    const cookie = await mallory.cookieApi(method, url, body)
    t.equal(cookie.statusCode, 404, `${method} ${url} (cookie) → 404`)
  }

  // Using Alice's custom exercise in Mallory's own workout: the same answer as a made-up id.
  for (const exerciseId of [e, '00000000-0000-4000-8000-000000000000']) {
    const res = await mallory.api('POST', '/api/v1/workouts', { sets: [{ exerciseId, reps: 5, weight: 50 }] })
    t.equal(res.statusCode, 400)
    t.equal(res.json().message, 'sets.0.exerciseId: unknown exercise')
    const form = await mallory.form(
      '/workouts',
      workoutForm({ date: '2026-01-12' }, [{ exerciseId, reps: '5', weight: '50' }]),
    )
    t.equal(form.statusCode, 400)
    t.match(form.body, /unknown exercise/)
  }

  // Nor in her own routine.
  for (const exerciseId of [e, '00000000-0000-4000-8000-000000000000']) {
    const res = await mallory.api('POST', '/api/v1/routines', {
      name: 'Mine',
      exercises: [{ exerciseId, sets: 3, reps: 5 }],
    })
    t.equal(res.statusCode, 400)
    t.equal(res.json().message, 'exercises.0.exerciseId: unknown exercise')
  }
  t.same((await mallory.api('GET', '/api/v1/routines')).json().routines, [], "Alice's routine is not listed")

  // Lists, search and the calendar show Mallory nothing of Alice's.
  t.equal((await mallory.api('GET', '/api/v1/workouts')).json().total, 0)
  t.notOk(
    (await mallory.api('GET', '/api/v1/exercises?includeArchived=true'))
      .json()
      .items.some((x: { id: string }) => x.id === e),
  )
  t.notMatch((await mallory.page('/exercises?q=secret')).body, /Secret Lift/)
  t.notMatch((await mallory.page('/workouts')).body, /Alice private session/)
  t.notMatch((await mallory.api('GET', '/api/v1/export/sets.csv')).body, /Alice private session|Secret Lift/)
  t.notMatch((await mallory.page('/calendar/2026-01-10')).body, /Alice private session/)
  t.notMatch((await mallory.page('/body-weight')).body, /Alice private session|61\.25/)
  t.same((await mallory.api('GET', '/api/v1/body-weights')).json().items, [])
  t.notMatch((await mallory.page('/calendar?month=2026-01')).body, /has-workout/)
  const month = (await mallory.api('GET', '/api/v1/calendar?month=2026-01')).json()
  t.equal(month.days.find((d: { date: string }) => d.date === '2026-01-10').workouts, 0)

  // Mallory's own live workout is hers alone: Alice's stays untouched, and neither sees the other's.
  const mine = await mallory.api('GET', '/api/v1/live-workouts/current')
  t.equal(mine.statusCode, 404, 'Mallory has no live workout')
  t.notMatch(
    (await mallory.page('/workouts/live')).body,
    /Bench Press|Alice/,
    "the live page shows none of Alice's",
  )
  t.notMatch((await mallory.page('/workouts')).body, /Workout in progress — resume/)

  t.same(await snapshot(prisma), before, 'the database is unchanged')
  // And Alice still sees all of it.
  t.equal((await alice.api('GET', `/api/v1/workouts/${w}`)).statusCode, 200)
  t.equal((await alice.page(`/exercises/${e}/edit`)).statusCode, 200)
  t.equal((await alice.api('GET', '/api/v1/body-weights/2026-01-10')).json().weight, 61.25)
})

t.test('guests are sent to log in (pages) or get 401 (API)', async (t) => {
  const { app } = await buildTestCore(t)
  const id = '00000000-0000-4000-8000-000000000000'
  for (const url of [
    '/workouts',
    '/workouts/new',
    `/workouts/${id}`,
    '/exercises',
    '/calendar',
    '/calendar/2026-01-01',
    '/body-weight',
    '/import',
    `/import/${id}`,
  ]) {
    const res = await app.inject({ url, headers: { accept: 'text/html' } })
    t.equal(res.statusCode, 303, `GET ${url}`)
    t.match(res.headers.location, /^\/login/)
  }
  for (const url of [
    '/api/v1/workouts',
    `/api/v1/workouts/${id}`,
    '/api/v1/exercises',
    '/api/v1/calendar',
    '/api/v1/body-weights',
    '/api/v1/body-weights/2026-01-01',
    `/api/v1/imports/${id}`,
  ]) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 401, `GET ${url}`)
    t.equal(res.json().code, 'UNAUTHENTICATED')
  }
})
