// Every page core-service renders, as a guest and as a lifter with data, checked by a real HTML validator
// (html-validate with its recommended rules): what browsers and assistive technology get is valid HTML.
import { readFileSync } from 'node:fs'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { formatterFactory, HtmlValidate, type Message } from 'html-validate'
import t, { type Test } from 'tap'
import { fixture, multipart } from '../import/helpers.ts'
import { startFakeStats } from '../stats/fake-stats.ts'
import { buildTestCore } from '../support/app.ts'
import { guestPost, type SignedInUser, signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, testPrisma, workoutForm } from '../workouts/helpers.ts'

const validator = new HtmlValidate({
  // recommended, plus the rules for whole documents: every field labelled, headings in order, ids that
  // aria-describedby and label[for] point at exist.
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // Purely stylistic: lower-case <!doctype html> is what the HTML standard itself writes.
    'doctype-style': 'off',
    // Purely stylistic: blank lines left where a Handlebars block rendered nothing; browsers ignore them.
    'no-trailing-whitespace': 'off',
    // Redundant, not wrong: labels wrapping their checkbox also say for=, which speech-input software pairs by.
    'no-redundant-for': 'off',
    // Subresource integrity guards files from other origins; every script and stylesheet here is our own.
    'require-sri': ['error', { target: 'crossorigin' }],
  },
})
const stylish = formatterFactory('stylish')

type Page = { statusCode: number; body: string }

/** Validates one rendered page: zero findings, and on failure every finding printed with its source line. */
async function checkPage(t: Test, name: string, pending: Page | Promise<Page>, status = 200) {
  const res = await pending
  t.equal(res.statusCode, status, `${name}: status ${res.statusCode}`)
  t.match(res.body, /^<!doctype html>/, `${name}: a full document`)
  const report = await validator.validateString(res.body, name)
  const findings = report.results.flatMap((r) => r.messages)
  const lines = res.body.split('\n')
  const describe = (m: Message) =>
    `${m.ruleId} at ${m.line}:${m.column}: ${m.message} | ${lines[m.line - 1]?.trim()}`
  t.same(findings.map(describe), [], `${name}: valid HTML`)
  if (!report.valid) t.comment(stylish(report.results))
}

const guestPage = (app: FastifyInstance, url: string) => app.inject({ url, headers: { accept: 'text/html' } })

/** A lifter with a custom exercise, a workout with sets across three exercises, and an API token. */
async function lifterWithData(t: Test, app: FastifyInstance, dbUrl: string) {
  const prisma = testPrisma(t, dbUrl)
  const { bench, pullUp } = await catalog(prisma)
  const lifter: SignedInUser = await signUp(app, { timeZone: 'Europe/Ljubljana' }) // signUp makes a token
  const own = await addExercise(lifter, 'Pin Squat')
  const workout = await logWorkout(lifter, {
    startedAt: '2026-01-05T10:00:00Z',
    title: 'Heavy day',
    notes: 'Felt strong <really> & "fast"\nsecond line',
    sets: [
      { exerciseId: bench, reps: 8, weight: 40, isWarmup: true },
      { exerciseId: bench, reps: 5, weight: 80, rpe: 8 },
      { exerciseId: pullUp, reps: 8, weight: 0 },
      { exerciseId: own.id, reps: 3, weight: 120, rpe: 9.5 },
    ],
  })
  // Two body-weight entries, one typed in lb, so the page lists and charts them.
  await lifter.api('PUT', '/api/v1/body-weights/2026-01-04', {
    weight: 81.35,
    note: 'after <breakfast> & "coffee"',
  })
  await lifter.api('PATCH', '/api/v1/me', { unit: 'lb' })
  await lifter.api('PUT', '/api/v1/body-weights/2026-01-05', { weight: 179.4 })
  await lifter.api('PATCH', '/api/v1/me', { unit: 'kg' })
  const routine = (
    await lifter.api('POST', '/api/v1/routines', {
      name: 'Push <day> & "more"',
      exercises: [
        { exerciseId: bench, sets: 3, reps: 5, weight: 80, restSeconds: 120 },
        { exerciseId: own.id, sets: 2, reps: 3 },
      ],
    })
  ).json()
  return { lifter, own, workout, bench, routine }
}

