// The import routes end to end against the real database: upload (multipart) → preview → confirm, by API
// and by page, for every fixture format; the same file twice adds nothing; another lifter's upload is 404;
// too large is 413, unreadable is 400, and a refused request writes nothing.
import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import { tokenFromActionUrl } from '../../src/routes/imports/pages.ts'
import { buildTestCore } from '../support/app.ts'
import { type SignedInUser, signUp } from '../support/users.ts'
import { addExercise, logWorkout, snapshot, testPrisma } from '../workouts/helpers.ts'
import { fixture, multipart, planOf } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildTestCore>>['app']

async function setup(t: Test) {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  return { app, prisma }
}

/** POST /api/v1/imports with the bearer token. */
async function apiUpload(
  app: App,
  who: SignedInUser,
  file: { name: string; content: string | Uint8Array } | null,
  fields: Record<string, string> = {},
) {
  const body = await multipart(file, fields)
  return app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    remoteAddress: who.remoteAddress,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': body.contentType },
    payload: body.payload,
  })
}

/** POST /import as the page form sends it: session cookie, multipart, the token in the action URL. */
async function pageUpload(
  app: App,
  who: SignedInUser,
  file: { name: string; content: string | Uint8Array } | null,
  fields: Record<string, string> = {},
  url = `/import?_csrf=${encodeURIComponent(who.csrfToken)}`,
) {
  const body = await multipart(file, fields)
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: who.remoteAddress,
    headers: { cookie: who.cookie, accept: 'text/html', 'content-type': body.contentType },
    payload: body.payload,
  })
}

const fileOf = (name: string) => ({ name, content: readFileSync(fixture(name)) })

const total = async (who: SignedInUser) => (await who.api('GET', '/api/v1/workouts?perPage=100')).json().total

const FIXTURES = [
  'strong-12h-no-unit.csv',
  'strong-semicolon-unit.csv',
  'hevy-kg.csv',
  'hevy-lbs.csv',
  'fitnotes-android.csv',
  'fitnotes-old-header.csv',
]

