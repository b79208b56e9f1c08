// Bad input on every training form and API route: a 4xx with a message a person can act on, and the
// database exactly as it was (compared row by row before and after).
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, snapshot, testPrisma, workoutForm } from './helpers.ts'

const LONG = 'x'.repeat(100_000)
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

t.test('bad input is refused with a clear 4xx and changes nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  const squatVariant = await addExercise(lifter, 'Zercher Squat')
  const workout = await logWorkout(lifter, {
    startedAt: '2026-01-10T10:00:00Z',
    title: 'Original',
    sets: [{ exerciseId: squatVariant.id, reps: 5, weight: 100 }],
  })
  const before = await snapshot(prisma)
  const set = { exerciseId: bench, reps: 5, weight: 100 }
  const nextYear = `${new Date().getUTCFullYear() + 1}-01-01T10:00:00Z`

  const workoutBodies: [string, unknown, RegExp][] = [
    ['missing sets', { title: 'x' }, /sets is required/],
    ['no sets', { sets: [] }, /sets must not have fewer than 1 items/i],
    ['not an object', [1, 2], /body/],
    ['reps as text', { sets: [{ ...set, reps: 'five' }] }, /sets\/0\/reps must be integer/],
    ['negative reps', { sets: [{ ...set, reps: -1 }] }, /reps must be >= 0/],
    ['absurd reps', { sets: [{ ...set, reps: 100000 }] }, /reps must be <= 1000/],
    ['fractional reps', { sets: [{ ...set, reps: 2.5 }] }, /reps must be integer/],
    ['negative weight', { sets: [{ ...set, weight: -5 }] }, /weight must be >= 0/],
    ['absurd weight', { sets: [{ ...set, weight: 1e9 }] }, /weight must be <=/],
    ['RPE out of range', { sets: [{ ...set, rpe: 11 }] }, /rpe/],
    ['RPE off-step', { sets: [{ ...set, rpe: 7.3 }] }, /rpe/],
    ['title too long', { title: 'x'.repeat(121), sets: [set] }, /title/],
    ['notes very long', { notes: LONG, sets: [set] }, /notes/],
    [
      'unknown exercise',
      { sets: [{ ...set, exerciseId: UNKNOWN }] },
      /sets\.0\.exerciseId: unknown exercise/,
    ],
    [
      'malformed exercise id',
      { sets: [{ ...set, exerciseId: 'bench' }] },
      /exerciseId must match format "uuid"/,
    ],
    ['malformed date', { startedAt: 'yesterday', sets: [set] }, /startedAt must match format "date-time"/],
    ['impossible date', { startedAt: '2026-02-30T10:00:00Z', sets: [set] }, /startedAt/],
    ['future date', { startedAt: nextYear, sets: [set] }, /startedAt: cannot be after today/],
    [
      'ancient date',
      { startedAt: '1900-01-01T10:00:00Z', sets: [set] },
      /startedAt: must be after 1970-01-01/,
    ],
    [
      'no load on a barbell lift',
      { sets: [{ ...set, weight: 0 }] },
      /sets\.0\.weight: must be more than 0 for this exercise/,
    ],
    [
      'too many sets',
      { sets: Array.from({ length: 201 }, () => set) },
      /sets must not have more than 200 items/i,
    ],
  ]
  for (const [what, body, message] of workoutBodies) {
    for (const [method, url] of [
      ['POST', '/api/v1/workouts'],
      ['PUT', `/api/v1/workouts/${workout.id}`],
    ] as const) {
      const res = await lifter.api(method, url, body)
      t.equal(res.statusCode, 400, `${method} ${url}: ${what} → 400`)
      t.match(res.json().message, message, `${method}: ${what} says why`)
    }
  }
  t.same(await snapshot(prisma), before, 'refused workout writes changed nothing')

  const baseline = await snapshot(prisma)
  // Invalid JSON on every JSON write route.
  for (const [method, url] of [
    ['POST', '/api/v1/workouts'],
    ['PUT', `/api/v1/workouts/${workout.id}`],
    ['POST', '/api/v1/exercises'],
    ['PATCH', `/api/v1/exercises/${squatVariant.id}`],
    ['PUT', '/api/v1/body-weights/2026-01-10'],
  ] as const) {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${lifter.token}`, 'content-type': 'application/json' },
      payload: '{"sets": [',
    })
    t.equal(res.statusCode, 400, `${method} ${url}: invalid JSON → 400`)
    t.match(res.json().message, /not valid JSON/)
  }

  // Bad ids and queries.
  const queries: [string, RegExp][] = [
    ['/api/v1/workouts/not-a-uuid', /params\/id must match format "uuid"/],
    ['/api/v1/workouts?page=0', /page must be >= 1/],
    ['/api/v1/workouts?perPage=1000', /perPage must be <= 100/],
    ['/api/v1/workouts?date=garbage', /date must match format "date"/],
    ['/api/v1/exercises?equipment=spoon', /equipment/],
    [`/api/v1/exercises?q=${'x'.repeat(81)}`, /q must not have more than 80 characters/i],
    ['/api/v1/calendar?month=2026-13', /month must match pattern/],
    ['/api/v1/calendar?month=0000-01', /month must match pattern/],
    ['/api/v1/exercises/not-a-uuid', /params\/id must match format "uuid"/],
    ['/api/v1/body-weights?from=2026-13-01', /from must match format "date"/],
    ['/api/v1/body-weights?from=2026-02-01&to=2026-01-01', /from \(2026-02-01\) is after to/],
    ['/api/v1/body-weights/yesterday', /params\/date must match format "date"/],
  ]
  for (const [url, message] of queries) {
    const res = await lifter.api('GET', url)
    t.equal(res.statusCode, 400, `GET ${url} → 400`)
    t.match(res.json().message, message)
  }

  // Exercises API.
  const exerciseBodies: [string, 'POST' | 'PATCH', string, unknown, number, RegExp][] = [
    [
      'missing name',
      'POST',
      '/api/v1/exercises',
      { category: 'legs', muscleGroup: 'quads', equipment: 'barbell' },
      400,
      /name is required/,
    ],
    [
      'blank name',
      'POST',
      '/api/v1/exercises',
      { name: '   ', category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      400,
      /name/,
    ],
    [
      'long name',
      'POST',
      '/api/v1/exercises',
      { name: LONG, category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      400,
      /name must not have more than 80/i,
    ],
    [
      'bad equipment',
      'POST',
      '/api/v1/exercises',
      { name: 'A', category: 'legs', muscleGroup: 'q', equipment: 'spoon' },
      400,
      /equipment/,
    ],
    [
      'wrong type',
      'POST',
      '/api/v1/exercises',
      { name: 'A', category: 'legs', muscleGroup: 'q', equipment: 'barbell', isBodyweight: 'maybe' },
      400,
      /isBodyweight must be boolean/,
    ],
    [
      'own name, other case',
      'POST',
      '/api/v1/exercises',
      { name: 'zercher SQUAT', category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      409,
      /you already have an exercise called "Zercher Squat"/,
    ],
    [
      'built-in name',
      'POST',
      '/api/v1/exercises',
      { name: 'bench press', category: 'chest', muscleGroup: 'chest', equipment: 'barbell' },
      409,
      /"Bench Press" is already in the built-in catalog/,
    ],
    [
      'empty change',
      'PATCH',
      `/api/v1/exercises/${squatVariant.id}`,
      {},
      400,
      /must not have fewer than 1 properties/i,
    ],
    [
      'rename to built-in',
      'PATCH',
      `/api/v1/exercises/${squatVariant.id}`,
      { name: 'SQUAT' },
      409,
      /built-in catalog/,
    ],
    ['rename too long', 'PATCH', `/api/v1/exercises/${squatVariant.id}`, { name: LONG }, 400, /name/],
    [
      'archive as text',
      'PATCH',
      `/api/v1/exercises/${squatVariant.id}`,
      { archived: 'sure' },
      400,
      /archived must be boolean/,
    ],
    [
      'change a built-in',
      'PATCH',
      `/api/v1/exercises/${bench}`,
      { name: 'My Bench' },
      403,
      /built-in exercises cannot be renamed/,
    ],
  ]
  for (const [what, method, url, body, status, message] of exerciseBodies) {
    const res = await lifter.api(method, url, body)
    t.equal(res.statusCode, status, `${method} ${url}: ${what} → ${status}`)
    t.match(res.json().message, message, `${what} says why`)
  }
  for (const [url, status, message] of [
    [`/api/v1/exercises/${squatVariant.id}`, 409, /used in 1 logged set; archive it instead/],
    [`/api/v1/exercises/${bench}`, 403, /built-in/],
  ] as const) {
    const res = await lifter.api('DELETE', url)
    t.equal(res.statusCode, status, `DELETE ${url} → ${status}`)
    t.match(res.json().message, message)
  }

  // Body weight (this lifter's unit is kg, zone Europe/Ljubljana).
  const bodyWeights: [string, string, unknown, RegExp][] = [
    ['no weight', '2026-01-11', {}, /weight is required/],
    ['weight as text', '2026-01-11', { weight: 'eighty' }, /weight must be number/],
    ['too light', '2026-01-11', { weight: 19.99 }, /weight must be >= 20/],
    ['too heavy', '2026-01-11', { weight: 500.01 }, /weight: must be a number from 20 to 500 kg/],
    ['three decimals', '2026-01-11', { weight: 80.001 }, /weight: must have at most 2 decimals/],
    ['note very long', '2026-01-11', { weight: 80, note: LONG }, /note must not have more than 500/i],
    ['future date', nextYear.slice(0, 10), { weight: 80 }, /date: cannot be after today/],
    ['impossible date', '2026-02-30', { weight: 80 }, /params\/date must match format "date"/],
  ]
  for (const [what, date, body, message] of bodyWeights) {
    const res = await lifter.api('PUT', `/api/v1/body-weights/${date}`, body)
    t.equal(res.statusCode, 400, `PUT /api/v1/body-weights/${date}: ${what} → 400`)
    t.match(res.json().message, message, `${what} says why`)
  }

  // Forms: the page comes back (4xx) with the input kept and each message next to its field.
  const good = { exerciseId: bench, reps: '5', weight: '100' }
  const forms: [string, Record<string, string>, RegExp, RegExp][] = [
    [
      'reps as text',
      workoutForm({ date: '2026-01-12' }, [{ ...good, reps: 'five' }]),
      /id="set-0-reps-error">must be a whole number/,
      /value="five"/,
    ],
    [
      'negative weight',
      workoutForm({ date: '2026-01-12' }, [{ ...good, weight: '-5' }]),
      /id="set-0-weight-error">must be a number from 0 to/,
      /value="-5"/,
    ],
    [
      'absurd weight',
      workoutForm({ date: '2026-01-12' }, [{ ...good, weight: '99999' }]),
      /set-0-weight-error/,
      /value="99999"/,
    ],
    [
      'RPE 11',
      workoutForm({ date: '2026-01-12' }, [{ ...good, rpe: '11' }]),
      /id="set-0-rpe-error">must be 6 to 10 in steps of 0.5/,
      /value="11"/,
    ],
    [
      'no exercise',
      workoutForm({ date: '2026-01-12' }, [{ ...good, exerciseId: '' }]),
      /id="set-0-exerciseId-error">choose an exercise/,
      /value="100"/,
    ],
    [
      'unknown exercise',
      workoutForm({ date: '2026-01-12' }, [{ ...good, exerciseId: UNKNOWN }]),
      /id="set-0-exerciseId-error">unknown exercise/,
      /value="100"/,
    ],
    [
      'second row wrong',
      workoutForm({ date: '2026-01-12' }, [good, { ...good, reps: '-1' }]),
      /id="set-1-reps-error"/,
      /value="-1"/,
    ],
    [
      'malformed date',
      workoutForm({ date: '2026-02-30', title: 'Kept' }, [good]),
      /id="startedAt-error">is not a valid date and time/,
      /value="Kept"/,
    ],
    [
      'future date',
      workoutForm({ date: `${new Date().getUTCFullYear() + 1}-01-01` }, [good]),
      /startedAt-error">cannot be after today/,
      /value="100"/,
    ],
    [
      'long title',
      workoutForm({ date: '2026-01-12', title: 'T'.repeat(200) }, [good]),
      /id="title-error">must be at most 120 characters/,
      /TTTT/,
    ],
    [
      'no sets',
      workoutForm({ date: '2026-01-12', title: 'Empty' }, []),
      /id="sets-error">add at least one set/,
      /value="Empty"/,
    ],
    [
      'bodyweight-only load on bench',
      workoutForm({ date: '2026-01-12' }, [{ ...good, weight: '' }]),
      /must be more than 0 for this exercise/,
      /set-0-weight/,
    ],
  ]
  for (const [what, fields, message, kept] of forms) {
    for (const url of ['/workouts', `/workouts/${workout.id}/edit`]) {
      const res = await lifter.form(url, fields)
      t.equal(res.statusCode, 400, `POST ${url}: ${what} → 400`)
      t.match(res.body, message, `${what}: message next to the field`)
      t.match(res.body, kept, `${what}: input kept`)
      t.match(res.body, /Nothing was saved/)
    }
  }
  for (const [what, fields, message] of [
    ['weight as text', { date: '2026-01-12', weight: 'eighty' }, /id="weight-error">must be a number/],
    [
      'too heavy',
      { date: '2026-01-12', weight: '501' },
      /id="weight-error">must be a number from 20 to 500 kg/,
    ],
    ['future date', { date: nextYear.slice(0, 10), weight: '80' }, /id="date-error">cannot be after today/],
  ] as const) {
    const res = await lifter.form('/body-weight', fields)
    t.equal(res.statusCode, 400, `POST /body-weight: ${what} → 400`)
    t.match(res.body, message)
    t.match(res.body, /Nothing was saved/)
  }
  t.equal((await lifter.form('/body-weight', { date: '2026-01-12', note: LONG })).statusCode, 400)
  // A body the form could never send (a field far too long) gets the error page, not a 500.
  const huge = await lifter.form('/workouts', { date: '2026-01-12', notes: LONG })
  t.equal(huge.statusCode, 400)

  const exerciseForms: [string, Record<string, string>, number, RegExp][] = [
    [
      '/exercises',
      { name: '', category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      400,
      /id="name-error">enter a name/,
    ],
    [
      '/exercises',
      { name: 'New', category: 'nope', muscleGroup: '', equipment: 'spoon' },
      400,
      /id="category-error">choose a body region[\s\S]*muscleGroup-error[\s\S]*equipment-error/,
    ],
    [
      '/exercises',
      { name: 'n'.repeat(81), category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      400,
      /use at most 80 characters/,
    ],
    [
      '/exercises',
      { name: 'BENCH PRESS', category: 'chest', muscleGroup: 'chest', equipment: 'barbell' },
      409,
      /id="name-error">&quot;Bench Press&quot; is already in the built-in catalog/,
    ],
    [
      '/exercises',
      { name: 'zercher squat', category: 'legs', muscleGroup: 'q', equipment: 'barbell' },
      409,
      /you already have an exercise called/,
    ],
    [`/exercises/${squatVariant.id}/rename`, { name: '' }, 400, /id="name-error">enter a name/],
    [`/exercises/${squatVariant.id}/rename`, { name: 'Deadlift' }, 409, /already in the built-in catalog/],
    [`/exercises/${squatVariant.id}/delete`, {}, 409, /used in 1 logged set; archive it instead/],
  ]
  for (const [url, fields, status, message] of exerciseForms) {
    const res = await lifter.form(url, fields)
    t.equal(res.statusCode, status, `POST ${url} → ${status}`)
    t.match(res.body, message)
  }
  for (const url of [
    '/exercises/not-an-id/edit',
    '/workouts/not-an-id',
    '/calendar/2026-02-30',
    '/calendar/yesterday',
  ]) {
    t.equal((await lifter.page(url)).statusCode, 404, `GET ${url} → 404`)
  }
  // A mistyped month on the page shows the current month rather than an error.
  t.equal((await lifter.page('/calendar?month=2026-13')).statusCode, 200)

  t.same(await snapshot(prisma), baseline, 'the database is unchanged')
})

t.test('live workout routes refuse bad input with a clear 4xx and change nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const l = (await lifter.api('POST', '/api/v1/live-workouts')).json().id
  const added = (
    await lifter.api('POST', `/api/v1/live-workouts/${l}/exercises`, { exerciseId: bench })
  ).json()
  const entry = added.entries[0].id
  const row = added.entries[0].rows[0].id
  const before = await snapshot(prisma)

  const cases: [string, 'POST' | 'PATCH' | 'DELETE', string, unknown, number, RegExp][] = [
    ['no exercise', 'POST', `/api/v1/live-workouts/${l}/exercises`, {}, 400, /exerciseId/],
    [
      'malformed exercise',
      'POST',
      `/api/v1/live-workouts/${l}/exercises`,
      { exerciseId: 'bench' },
      400,
      /uuid/,
    ],
    [
      'unknown exercise',
      'POST',
      `/api/v1/live-workouts/${l}/exercises`,
      { exerciseId: UNKNOWN },
      400,
      /exerciseId: unknown exercise/,
    ],
    [
      'copyLast as text',
      'POST',
      `/api/v1/live-workouts/${l}/exercises`,
      { exerciseId: bench, copyLast: 'yes' },
      400,
      /copyLast/,
    ],
    ['unknown field', 'POST', `/api/v1/live-workouts/${l}/exercises/${entry}/rows`, { sets: 3 }, 400, /sets/],
    [
      'negative reps',
      'POST',
      `/api/v1/live-workouts/${l}/exercises/${entry}/rows`,
      { reps: -1 },
      400,
      /reps/,
    ],
    ['reps as text', 'PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { reps: 'five' }, 400, /reps/],
    ['fractional reps', 'PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { reps: 2.5 }, 400, /reps/],
    ['absurd weight', 'PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { weight: 1e9 }, 400, /weight/],
    [
      'over the kg limit',
      'PATCH',
      `/api/v1/live-workouts/${l}/rows/${row}`,
      { weight: 2500, unit: 'kg' },
      400,
      /weight: must be a number from 0 to 2000 kg/,
    ],
    [
      'three decimals',
      'PATCH',
      `/api/v1/live-workouts/${l}/rows/${row}`,
      { weight: 2.555 },
      400,
      /weight: must have at most 2 decimals/,
    ],
    ['unknown unit', 'PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { unit: 'st' }, 400, /unit/],
    ['done as text', 'PATCH', `/api/v1/live-workouts/${l}/rows/${row}`, { done: 'yes' }, 400, /done/],
    [
      'ticked with no reps',
      'PATCH',
      `/api/v1/live-workouts/${l}/rows/${row}`,
      { done: true },
      409,
      /type the reps before ticking/,
    ],
    [
      'ticked with no load on a barbell lift',
      'PATCH',
      `/api/v1/live-workouts/${l}/rows/${row}`,
      { reps: 5, weight: 0, done: true },
      400,
      /weight: must be more than 0 for this exercise/,
    ],
    ['unknown row', 'PATCH', `/api/v1/live-workouts/${l}/rows/${UNKNOWN}`, { done: true }, 404, /not found/],
    ['malformed row id', 'DELETE', `/api/v1/live-workouts/${l}/rows/row-1`, undefined, 400, /rowId/],
    ['unknown entry', 'POST', `/api/v1/live-workouts/${l}/exercises/${UNKNOWN}/rows`, {}, 404, /not found/],
    ['malformed workout id', 'POST', '/api/v1/live-workouts/live/finish', {}, 400, /id/],
    [
      'unknown workout',
      'DELETE',
      `/api/v1/live-workouts/${UNKNOWN}`,
      undefined,
      404,
      /live workout not found/,
    ],
    ['title too long', 'POST', `/api/v1/live-workouts/${l}/finish`, { title: 'x'.repeat(121) }, 400, /title/],
    ['notes very long', 'POST', `/api/v1/live-workouts/${l}/finish`, { notes: LONG }, 400, /notes/],
    [
      'finish with nothing ticked',
      'POST',
      `/api/v1/live-workouts/${l}/finish`,
      {},
      409,
      /tick at least one set/,
    ],
  ]
  for (const [what, method, url, body, status, message] of cases) {
    const res = await lifter.api(method, url, body)
    t.equal(res.statusCode, status, `${method} ${url}: ${what} → ${status}`)
    t.match(res.json().message, message, `${what} says why`)
  }
  t.same(await snapshot(prisma), before, 'refused live API writes changed nothing')

  // The forms come back to the page with the reason (never an error page), and save nothing either.
  for (const fields of <Record<string, string>[]>[
    { action: 'done', reps: 'lots' },
    { action: 'done', reps: '5', weight: '1e3' },
    { action: 'done', reps: '5', weight: '0' },
    { action: 'keep', weight: '-5' },
  ]) {
    const res = await lifter.form(`/workouts/live/${l}/rows/${row}`, fields)
    t.equal(res.statusCode, 303, `row form ${JSON.stringify(fields)} → back to the page`)
    t.equal(res.headers.location, '/workouts/live#exercise-1')
    t.match((await lifter.page('/workouts/live')).body, /Not saved — (reps|weight): /)
  }
  const unknown = await lifter.form(`/workouts/live/${l}/exercises`, { exerciseId: UNKNOWN })
  t.equal(unknown.headers.location, '/workouts/live#add-exercise')
  t.equal((await lifter.form(`/workouts/live/${l}/rows/not-a-row`, { action: 'done' })).statusCode, 404)
  t.equal((await lifter.form('/workouts/live/not-a-workout/finish')).statusCode, 404)
  t.same(await snapshot(prisma), before, 'refused live forms changed nothing')
})

t.test('routine routes refuse bad input with a clear 4xx and change nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app)
  const r = (
    await lifter.api('POST', '/api/v1/routines', {
      name: 'Push',
      exercises: [{ exerciseId: bench, sets: 3, reps: 5, weight: 100 }],
    })
  ).json().id
  const live = (await lifter.api('POST', '/api/v1/live-workouts')).json().id
  const before = await snapshot(prisma)
  const one = (extra: Record<string, unknown>) => ({
    name: 'Push',
    exercises: [{ exerciseId: bench, sets: 3, reps: 5, ...extra }],
  })

  const cases: [string, 'POST' | 'PUT' | 'DELETE' | 'GET', string, unknown, number, RegExp][] = [
    ['no body', 'POST', '/api/v1/routines', undefined, 400, /body|name/],
    ['no name', 'POST', '/api/v1/routines', { exercises: one({}).exercises }, 400, /name/],
    ['name too long', 'POST', '/api/v1/routines', { ...one({}), name: 'x'.repeat(121) }, 400, /name/],
    ['no exercises', 'POST', '/api/v1/routines', { name: 'Push', exercises: [] }, 400, /exercises/],
    ['unknown field', 'POST', '/api/v1/routines', { ...one({}), share: true }, 400, /share/],
    ['malformed exercise', 'POST', '/api/v1/routines', one({ exerciseId: 'bench' }), 400, /uuid|exerciseId/],
    ['unknown exercise', 'POST', '/api/v1/routines', one({ exerciseId: UNKNOWN }), 400, /unknown exercise/],
    ['zero sets', 'POST', '/api/v1/routines', one({ sets: 0 }), 400, /sets/],
    ['too many sets', 'POST', '/api/v1/routines', one({ sets: 31 }), 400, /sets/],
    ['reps as text', 'POST', '/api/v1/routines', one({ reps: 'five' }), 400, /reps/],
    ['negative weight', 'PUT', `/api/v1/routines/${r}`, one({ weight: -1 }), 400, /weight/],
    [
      'over the kg limit',
      'PUT',
      `/api/v1/routines/${r}`,
      one({ weight: 2500, unit: 'kg' }),
      400,
      /weight: must be a number from 0 to 2000 kg/,
    ],
    [
      'three decimals',
      'PUT',
      `/api/v1/routines/${r}`,
      one({ weight: 2.555 }),
      400,
      /weight: must have at most 2 decimals/,
    ],
    ['unknown unit', 'PUT', `/api/v1/routines/${r}`, one({ unit: 'st' }), 400, /unit/],
    ['negative rest', 'PUT', `/api/v1/routines/${r}`, one({ restSeconds: -5 }), 400, /restSeconds/],
    ['rest of a day', 'PUT', `/api/v1/routines/${r}`, one({ restSeconds: 86400 }), 400, /restSeconds/],
    ['malformed id', 'GET', '/api/v1/routines/push', undefined, 400, /id/],
    ['unknown routine', 'PUT', `/api/v1/routines/${UNKNOWN}`, one({}), 404, /routine not found/],
    ['unknown routine', 'DELETE', `/api/v1/routines/${UNKNOWN}`, undefined, 404, /routine not found/],
    ['unknown routine', 'POST', `/api/v1/routines/${UNKNOWN}/start`, undefined, 404, /routine not found/],
    ['a workout already live', 'POST', `/api/v1/routines/${r}/start`, undefined, 409, /in progress/],
    ['unknown workout', 'POST', `/api/v1/workouts/${UNKNOWN}/routine`, {}, 404, /not found/],
    ['a live workout', 'POST', `/api/v1/workouts/${live}/routine`, {}, 404, /not found/],
    ['name as a number', 'POST', `/api/v1/workouts/${live}/routine`, { name: 5 }, 400, /name/],
  ]
  for (const [what, method, url, body, status, message] of cases) {
    const res = await lifter.api(method, url, body)
    t.equal(res.statusCode, status, `${method} ${url}: ${what} → ${status}`)
    t.match(res.json().message, message, `${what} says why`)
  }
  t.same(await snapshot(prisma), before, 'refused routine API writes changed nothing')
})