t.test('guest pages are valid HTML', async (t) => {
  const { app } = await buildTestCore(t)
  await checkPage(t, 'home', guestPage(app, '/'))
  await checkPage(t, 'home after account deletion', guestPage(app, '/?deleted=1'))
  await checkPage(t, 'login', guestPage(app, '/login'))
  await checkPage(t, 'login with next', guestPage(app, '/login?next=%2Fworkouts'))
  await checkPage(t, 'register', guestPage(app, '/register'))
  await checkPage(t, '404', guestPage(app, '/no-such-page'), 404)
  await checkPage(
    t,
    'login with a wrong password',
    guestPost(app, '/login', { username: 'nobody_here', password: 'wrong password' }),
    401,
  )
  await checkPage(
    t,
    'register with errors',
    guestPost(app, '/register', {
      username: 'x',
      password: 'short',
      displayName: '',
      timeZone: 'Not/AZone',
      unit: 'stone',
    }),
    400,
  )
})

t.test(
  'the refusal pages (rate limit tripped, form without a valid CSRF token) are valid HTML',
  async (t) => {
    const { app } = await buildTestCore(t)
    let tripped: LightMyRequestResponse | undefined
    for (let i = 0; i < 12 && tripped?.statusCode !== 429; i++)
      tripped = await guestPost(app, '/login', { username: 'target_user', password: `guess ${i}` })
    await checkPage(t, 'login rate limit tripped', tripped!, 429)
    const lifter = await signUp(app)
    await checkPage(
      t,
      'form with a stale CSRF token',
      lifter.form('/settings', { _csrf: 'stale', displayName: 'x' }),
      403,
    )
  },
)