t.test(
  'every format: upload, preview, confirm, see the workouts; the same file again adds nothing',
  async (t) => {
    const { app, prisma } = await setup(t)
    for (const name of FIXTURES) {
      const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
      const plan = await planOf(name)
      const storable = plan.workouts.filter((w) => w.sets.some((s) => s.reps !== null))
      const res = await apiUpload(app, lifter, fileOf(name))
      t.equal(res.statusCode, 201, `${name}: 201`)
      const preview = res.json()
      t.equal(res.headers.location, `/api/v1/imports/${preview.id}`)
      t.equal(preview.format, plan.format, `${name}: format ${plan.format}`)
      t.equal(preview.workouts, plan.counts.workouts, `${name}: workouts as the plan counts them`)
      t.equal(preview.sets, plan.counts.sets)
      t.equal(preview.from, plan.counts.firstStart)
      t.equal(preview.to, plan.counts.lastStart)
      t.same(
        [
          ...preview.unknownExercises.map((e: { name: string }) => e.name),
          ...preview.knownExercises.map((e: { name: string }) => e.name),
        ].sort(),
        plan.exercises.map((e) => e.name).sort(),
        `${name}: every exercise name is either known or has a suggestion`,
      )
      t.equal(
        await prisma.workout.count({ where: { userId: lifter.user.id } }),
        0,
        `${name}: nothing written by the upload`,
      )

      const again = await lifter.api('GET', `/api/v1/imports/${preview.id}`)
      t.equal(again.statusCode, 200)
      t.equal(again.json().workouts, preview.workouts, 'the preview reads back')

      const version = async () =>
        (await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion
      const before = await version()
      const confirmed = await lifter.api('POST', `/api/v1/imports/${preview.id}/confirm`, {})
      t.equal(confirmed.statusCode, 200, `${name}: confirmed`)
      const outcome = confirmed.json()
      t.equal(outcome.imported, storable.length, `${name}: ${storable.length} workouts imported`)
      t.equal(outcome.sets, plan.counts.sets - plan.counts.withoutReps)
      t.equal(outcome.skipped, 0)
      t.equal((await version()) - before, 1, `${name}: data_version bumped once, so stats are fresh`)
      t.equal(await total(lifter), storable.length, `${name}: the workouts are in GET /api/v1/workouts`)
      t.equal(
        (await lifter.api('GET', `/api/v1/imports/${preview.id}`)).statusCode,
        404,
        'a confirmed upload is forgotten',
      )
      t.equal((await lifter.api('POST', `/api/v1/imports/${preview.id}/confirm`, {})).statusCode, 404)

      const second = await apiUpload(app, lifter, fileOf(name))
      t.equal(second.statusCode, 201)
      t.same(
        second
          .json()
          .unknownExercises.filter((e: { suggestion: { kind: string } }) => e.suggestion.kind === 'custom'),
        [],
        `${name}: the custom exercises made by the first import now match`,
      )
      const repeat = (await lifter.api('POST', `/api/v1/imports/${second.json().id}/confirm`, {})).json()
      t.equal(repeat.imported, 0, `${name}: the second import adds nothing`)
      t.equal(repeat.skipped, storable.length, `${name}: every workout skipped as already imported`)
      t.equal(await total(lifter), storable.length)
    }
  },
)

t.test('a LiftLog export imports into another account, weights exactly as typed', async (t) => {
  const { app, prisma } = await setup(t)
  const source = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  const bench = (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: 'barbell-bench-press' } })).id
  const own = await addExercise(source, 'Pin Squat')
  await logWorkout(source, {
    startedAt: '2026-01-05T10:00:00Z',
    title: 'Heavy day',
    sets: [
      { exerciseId: bench, reps: 5, weight: 82.5 },
      { exerciseId: own.id, reps: 3, weight: 120, rpe: 9.5 },
    ],
  })
  await logWorkout(source, {
    startedAt: '2026-01-07T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 3, weight: 185, unit: 'lb' }],
  })
  const csv = (await source.api('GET', '/api/v1/export/sets.csv')).body

  const target = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  const res = await apiUpload(app, target, { name: 'liftlog.csv', content: csv })
  t.equal(res.statusCode, 201)
  const preview = res.json()
  t.equal(preview.format, 'liftlog')
  t.equal(preview.workouts, 2)
  t.same(
    preview.unknownExercises.map((e: { name: string }) => e.name),
    ['Pin Squat'],
    'only the custom exercise is unknown',
  )
  t.equal(preview.unknownExercises[0].suggestion.kind, 'custom')
  t.equal(preview.unknownExercises[0].suggestion.muscleGroup, 'quadriceps', 'from the export’s muscle group')
  const done = (await target.api('POST', `/api/v1/imports/${preview.id}/confirm`, {})).json()
  t.equal(done.imported, 2)
  t.equal(done.exercisesCreated, 1)
  const list = (await target.api('GET', '/api/v1/workouts')).json()
  const heavy = (await target.api('GET', `/api/v1/workouts/${list.items[1].id}`)).json()
  t.equal(heavy.title, 'Heavy day')
  t.same(
    heavy.sets.map((s: { reps: number; weight: number }) => [s.reps, s.weight]),
    [
      [5, 82.5],
      [3, 120],
    ],
  )
  const light = (await target.api('GET', `/api/v1/workouts/${list.items[0].id}`)).json()
  t.equal(light.sets[0].weight, 83.91, '185 lb shown in kg, the target’s unit')
})

t.test('choices: a catalog exercise, a custom one, and refused ones that write nothing', async (t) => {
  const { app, prisma } = await setup(t)
  const lifter = await signUp(app)
  const other = await signUp(app)
  const theirs = await addExercise(other, 'Their Secret Lift')
  const preview = (await apiUpload(app, lifter, fileOf('strong-semicolon-unit.csv'))).json()
  const squat = (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: 'barbell-front-squat' } })).id
  const before = await snapshot(prisma)
  const refused: [string, unknown, RegExp][] = [
    [
      'another lifter’s exercise',
      { 'Squat (Barbell)': { exerciseId: theirs.id } },
      /choices\["Squat \(Barbell\)"\]\.exercise/,
    ],
    ['a name not in the file', { 'Not In File': { exerciseId: squat } }, /not an exercise name in this file/],
    ['an unknown equipment', { Plank: { create: { muscleGroup: 'abs', equipment: 'rope' } } }, /equipment/],
    ['an empty muscle group', { Plank: { create: { muscleGroup: ' ', equipment: 'other' } } }, /muscleGroup/],
    [
      'both an exercise and a custom one',
      { Plank: { exerciseId: squat, create: { muscleGroup: 'abs', equipment: 'other' } } },
      /Plank/,
    ],
  ]
  for (const [what, choices, message] of refused) {
    const res = await lifter.api('POST', `/api/v1/imports/${preview.id}/confirm`, { choices })
    t.equal(res.statusCode, 400, `${what}: 400`)
    t.match(res.json().message, message, `${what}: says which`)
  }
  const extra = await lifter.api('POST', `/api/v1/imports/${preview.id}/confirm`, {
    choices: {},
    force: true,
  })
  t.equal(extra.statusCode, 400, 'unknown properties refused')
  t.same(await snapshot(prisma), before, 'nothing written by the refused confirms')

  const ok = await lifter.api('POST', `/api/v1/imports/${preview.id}/confirm`, {
    choices: {
      'Squat (Barbell)': { exerciseId: squat },
      Plank: { create: { name: 'Front Plank', muscleGroup: 'abs', equipment: 'bodyweight' } },
    },
  })
  t.equal(ok.statusCode, 200)
  const sets = await prisma.workoutSet.findMany({
    where: { userId: lifter.user.id },
    include: { exercise: true },
  })
  t.ok(
    sets.some((s) => s.exerciseId === squat),
    'the squat sets went to Front Squat, as chosen',
  )
  const created = await prisma.exercise.findMany({ where: { ownerId: lifter.user.id } })
  const plank = created.find((e) => e.name === 'Front Plank')
  t.match(
    plank,
    { muscleGroup: 'abs', equipment: 'bodyweight', category: 'core' },
    'the custom exercise as chosen',
  )
})

