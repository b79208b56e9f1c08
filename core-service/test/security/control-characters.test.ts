// Control characters in text input: refused with a 400 naming the field on every route, before any query
// runs (PostgreSQL answers NUL in text with an error, which was a 500 logged with a stack trace).
// Line breaks and tabs stay allowed in notes, the one multi-line field.
import t from 'tap'
import { refusedCharacter } from '../../src/plugins/input-guard.ts'
import { multipart } from '../import/helpers.ts'
import { buildTestCore } from '../support/app.ts'
import { guestPost, signUp } from '../support/users.ts'
import { catalog, snapshot, testPrisma } from '../workouts/helpers.ts'

const NUL = '\u0000'

t.test('refusedCharacter: C0, DEL and C1 refused; tab and line breaks only where multi-line', async (t) => {
  t.equal(refusedCharacter('plain text, ünïcödé ✓', false), null)
  t.equal(refusedCharacter(`a${NUL}b`, false), 'U+0000')
  t.equal(refusedCharacter('a\u001bb', true), 'U+001B')
  t.equal(refusedCharacter('a\u007f', false), 'U+007F')
  t.equal(refusedCharacter('a\u0085', false), 'U+0085')
  t.equal(refusedCharacter('line one\nline\ttwo\r\n', true), null)
  t.equal(refusedCharacter('one\ntwo', false), 'U+000A')
})

t.test('NUL in any text field answers 400 naming the field, and changes nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const workout = await alice.api('POST', '/api/v1/workouts', {
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  const workoutId = workout.json().id as string
  const exercise = await alice.api('POST', '/api/v1/exercises', {
    name: 'Zercher Squat',
    category: 'legs',
    muscleGroup: 'quadriceps',
    equipment: 'barbell',
  })
  const exerciseId = exercise.json().id as string
  const before = await snapshot(prisma)

  const bad = `x${NUL}y`
  const set = { exerciseId: bench, reps: 5, weight: 100 }
  const cases: { name: string; field: string; send: () => ReturnType<typeof alice.api> }[] = [
    {
      name: 'POST /login',
      field: 'username',
      send: () => guestPost(app, '/login', { username: bad, password: 'x' }),
    },
    {
      name: 'POST /register',
      field: 'username',
      send: () =>
        guestPost(app, '/register', {
          username: bad,
          password: 'long enough pass',
          timeZone: 'UTC',
          unit: 'kg',
        }),
    },
    {
      name: 'POST /settings',
      field: 'displayName',
      send: () => alice.form('/settings', { displayName: bad, timeZone: 'UTC', unit: 'kg' }),
    },
    {
      name: 'POST /settings/password',
      field: 'currentPassword',
      send: () =>
        alice.form('/settings/password', { currentPassword: bad, newPassword: 'a new long passphrase' }),
    },
    {
      name: 'POST /settings/tokens',
      field: 'name',
      send: () => alice.form('/settings/tokens', { name: bad }),
    },
    {
      name: 'POST /settings/delete',
      field: 'password',
      send: () => alice.form('/settings/delete', { password: bad }),
    },
    {
      name: 'POST /exercises',
      field: 'name',
      send: () =>
        alice.form('/exercises', { name: bad, category: 'legs', muscleGroup: 'quads', equipment: 'barbell' }),
    },
    {
      name: 'POST /exercises/:id/rename',
      field: 'name',
      send: () => alice.form(`/exercises/${exerciseId}/rename`, { name: bad }),
    },
    {
      name: 'POST /workouts',
      field: 'title',
      send: () =>
        alice.form('/workouts', {
          title: bad,
          'sets[0][exerciseId]': bench,
          'sets[0][reps]': '5',
          'sets[0][weight]': '100',
        }),
    },
    {
      name: 'POST /workouts/:id/edit',
      field: 'notes',
      send: () =>
        alice.form(`/workouts/${workoutId}/edit`, {
          notes: bad,
          'sets[0][exerciseId]': bench,
          'sets[0][reps]': '5',
        }),
    },
    {
      name: 'GET /exercises?q=',
      field: 'q',
      send: () => alice.page(`/exercises?q=${encodeURIComponent(bad)}`),
    },
    { name: 'GET /workouts/:id', field: 'id', send: () => alice.page('/workouts/%00') },
    {
      name: 'PATCH /api/v1/me',
      field: 'displayName',
      send: () => alice.api('PATCH', '/api/v1/me', { displayName: bad }),
    },
    {
      name: 'POST /api/v1/me/password',
      field: 'currentPassword',
      send: () =>
        alice.api('POST', '/api/v1/me/password', {
          currentPassword: bad,
          newPassword: 'a new long passphrase',
        }),
    },
    {
      name: 'DELETE /api/v1/me',
      field: 'password',
      send: () => alice.api('DELETE', '/api/v1/me', { password: bad }),
    },
    {
      name: 'POST /api/v1/tokens',
      field: 'name',
      send: () => alice.api('POST', '/api/v1/tokens', { name: bad }),
    },
    {
      name: 'POST /api/v1/exercises',
      field: 'muscleGroup',
      send: () =>
        alice.api('POST', '/api/v1/exercises', {
          name: 'Ok',
          category: 'legs',
          muscleGroup: bad,
          equipment: 'barbell',
        }),
    },
    {
      name: 'PATCH /api/v1/exercises/:id',
      field: 'name',
      send: () => alice.api('PATCH', `/api/v1/exercises/${exerciseId}`, { name: bad }),
    },
    {
      name: 'POST /api/v1/workouts',
      field: 'title',
      send: () => alice.api('POST', '/api/v1/workouts', { title: bad, sets: [set] }),
    },
    {
      name: 'PUT /api/v1/workouts/:id',
      field: 'notes',
      send: () => alice.api('PUT', `/api/v1/workouts/${workoutId}`, { notes: bad, sets: [set] }),
    },
    {
      name: 'GET /api/v1/exercises?q=',
      field: 'q',
      send: () => alice.api('GET', `/api/v1/exercises?q=${encodeURIComponent(bad)}`),
    },
  ]
  for (const { name, field, send } of cases) {
    const res = await send()
    t.equal(res.statusCode, 400, `${name}: 400, not 500`)
    t.match(res.body, field, `${name}: the message names ${field}`)
    t.match(res.body, 'U+0000', `${name}: and the character`)
  }
  t.same(await snapshot(prisma), before, 'nothing was written')
})