t.test('a signed-in lifter’s pages are valid HTML (stats down: the unavailable panels)', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { lifter, own, workout, bench, routine } = await lifterWithData(t, app, db.url)
  const pages: [string, Promise<Page>, number?][] = [
    ['routines', lifter.page('/routines')],
    ['new routine', lifter.page('/routines/new')],
    ['edit routine', lifter.page(`/routines/${routine.id}/edit`)],
    [
      'routine form refused',
      lifter.form('/routines', { name: '', 'exerciseId.0': bench, 'sets.0': 'x', 'reps.0': '5' }),
      400,
    ],
    ['home', lifter.page('/')],
    ['settings', lifter.page('/settings')],
    ['workouts list', lifter.page('/workouts')],
    ['new workout', lifter.page('/workouts/new')],
    ['repeat workout', lifter.page(`/workouts/new?repeat=${workout.id}`)],
    ['workout detail', lifter.page(`/workouts/${workout.id}`)],
    ['edit workout', lifter.page(`/workouts/${workout.id}/edit`)],
    ['exercises', lifter.page('/exercises')],
    ['how LiftLog counts', lifter.page('/how-liftlog-counts')],
    ['exercises filtered', lifter.page('/exercises?q=press&muscleGroup=chest&equipment=barbell&archived=on')],
    ['exercises, nothing found', lifter.page('/exercises?q=zzzzzz')],
    ['edit exercise', lifter.page(`/exercises/${own.id}/edit`)],
    ['calendar this month', lifter.page('/calendar')],
    ['calendar month with a workout', lifter.page('/calendar?month=2026-01')],
    ['calendar day with a workout', lifter.page('/calendar/2026-01-05')],
    ['calendar empty day', lifter.page('/calendar/2026-01-06')],
    ['progress dashboard', lifter.page('/progress')],
    ['progress of an exercise', lifter.page(`/progress/exercises/${bench}`)],
    ['body weight, trend unavailable', lifter.page('/body-weight')],
    ['relative strength, stats down', lifter.page(`/progress/exercises/${bench}/relative`)],
    ['404 signed in', lifter.page('/no-such-page'), 404],
    ['404 for a missing workout', lifter.page('/workouts/00000000-0000-4000-8000-000000000000'), 404],
    ['400 error page', lifter.page('/workouts?page=0'), 400],
  ]
  for (const [name, pending, status] of pages) await checkPage(t, name, pending, status)

  const forms: [string, Promise<Page>, number][] = [
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
    [
      'edited workout with errors',
      lifter.form(
        `/workouts/${workout.id}/edit`,
        workoutForm({ date: '2026-01-05' }, [{ exerciseId: bench, reps: '', weight: '-5' }]),
      ),
      400,
    ],
    [
      'exercise with errors',
      lifter.form('/exercises', { name: '', category: 'x', muscleGroup: '', equipment: 'x' }),
      400,
    ],
    [
      'exercise with a duplicate name',
      lifter.form('/exercises', {
        name: 'Pin Squat',
        category: 'legs',
        muscleGroup: 'quadriceps',
        equipment: 'barbell',
      }),
      409,
    ],
    ['rename with errors', lifter.form(`/exercises/${own.id}/rename`, { name: '' }), 400],
    ['delete an exercise in use', lifter.form(`/exercises/${own.id}/delete`), 409],
    [
      'settings with errors',
      lifter.form('/settings', { displayName: '', timeZone: 'Mars/Base', unit: 'stone' }),
      400,
    ],
    [
      'password change with errors',
      lifter.form('/settings/password', { currentPassword: 'wrong', newPassword: 'x' }),
      400,
    ],
    [
      'account deletion with a wrong password',
      lifter.form('/settings/delete', { password: 'wrong password' }),
      403,
    ],
    ['token with errors', lifter.form('/settings/tokens', { name: '   ' }), 400],
    [
      'body weight with errors',
      lifter.form('/body-weight', { date: '2999-01-01', weight: 'x', note: 'n'.repeat(501) }),
      400,
    ],
    ['settings showing a new token', lifter.form('/settings/tokens', { name: 'my script' }), 201],
  ]
  for (const [name, pending, status] of forms) await checkPage(t, name, pending, status)

  // States that only show up after a write: a flash message and an archived exercise; a second page of
  // workouts (prev/next links) with untitled ones on it.
  const archived = await lifter.form(`/exercises/${own.id}/archive`, { archived: 'true' })
  t.equal(archived.statusCode, 303)
  await checkPage(t, 'archived exercise with a flash', lifter.page(`/exercises/${own.id}/edit`))
  t.equal((await lifter.form('/body-weight', { date: '2026-01-06', weight: '80.5' })).statusCode, 303)
  await checkPage(t, 'body weight with a flash', lifter.page('/body-weight'))
  for (let day = 1; day <= 20; day++) {
    const date = `2025-12-${String(day).padStart(2, '0')}T08:00:00Z`
    await logWorkout(lifter, { startedAt: date, sets: [{ exerciseId: bench, reps: 1, weight: 100 }] })
  }
  const first = await lifter.page('/workouts')
  t.match(first.body, /href="\/workouts\?page(=|&#x3D;)2"/, 'the list has a next page')
  await checkPage(t, 'workouts list, first of two pages', first)
  await checkPage(t, 'workouts list, second page', lifter.page('/workouts?page=2'))
  await checkPage(t, 'calendar month full of workouts', lifter.page('/calendar?month=2025-12'))

  // The live workout: none yet, empty, with exercises (last time shown, ticked and planned rows), a
  // refusal's flash, a picker search with no match, the discard question, and the banner elsewhere.
  await checkPage(t, 'no live workout', lifter.page('/workouts/live'))
  t.equal((await lifter.form('/workouts/live')).statusCode, 303)
  await checkPage(t, 'live workout, empty', lifter.page('/workouts/live'))
  const live = (await lifter.api('GET', '/api/v1/live-workouts/current')).json()
  const added = (
    await lifter.api('POST', `/api/v1/live-workouts/${live.id}/exercises`, {
      exerciseId: bench,
      copyLast: true,
    })
  ).json()
  const row = added.entries[0].rows[0].id
  await lifter.api('PATCH', `/api/v1/live-workouts/${live.id}/rows/${row}`, {
    reps: 5,
    weight: 100,
    done: true,
  })
  await lifter.api('POST', `/api/v1/live-workouts/${live.id}/exercises/${added.entries[0].id}/rows`, {})
  await lifter.form(`/workouts/live/${live.id}/rows/${row}`, { action: 'done', reps: 'x' })
  await checkPage(t, 'live workout with sets and a flash', lifter.page('/workouts/live'))
  await checkPage(t, 'live workout, picker without a match', lifter.page('/workouts/live?q=zzzz'))
  await checkPage(t, 'discard a live workout?', lifter.page(`/workouts/live/${live.id}/discard`))
  await checkPage(t, 'workouts list with the live banner', lifter.page('/workouts'))
  await checkPage(t, 'home with the live banner', lifter.page('/'))
})