t.test("another lifter's upload is 404, like a missing one, for every route", async (t) => {
  const { app, prisma } = await setup(t)
  const alice = await signUp(app)
  const mallory = await signUp(app)
  const id = (await apiUpload(app, alice, fileOf('hevy-kg.csv'))).json().id
  const before = await snapshot(prisma)
  const missing = '00000000-0000-4000-8000-000000000000'
  for (const target of [id, missing]) {
    const get = await mallory.api('GET', `/api/v1/imports/${target}`)
    t.equal(get.statusCode, 404)
    t.same(get.json(), { statusCode: 404, code: 'NOT_FOUND', message: 'import not found' })
    t.equal((await mallory.api('POST', `/api/v1/imports/${target}/confirm`, {})).statusCode, 404)
    const page = await mallory.page(`/import/${target}`)
    t.equal(page.statusCode, 404)
    t.notMatch(page.body, /Upper A|Bench Press/)
    const confirm = await mallory.form(`/import/${target}`, {})
    t.equal(confirm.statusCode, 303, 'confirming it reads as an upload no longer waiting')
    t.equal(confirm.headers.location, '/calendar')
  }
  t.equal(
    (await mallory.page('/import/not-an-id')).statusCode,
    404,
    'a malformed id is just not found on pages',
  )
  t.same(await snapshot(prisma), before, 'nothing written')
  t.equal((await alice.api('GET', `/api/v1/imports/${id}`)).statusCode, 200, 'still Alice’s')
})

t.test('guests: the import page sends them to log in, the API answers 401', async (t) => {
  const { app } = await setup(t)
  const page = await app.inject({ url: '/import', headers: { accept: 'text/html' } })
  t.equal(page.statusCode, 303)
  t.match(page.headers.location, /^\/login\?next=%2Fimport/)
  for (const [method, url] of [
    ['POST', '/api/v1/imports'],
    ['GET', '/api/v1/imports/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/v1/imports/00000000-0000-4000-8000-000000000000/confirm'],
  ] as const) {
    const res = await app.inject({ method, url })
    t.equal(res.statusCode, 401, `${method} ${url}`)
  }
})