t.test('a NUL in a JSON property name is refused too; notes keep their line breaks', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const alice = await signUp(app)
  const key = await alice.api('PATCH', '/api/v1/me', { [`display${NUL}Name`]: 'x' })
  t.equal(key.statusCode, 400)
  t.match(key.json().message, 'body/display?Name contains a control character (U+0000)')
  const notes = 'Felt strong.\n\tBar speed good.\r\nDone.'
  const saved = await alice.api('POST', '/api/v1/workouts', {
    notes,
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(saved.statusCode, 201)
  t.equal(saved.json().notes, notes)
  const titled = await alice.api('POST', '/api/v1/workouts', {
    title: 'Push\nday',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(titled.statusCode, 400, 'a title is one line')
  t.match(titled.json().message, 'body/title contains a control character (U+000A)')
})

t.test(
  'imports: control characters in a file are unreadable rows; in the choices, a 400 naming the field',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const prisma = testPrisma(t, db.url)
    const alice = await signUp(app)
    const csv = [
      'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Notes,Workout Notes',
      '2024-05-01 18:00:00,Push,Bench Press,1,100,5,,',
      '2024-05-01 18:00:00,Push,Bench\u0007Press,2,100,5,,',
      '2024-05-01 18:00:00,Push,Bench Press,3,100,5,"bell\u0007",',
      '2024-05-03 18:00:00,Pu\u001bll,Deadlift,1,140,5,,',
      '2024-05-05 18:00:00,Legs,Squat,1,120,5,"two\nlines",',
    ].join('\n')
    const body = await multipart({ name: 'strong.csv', content: csv })
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': body.contentType },
      payload: body.payload,
    })
    t.equal(res.statusCode, 201)
    const preview = res.json()
    t.same(preview.unreadable, [
      { line: 3, reason: 'the exercise name holds a control character (U+0007)' },
      { line: 4, reason: 'the note holds a control character (U+0007)' },
      { line: 5, reason: 'the workout title holds a control character (U+001B)' },
    ])
    t.equal(preview.workouts, 2, 'Push with its one good set, and Legs (a note may hold a line break)')
    t.equal(preview.sets, 2)
    const before = await snapshot(prisma)
    const refused = await alice.api('POST', `/api/v1/imports/${preview.id}/confirm`, {
      choices: {
        Squat: { create: { name: `Sq${NUL}uat`, muscleGroup: 'quadriceps', equipment: 'barbell' } },
      },
    })
    t.equal(refused.statusCode, 400)
    t.match(refused.json().message, /choices\/Squat\/create\/name contains a control character/)
    t.same(await snapshot(prisma), before, 'nothing written')
    const done = await alice.api('POST', `/api/v1/imports/${preview.id}/confirm`, {})
    t.same(done.json().imported, 2)
    const names = await prisma.exercise.findMany({
      where: { ownerId: alice.user.id },
      select: { name: true },
    })
    t.same(names, [], 'no exercise made from the bad name')
  },
)