t.test('a new lifter’s empty pages are valid HTML', async (t) => {
  const { app, db } = await buildTestCore(t)
  const newcomer = await signUp(app, { unit: 'lb', timeZone: 'Pacific/Auckland' })
  for (const url of [
    '/',
    '/workouts',
    '/workouts/new',
    '/calendar',
    '/calendar/2026-02-29',
    '/progress',
    '/body-weight',
    `/progress/exercises/${(await catalog(testPrisma(t, db.url))).bench}/relative`,
  ])
    await checkPage(
      t,
      `empty ${url}`,
      newcomer.page(url),
      url === '/calendar/2026-02-29' ? 404 : 200, // 2026 is no leap year: no such day
    )
})

t.test('progress pages with charts from a working stats service are valid HTML', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, { STATS_URL: fake.url })
  const { lifter, bench } = await lifterWithData(t, app, db.url)
  await checkPage(t, 'progress dashboard with charts', lifter.page('/progress'))
  await checkPage(t, 'progress of an exercise with charts', lifter.page(`/progress/exercises/${bench}`))
  await checkPage(
    t,
    'progress of an exercise, all time, Brzycki',
    lifter.page(`/progress/exercises/${bench}?range=all&formula=brzycki`),
  )
  await checkPage(t, 'body weight with the trend', lifter.page('/body-weight'))
  await checkPage(t, 'relative strength', lifter.page(`/progress/exercises/${bench}/relative?range=all`))
  // One stats endpoint failing: the rest of the page renders, that section shows the unavailable panel.
  fake.script = (_n, req) =>
    req.url?.includes('/volume') || req.url?.includes('/progression')
      ? { kind: 'status', status: 500 }
      : undefined
  const newcomer = await signUp(app) // nothing kept for them, so no stale numbers stand in
  const partial = await newcomer.page('/progress')
  t.match(
    partial.body,
    /Progress is temporarily unavailable/,
    'the weekly volume panel is the unavailable one',
  )
  t.match(partial.body, /stat-value/, 'the summary cards still show')
  await checkPage(t, 'progress dashboard, volume unavailable', partial)
  await checkPage(
    t,
    'progress of an exercise, chart unavailable',
    newcomer.page(`/progress/exercises/${bench}`),
  )
})

t.test('the validator really fails bad markup', async (t) => {
  const report = await validator.validateString(
    '<!doctype html><html lang="en"><head><title>x</title></head><body><main><input type="text" name="a" aria-describedby="nowhere"><div id="b"></div><span id="b"><div></div></span></main></body></html>',
  )
  const rules = new Set(report.results.flatMap((r) => r.messages.map((m) => m.ruleId)))
  t.notOk(report.valid)
  for (const rule of [
    'input-missing-label',
    'no-missing-references',
    'no-dup-id',
    'element-permitted-content',
  ])
    t.ok(rules.has(rule), `${rule} reported`)
})

t.test(
  'the import pages are valid HTML: upload form, its errors, a preview with decisions and unreadable rows',
  async (t) => {
    const { app } = await buildTestCore(t)
    const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
    const upload = async (name: string, fields: Record<string, string> = {}) => {
      const body = await multipart({ name, content: readFileSync(fixture(name)) }, fields)
      return app.inject({
        method: 'POST',
        url: `/import?_csrf=${encodeURIComponent(lifter.csrfToken)}`,
        remoteAddress: lifter.remoteAddress,
        headers: { cookie: lifter.cookie, accept: 'text/html', 'content-type': body.contentType },
        payload: body.payload,
      })
    }
    await checkPage(t, 'import form', lifter.page('/import'))
    await checkPage(t, 'import of an unknown header', upload('wrong-header.csv'), 400)
    await checkPage(
      t,
      'import with a format that does not fit',
      upload('hevy-kg.csv', { format: 'fitnotes' }),
      400,
    )
    for (const name of ['malformed-numbers.csv', 'strong-semicolon-unit.csv', 'hevy-lbs.csv']) {
      const res = await upload(name)
      t.equal(res.statusCode, 303, `${name} uploaded`)
      await checkPage(t, `import preview of ${name}`, lifter.page(res.headers.location as string))
    }
    const res = await upload('hevy-kg.csv', { format: 'hevy' })
    const preview = res.headers.location as string
    await checkPage(t, 'import preview of hevy-kg.csv', lifter.page(preview))
    await checkPage(
      t,
      'import preview with errors',
      lifter.form(preview, {
        exercise_0: 'nonsense',
        exercise_3: 'custom',
        muscleGroup_3: '',
        equipment_3: 'x',
        name_3: '',
      }),
      400,
    )
  },
)