t.test('unreadable uploads are 400 naming why, too large is 413; nothing kept or written', async (t) => {
  const { app, prisma } = await setup(t)
  const lifter = await signUp(app)
  const cases: [
    string,
    { name: string; content: string | Uint8Array } | null,
    Record<string, string>,
    RegExp,
  ][] = [
    ['a PNG', fileOf('binary-png.bin'), {}, /not UTF-8|binary/],
    ['an empty file', fileOf('empty.csv'), {}, /empty/],
    ['an unknown header', fileOf('wrong-header.csv'), {}, /does not look like an export/],
    ['an unclosed quote', fileOf('unclosed-quote.csv'), {}, /never closed/],
    ['Hevy read as Strong', fileOf('hevy-kg.csv'), { format: 'strong' }, /not a Strong export/],
    ['an unknown format', fileOf('hevy-kg.csv'), { format: 'excel' }, /format must be one of/],
    ['no file', null, { format: 'auto' }, /choose a CSV file/],
  ]
  for (const [what, file, fields, message] of cases) {
    const res = await apiUpload(app, lifter, file, fields)
    t.equal(res.statusCode, 400, `${what}: 400`)
    t.match(res.json().message, message, `${what}: says why`)
  }
  const late = await multipart(fileOf('hevy-kg.csv'))
  const json = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { authorization: `Bearer ${lifter.token}`, 'content-type': 'application/json' },
    payload: '{}',
  })
  t.equal(json.statusCode, 400, 'JSON instead of multipart: 400')
  t.match(json.json().message, /multipart/)
  t.ok(late.payload.length > 0)

  // One over-long row: the reader gives up on it at once, so the test spends its time on the bytes alone.
  const big = { name: 'big.csv', content: `Date,Exercise,Reps\n${'x'.repeat(25 * 1024 * 1024 + 10)}` }
  t.ok(big.content.length > 25 * 1024 * 1024)
  const tooLarge = await apiUpload(app, lifter, big)
  t.equal(tooLarge.statusCode, 413)
  t.same(tooLarge.json(), {
    statusCode: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The file is larger than 25 MB; export a shorter date range and import each part.',
    // Like every error a person fixes in one field, it names the field (validation.ts).
    fields: { file: 'The file is larger than 25 MB; export a shorter date range and import each part.' },
  })
  const page = await pageUpload(app, lifter, big)
  t.equal(page.statusCode, 413, 'the page form too')
  t.match(page.body, /larger than 25 MB/)
  t.match(page.body, /<form id="import-form"/, 'with the form to try again')
  const wrongFormat = await pageUpload(app, lifter, fileOf('hevy-kg.csv'), { format: 'strong' })
  t.equal(wrongFormat.statusCode, 400)
  t.match(wrongFormat.body, /This is not a Strong export/)
  t.match(wrongFormat.body, /<option value="strong" selected>/, 'the form keeps the lifter’s choice')
  t.equal(await prisma.pendingImport.count(), 0, 'no upload kept')
  t.equal(await prisma.workout.count(), 0, 'nothing written')
})

t.test(
  'the page flow: upload with the form, choose for an unknown name, confirm, land on the calendar',
  async (t) => {
    const { app, prisma } = await setup(t)
    const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
    const form = await lifter.page('/import')
    t.equal(form.statusCode, 200)
    t.match(form.body, /action="\/import\?_csrf(=|&#x3D;)/)
    t.match(form.body, /enctype="multipart\/form-data"/)
    t.match(form.body, /<option value="fitnotes"/)
    t.match((await lifter.page('/settings')).body, /href="\/import"/, 'Settings links to the import')

    const upload = await pageUpload(app, lifter, fileOf('hevy-kg.csv'), { format: 'auto' })
    t.equal(upload.statusCode, 303)
    const location = upload.headers.location as string
    t.match(location, /^\/import\/[0-9a-f-]{36}$/)
    const preview = await lifter.page(location)
    t.equal(preview.statusCode, 200)
    t.match(preview.body, /id="import-workouts">2</)
    t.match(preview.body, /Hevy/)
    t.match(preview.body, /Thu 30 Jan 2025 – Fri 31 Jan 2025/)
    t.match(preview.body, /“Treadmill”/, 'an unknown name gets a decision')
    const plan = await planOf('hevy-kg.csv')
    const treadmill = plan.exercises.findIndex((e) => e.name === 'Treadmill')
    const bench = plan.exercises.findIndex((e) => e.name === 'Bench Press (Barbell)')
    const incline = (
      await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: 'barbell-incline-bench-press' } })
    ).id

    const bad = await lifter.form(location, {
      [`exercise_${treadmill}`]: 'custom',
      [`muscleGroup_${treadmill}`]: '',
      [`equipment_${treadmill}`]: 'other',
    })
    t.equal(bad.statusCode, 400, 'a custom exercise without a muscle group')
    t.match(bad.body, `id="muscleGroup_${treadmill}-error">choose the main muscle group`)
    t.equal(await prisma.workout.count(), 0, 'nothing written')
    const nonsense = await lifter.form(location, { [`exercise_${bench}`]: 'drop table' })
    t.equal(nonsense.statusCode, 400)
    t.match(nonsense.body, `id="exercise_${bench}-error"`)

    const done = await lifter.form(location, { [`exercise_${bench}`]: incline })
    t.equal(done.statusCode, 303)
    t.equal(done.headers.location, '/calendar?month=2025-01', 'the month of the newest imported workout')
    const calendar = await lifter.page('/calendar?month=2025-01')
    t.match(calendar.body, /Imported 1 workout \(4 sets\); 0 skipped as already imported/)
    const workouts = await prisma.workout.count()
    // A second tap on Confirm (the first one's answer not yet shown): no 404 page that reads as a failure.
    const again = await lifter.form(location, { [`exercise_${bench}`]: incline })
    t.equal(again.statusCode, 303)
    t.equal(again.headers.location, '/calendar')
    t.match(
      (await lifter.page('/calendar')).body,
      /This upload is no longer waiting: it was imported already/,
    )
    t.equal(await prisma.workout.count(), workouts, 'nothing written twice')
    const sets = await prisma.workoutSet.findMany({ where: { userId: lifter.user.id } })
    t.ok(
      sets.some((s) => s.exerciseId === incline),
      'the chosen exercise was used',
    )
  },
)

t.test('CSRF: the upload form and the confirm form are refused without the session’s token', async (t) => {
  const { app, prisma } = await setup(t)
  const lifter = await signUp(app)
  for (const url of ['/import', '/import?_csrf=forged']) {
    const res = await pageUpload(app, lifter, fileOf('hevy-kg.csv'), {}, url)
    t.equal(res.statusCode, 403, `POST ${url}: 403`)
    t.match(res.body, /form has expired or was sent from another site/)
  }
  const cookieApi = await multipart(fileOf('hevy-kg.csv'))
  const noHeader = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: lifter.cookie, 'content-type': cookieApi.contentType },
    payload: cookieApi.payload,
  })
  t.equal(noHeader.statusCode, 403, 'cookie API upload without x-csrf-token')
  t.equal(noHeader.json().code, 'CSRF_REJECTED')
  const withHeader = await app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: {
      cookie: lifter.cookie,
      'x-csrf-token': lifter.csrfToken,
      'content-type': cookieApi.contentType,
    },
    payload: cookieApi.payload,
  })
  t.equal(withHeader.statusCode, 201, 'the script’s way: the header')
  t.equal(await prisma.pendingImport.count(), 1, 'only the accepted upload is kept')
  const id = withHeader.json().id
  const confirm = await app.inject({
    method: 'POST',
    url: `/import/${id}`,
    headers: {
      cookie: lifter.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: '',
  })
  t.equal(confirm.statusCode, 403, 'the confirm form without _csrf')
  t.equal(await prisma.workout.count(), 0)
})

t.test(
  '/apidocs documents the import routes: tags, the multipart upload, the confirm body, their errors',
  async (t) => {
    const { app } = await setup(t)
    const doc = (await app.inject('/apidocs/json')).json()
    t.ok(doc.tags.some((tag: { name: string }) => tag.name === 'imports'))
    const upload = doc.paths['/api/v1/imports'].post
    t.same(upload.tags, ['imports'])
    t.match(upload.description, /25 MB/)
    const form = upload.requestBody.content['multipart/form-data'].schema
    t.equal(form.properties.file.format, 'binary')
    t.same(form.properties.format.enum, ['auto', 'strong', 'hevy', 'fitnotes', 'liftlog'])
    t.same(Object.keys(upload.responses).sort(), ['201', '400', '401', '403', '413'])
    const preview = doc.paths['/api/v1/imports/{id}'].get
    t.same(Object.keys(preview.responses).sort(), ['200', '401', '404'])
    const confirm = doc.paths['/api/v1/imports/{id}/confirm'].post
    t.ok(confirm.requestBody.content['application/json'].schema.properties.choices)
    t.ok(confirm.responses['200'].content['application/json'].schema.properties.skipped)
    t.notOk(doc.paths['/import'], 'the pages stay out of the API docs')
  },
)

t.test('an upload expires after an hour; a lifter keeps at most five pending', async (t) => {
  const { app, prisma } = await setup(t)
  const lifter = await signUp(app)
  const ids: string[] = []
  for (let i = 0; i < 6; i++) ids.push((await apiUpload(app, lifter, fileOf('hevy-kg.csv'))).json().id)
  const kept = await prisma.pendingImport.findMany({
    where: { userId: lifter.user.id },
    select: { id: true },
  })
  t.same(kept.map((k) => k.id).sort(), ids.slice(1).sort(), 'the oldest went when the sixth came')
  t.equal((await lifter.api('GET', `/api/v1/imports/${ids[0]}`)).statusCode, 404)

  await prisma.pendingImport.update({
    where: { id: ids[5]! },
    data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) },
  })
  t.equal((await lifter.api('GET', `/api/v1/imports/${ids[5]}`)).statusCode, 404, 'expired: 404')
  t.equal((await lifter.api('POST', `/api/v1/imports/${ids[5]}/confirm`, {})).statusCode, 404)
  t.equal((await lifter.page(`/import/${ids[5]}`)).statusCode, 404)
  const other = await signUp(app)
  await apiUpload(app, other, fileOf('hevy-kg.csv'))
  t.equal(await prisma.pendingImport.count({ where: { id: ids[5]! } }), 0, 'swept by the next upload')
  t.equal(await prisma.workout.count(), 0)
})

t.test('multipart rules: the format before the file, one file, in the field "file"', async (t) => {
  const { app } = await setup(t)
  const lifter = await signUp(app)
  const send = async (form: FormData) => {
    const request = new Request('http://localhost/', { method: 'POST', body: form })
    return app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: {
        authorization: `Bearer ${lifter.token}`,
        'content-type': request.headers.get('content-type')!,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    })
  }
  const csv = () => new Blob([readFileSync(fixture('hevy-kg.csv'))], { type: 'text/csv' })
  const late = new FormData()
  late.append('file', csv(), 'a.csv')
  late.append('format', 'hevy')
  const lateRes = await send(late)
  t.equal(lateRes.statusCode, 400)
  t.match(lateRes.json().message, /format field before the file/)
  const two = new FormData()
  two.append('file', csv(), 'a.csv')
  two.append('file', csv(), 'b.csv')
  const twoRes = await send(two)
  t.equal(twoRes.statusCode, 400)
  t.match(twoRes.json().message, /one file/)
  const wrong = new FormData()
  wrong.append('upload', csv(), 'a.csv')
  const wrongRes = await send(wrong)
  t.equal(wrongRes.statusCode, 400)
  t.match(wrongRes.json().message, /field "file"/)
  const extra = new FormData()
  extra.append('comment', 'hi')
  extra.append('file', csv(), 'a.csv')
  t.equal((await send(extra)).statusCode, 400, 'an unknown field')
  const empty = new FormData()
  empty.append('format', 'auto')
  empty.append('file', new Blob([]), '')
  const emptyRes = await send(empty)
  t.equal(emptyRes.statusCode, 400, 'a file input left empty')
  t.match(emptyRes.json().message, /choose a CSV file/)
  const good = await multipart(fileOf('hevy-kg.csv'))
  for (const [what, payload] of [
    ['cut off in the middle of the file', good.payload.subarray(0, good.payload.length - 80)],
    ['not multipart at all', Buffer.from('just some text')],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${lifter.token}`, 'content-type': good.contentType },
      payload,
    })
    t.equal(res.statusCode, 400, `${what}: 400`)
    t.match(res.json().message, /could not be read as multipart\/form-data/, `${what}: says so`)
  }
  const chosen = new FormData()
  chosen.append('format', 'hevy')
  chosen.append('file', csv(), 'a.csv')
  const ok = await send(chosen)
  t.equal(ok.statusCode, 201)
  t.equal(ok.json().format, 'hevy')
})

t.test(
  'the upload form’s token moves from the action URL to the CSRF header, and out of the logged URL',
  async (t) => {
    const run = (url: string, query: Record<string, string>, headers: Record<string, string> = {}) => {
      const request = { query, headers: { ...headers }, raw: { url } }
      tokenFromActionUrl.call({} as never, request as never, {} as never, () => {})
      return request
    }
    const plain = run('/import?_csrf=tok-1', { _csrf: 'tok-1' })
    t.equal(plain.headers['x-csrf-token'], 'tok-1')
    t.equal(plain.raw.url, '/import', 'nothing of the token left in the URL')
    t.equal(run('/import?a=1&_csrf=x', { a: '1', _csrf: 'x' }).raw.url, '/import?a=1')
    t.equal(run('/import?_csrf=x&a=1', { a: '1', _csrf: 'x' }).raw.url, '/import?a=1')
    const script = run('/import?_csrf=from-url', { _csrf: 'from-url' }, { 'x-csrf-token': 'from-header' })
    t.equal(script.headers['x-csrf-token'], 'from-header', 'a header the script sent wins')
    t.same(run('/import', {}).headers, {}, 'no token, no header')
  },
)
