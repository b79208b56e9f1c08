// Every page a signed-in lifter sees, rendered in Slovenian, has no English left: each visible or spoken
// text is compared with the English rendering of the same page and with the English catalog. Numbers,
// units, the brand and the lifter's own data are allowed. The last tests prove the check fails when it
// should.
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { catalogs } from '../../src/i18n/translate.ts'
import { multipart } from '../import/helpers.ts'
import { startFakeStats } from '../stats/fake-stats.ts'
import { buildTestCore } from '../support/app.ts'
import { encodeForm, guestForm, type SignedInUser, signUp } from '../support/users.ts'
import { addExercise, catalog, logWorkout, testPrisma, workoutForm } from '../workouts/helpers.ts'
import { flatten } from './catalog-keys.ts'
import { untranslatedTexts, visibleTexts } from './visible-text.ts'

/** English messages that differ in Slovenian, cut at their {{values}}: the word runs a page must not show. */
function englishMessages(): string[] {
  const en = flatten(catalogs.en)
  const sl = flatten(catalogs.sl)
  const out = new Set<string>()
  for (const [key, value] of en) {
    if (typeof value !== 'string' || sl.get(key) === value) continue
    for (const part of value.split(/\{\{\w+\}\}/)) {
      const words = part.trim()
      // Two words or more: a lone word ("Set", "Volume") can be a lifter's own text or a shared name.
      if (/\p{L}+[\s-]+\p{L}+/u.test(words) && words.length >= 8) out.add(words)
    }
  }
  return [...out]
}

const USER_DATA = {
  displayName: 'Ana Novak',
  title: 'Heavy day',
  notes: 'Felt strong',
  custom: 'Pin Squat',
  bodyWeightNote: 'after breakfast',
  tokenName: 'test token',
  routine: 'Push day',
}

async function lifterWithData(t: Test, app: FastifyInstance, dbUrl: string) {
  const prisma = testPrisma(t, dbUrl)
  const { bench, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana', displayName: USER_DATA.displayName })
  const own = await addExercise(lifter, USER_DATA.custom)
  const workout = await logWorkout(lifter, {
    startedAt: '2026-01-05T10:00:00Z',
    title: USER_DATA.title,
    notes: USER_DATA.notes,
    sets: [
      { exerciseId: bench, reps: 8, weight: 40, isWarmup: true },
      { exerciseId: bench, reps: 5, weight: 82.5, rpe: 8.5 },
      { exerciseId: pullUp, reps: 8, weight: 0 },
      { exerciseId: own.id, reps: 3, weight: 120 },
    ],
  })
  await logWorkout(lifter, {
    startedAt: '2026-01-12T10:00:00Z',
    sets: [{ exerciseId: bench, reps: 3, weight: 85 }],
  })
  await lifter.api('PUT', '/api/v1/body-weights/2026-01-04', {
    weight: 81.35,
    note: USER_DATA.bodyWeightNote,
  })
  const routine = (
    await lifter.api('POST', '/api/v1/routines', {
      name: USER_DATA.routine,
      exercises: [
        { exerciseId: bench, sets: 3, reps: 5, weight: 82.5, restSeconds: 120 },
        { exerciseId: own.id, sets: 2, reps: 3 },
      ],
    })
  ).json()
  return { lifter, own, workout, bench, routine }
}

/** The same page in a language, chosen by the browser (the lifter's setting is Automatic). */
function pageIn(app: FastifyInstance, lifter: SignedInUser, url: string, language: string) {
  return app.inject({
    url,
    remoteAddress: lifter.remoteAddress,
    headers: { cookie: lifter.cookie, accept: 'text/html', 'accept-language': language },
  })
}

t.test('a signed-in lifter’s pages in Slovenian have no English text left', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, { STATS_URL: fake.url })
  const { lifter, own, workout, bench, routine } = await lifterWithData(t, app, db.url)
  const { tokens } = (await lifter.api('GET', '/api/v1/tokens')).json() as { tokens: { prefix: string }[] }
  const check = {
    allowed: [
      ...Object.values(USER_DATA),
      lifter.user.username,
      // The API tokens' first characters, as the settings page lists them.
      ...tokens.map((token) => `${token.prefix}…`),
      // The stand-in stats service's own name for an exercise (real stats answers the catalog's name).
      'Bench press',
    ],
    englishMessages: englishMessages(),
  }
  const urls = [
    '/',
    '/workouts',
    '/workouts/new',
    `/workouts/new?repeat=${workout.id}`,
    `/workouts/${workout.id}`,
    `/workouts/${workout.id}/edit`,
    '/calendar?month=2026-01',
    '/calendar/2026-01-05',
    '/calendar/2026-01-06',
    '/settings',
    '/exercises',
    `/exercises/${own.id}/edit`,
    '/progress',
    `/progress/exercises/${bench}`,
    `/progress/exercises/${bench}/relative?range=all`,
    '/body-weight',
    '/import',
    '/how-liftlog-counts',
    '/routines',
    '/routines/new',
    `/routines/${routine.id}/edit`,
    '/no-such-page',
  ]
  for (const url of urls) {
    const [en, sl] = await Promise.all([pageIn(app, lifter, url, 'en'), pageIn(app, lifter, url, 'sl')])
    t.equal(sl.statusCode, en.statusCode, `${url}: same status in both languages`)
    t.match(sl.body, /<html lang="sl">/, `${url}: <html lang="sl">`)
    t.match(en.body, /<html lang="en">/, `${url}: <html lang="en">`)
    t.same(untranslatedTexts(en.body, sl.body, check), [], `${url}: no English on the Slovenian page`)
  }
})

t.test(
  'forms shown again with their errors, and flash messages, are Slovenian too (the lifter’s setting)',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const { lifter, own, bench } = await lifterWithData(t, app, db.url)
    const { tokens } = (await lifter.api('GET', '/api/v1/tokens')).json() as {
      tokens: { prefix: string }[]
    }
    const check = {
      allowed: [
        ...Object.values(USER_DATA),
        lifter.user.username,
        ...tokens.map((token) => `${token.prefix}…`),
      ],
      englishMessages: englishMessages(),
    }
    // The setting decides, whatever the browser says (these requests send no Accept-Language at all).
    const forms = () =>
      Promise.all([
        lifter.form(
          '/workouts',
          workoutForm({ date: 'nope', title: 'x'.repeat(200) }, [
            { exerciseId: bench, reps: '-1', weight: 'a', rpe: '3' },
            { exerciseId: bench, reps: '5', weight: '2500' },
          ]),
        ),
        lifter.form('/exercises', { name: '', category: 'x', muscleGroup: '', equipment: 'x' }),
        lifter.form('/exercises', {
          name: USER_DATA.custom,
          category: 'legs',
          muscleGroup: 'glutes',
          equipment: 'barbell',
        }),
        lifter.form(`/exercises/${own.id}/delete`),
        lifter.form('/settings', { displayName: '', timeZone: 'Mars/Base', unit: 'stone', language: 'xx' }),
        lifter.form('/settings/password', { currentPassword: 'wrong', newPassword: 'x' }),
        lifter.form('/body-weight', { date: '', weight: 'x', note: '' }),
        lifter.form('/body-weight', { date: '2999-01-01', weight: '1000', note: '' }),
      ])
    t.equal((await lifter.api('PATCH', '/api/v1/me', { language: 'en' })).statusCode, 200)
    const english = await forms()
    t.equal((await lifter.api('PATCH', '/api/v1/me', { language: 'sl' })).statusCode, 200)
    const slovenian = await forms()
    slovenian.forEach((sl, i) => {
      t.ok(sl.statusCode >= 400, `form ${i}: refused (${sl.statusCode})`)
      t.match(sl.body, /<html lang="sl">/, `form ${i}: <html lang="sl">`)
      t.same(
        untranslatedTexts(english[i]!.body, sl.body, check),
        [],
        `form ${i}: no English on the Slovenian page`,
      )
    })
    t.match(slovenian[0]!.body, /mora biti celo število od 0 do 1000/, 'a schema’s wording, in Slovenian')
    // A flash after a redirect, in the language just chosen.
    const saved = await lifter.form('/settings', {
      displayName: 'Ana',
      timeZone: 'Europe/Ljubljana',
      unit: 'kg',
      language: 'sl',
    })
    t.equal(saved.statusCode, 303)
    t.match((await lifter.page('/settings')).body, /Nastavitve so shranjene\./)
    const english2 = await lifter.form('/settings', {
      displayName: 'Ana',
      timeZone: 'Europe/Ljubljana',
      unit: 'kg',
      language: 'en',
    })
    t.equal(english2.statusCode, 303)
    const back = await lifter.page('/settings')
    t.match(back.body, /<html lang="en">/, 'English chosen: English pages')
    t.match(back.body, /Settings saved\./, 'the flash in the language just chosen')
    const me = (await lifter.api('GET', '/api/v1/me')).json()
    t.equal(me.unit, 'kg', 'the JSON API answers as before (English field values)')
  },
)

t.test('the live workout pages, their flashes and the script’s words are Slovenian too', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { lifter, own, bench } = await lifterWithData(t, app, db.url)
  const check = {
    allowed: [...Object.values(USER_DATA), lifter.user.username],
    englishMessages: englishMessages(),
  }
  const same = async (url: string, what: string) => {
    const [en, sl] = await Promise.all([pageIn(app, lifter, url, 'en'), pageIn(app, lifter, url, 'sl')])
    t.equal(sl.statusCode, 200, `${what}: shown`)
    t.match(sl.body, /<html lang="sl">/, `${what}: <html lang="sl">`)
    t.same(untranslatedTexts(en.body, sl.body, check), [], `${what}: no English on the Slovenian page`)
    return sl.body
  }
  await same('/workouts/live', 'no workout in progress')

  const id = (await lifter.api('POST', '/api/v1/live-workouts')).json().id as string
  await same('/workouts/live', 'a live workout with no exercise yet')
  // Bench was done before (last time's line, its sets planned); the lifter's own exercise is not.
  const added = await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, {
    exerciseId: bench,
    copyLast: true,
  })
  t.equal(added.statusCode, 201, added.body)
  await lifter.api('POST', `/api/v1/live-workouts/${id}/exercises`, { exerciseId: own.id })
  const [first] = added.json().entries[0].rows as { id: string }[]
  const ticked = await lifter.api('PATCH', `/api/v1/live-workouts/${id}/rows/${first!.id}`, {
    reps: 5,
    weight: 82.5,
    done: true,
  })
  t.equal(ticked.statusCode, 200, ticked.body)
  const live = await same('/workouts/live', 'a live workout with exercises, planned and ticked sets')
  t.match(live, /zadnjič: 3 po 85 kg, 12\. jan\./, 'last time’s line in Slovenian, its date too')
  t.match(live, /value="82,5"/, 'a typed weight with the decimal comma')
  t.match(live, /opravljena 1 serija/, 'the done count with its plural form')
  t.match(live, /data-label-error="Ni shranjeno/, 'the script’s words come from the page')
  await same('/workouts/live?q=squat', 'the picker searched (by the English name)')
  await same('/workouts/live?q=zzzz', 'the picker with no match')
  await same(`/workouts/live/${id}/discard`, 'the discard page')
  await same('/workouts', 'another page with the “in progress” banner')

  // Flashes: a refused change (a field's error, a rule's error), then finishing and discarding.
  t.equal((await lifter.api('PATCH', '/api/v1/me', { language: 'sl' })).statusCode, 200)
  const entries = (await lifter.api('GET', '/api/v1/live-workouts/current')).json().entries
  const ownRow = entries[1].rows[0].id as string
  await lifter.form(`/workouts/live/${id}/rows/${first!.id}`, { reps: '-1', weight: '', action: 'keep' })
  const badReps = (await lifter.page('/workouts/live')).body
  t.match(badReps, /Ni shranjeno — ponovitve: mora biti celo število/, 'a field’s refusal in Slovenian')
  await lifter.form(`/workouts/live/${id}/rows/${ownRow}`, { reps: '', weight: '', action: 'done' })
  const noReps = (await lifter.page('/workouts/live')).body
  t.match(noReps, /Ni shranjeno — ponovitve: preden označite serijo, vpišite ponovitve/, 'tick without reps')
  const finished = await lifter.form(`/workouts/live/${id}/finish`)
  t.equal(finished.statusCode, 303)
  t.match((await lifter.page(finished.headers.location as string)).body, /Trening je končan in shranjen\./)

  const again = (await lifter.api('POST', '/api/v1/live-workouts')).json().id as string
  await lifter.form(`/workouts/live/${again}/finish`)
  t.match(
    (await lifter.page('/workouts/live')).body,
    /pred koncem označite vsaj eno serijo/,
    'nothing to finish',
  )
  await lifter.form(`/workouts/live/${again}/discard`)
  t.match((await lifter.page('/workouts')).body, /Trening je zavržen\./)
})

/** POST /import as the page's form sends it: multipart, the session's token in the action URL. */
async function uploadPage(
  app: FastifyInstance,
  lifter: SignedInUser,
  name: string,
  content: string,
  fields: Record<string, string> = {},
) {
  const body = await multipart({ name, content }, fields)
  return app.inject({
    method: 'POST',
    url: `/import?_csrf=${encodeURIComponent(lifter.csrfToken)}`,
    remoteAddress: lifter.remoteAddress,
    headers: { cookie: lifter.cookie, accept: 'text/html', 'content-type': body.contentType },
    payload: body.payload,
  })
}

t.test('what the import readers say about a file is Slovenian on Slovenian pages', async (t) => {
  const { app } = await buildTestCore(t)
  const lifterIn = async (language: string) => {
    const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
    const saved = await lifter.form('/settings', {
      displayName: 'Ana',
      timeZone: 'Europe/Ljubljana',
      unit: 'kg',
      language,
    })
    t.equal(saved.statusCode, 303)
    return lifter
  }
  const [en, sl] = [await lifterIn('en'), await lifterIn('sl')]
  const check = { allowed: ['Ana'], englishMessages: englishMessages() }
  const compare = (english: string, slovenian: string, what: string) =>
    t.same(untranslatedTexts(english, slovenian, check), [], `${what}: no English on the Slovenian page`)

  // No unit column (an assumption), rows LiftLog can't read, rows read with a warning, and a workout the
  // confirm step refuses (a barbell set of 0 kg).
  const csv =
    'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE,Notes,Workout Notes\n' +
    '2025-03-01 10:00:00,Push,Bench Press,1,100,5,,,8,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,2,abc,5,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,3,100,5.5,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,X,100,5,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,4,9000,5,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,5,,,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,6,100,,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,7,100,5,,,5,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,8,100.125,5,,,x,,\n' +
    '2025-03-01 10:00:00,Push,Bench\u0007 Press,1,100,5,,,,,\n' +
    'yesterday,Push,Bench Press,1,100,5,,,,,\n' +
    '2024-02-30 18:00:00,Push,Bench Press,1,100,5,,,,,\n' +
    '2025-03-01 10:00:00,Push,Bench Press,1,100,5,,,,,,,\n' +
    '2025-02-01 10:00:00,Zero bar,Bench Press,1,0,5,,,,,\n'
  const previews: string[] = []
  for (const lifter of [en, sl]) {
    const upload = await uploadPage(app, lifter, 'strong.csv', csv)
    t.equal(upload.statusCode, 303)
    const preview = await lifter.page(upload.headers.location as string)
    t.equal(preview.statusCode, 200)
    previews.push(preview.body)
    const done = await lifter.form(upload.headers.location as string, {})
    t.equal(done.statusCode, 303)
    previews.push((await lifter.page(done.headers.location as string)).body)
  }
  const [enPreview, enFlash, slPreview, slFlash] = previews as [string, string, string, string]
  t.match(enPreview, /weight &quot;abc&quot; is not a number|weight "abc" is not a number/)
  t.match(enPreview, /RPE 5 is not 6–10 in steps of 0\.5; left out/)
  t.match(enPreview, /Weights read in kg, your unit/)
  t.match(slPreview, /teža: »abc« ni število/)
  t.match(slPreview, /Teže so prebrane v kg/)
  compare(enPreview, slPreview, 'the preview of a file with unreadable rows, warnings and an assumption')
  t.match(enFlash, /line 15: weight must be more than 0 for this exercise/)
  t.match(slFlash, /vrstica 15: teža/)
  compare(enFlash, slFlash, 'the flash after an import with a workout LiftLog could not take')

  const files: [string, string][] = [
    ['empty.csv', ''],
    ['people.csv', 'name,age,city\nAna,30,Ljubljana\n'],
    ['binary.csv', 'Date,Exercise,Reps\n\u0000\u0001'],
    ['quote.csv', 'Date,Exercise,Reps\n2025-03-01,"Squat,5\n'],
  ]
  for (const [name, content] of files) {
    const [english, slovenian] = [
      await uploadPage(app, en, name, content),
      await uploadPage(app, sl, name, content),
    ]
    t.equal(english.statusCode, 400, `${name}: refused`)
    t.equal(slovenian.statusCode, 400, `${name}: refused`)
    compare(english.body, slovenian.body, `${name}: the upload's file error`)
  }
  const hevy = 'title,start_time,exercise_title,set_index\n'
  const [enMissing, slMissing] = [
    await uploadPage(app, en, 'hevy.csv', hevy, { format: 'strong' }),
    await uploadPage(app, sl, 'hevy.csv', hevy, { format: 'strong' }),
  ]
  t.match(slMissing.body, /To ni izvoz iz aplikacije Strong: glava nima stolpcev/)
  compare(enMissing.body, slMissing.body, "a header without the chosen app's columns")
})

t.test('signed-out pages follow Accept-Language', async (t) => {
  const { app } = await buildTestCore(t)
  const check = { allowed: [], englishMessages: englishMessages() }
  for (const url of ['/', '/login', '/register', '/no-such-page', '/how-liftlog-counts']) {
    const get = (language: string) =>
      app.inject({ url, headers: { accept: 'text/html', 'accept-language': language } })
    const [en, sl] = await Promise.all([get('en-GB,en;q=0.9'), get('sl-SI,sl;q=0.9,en;q=0.5')])
    t.match(sl.body, /<html lang="sl">/, `${url}: <html lang="sl">`)
    t.same(untranslatedTexts(en.body, sl.body, check), [], `${url}: no English on the Slovenian page`)
  }
  // Forms refused as a guest: registration with every field wrong, a wrong password, a stale CSRF token.
  const refused = async (url: string, fields: Record<string, string>, language: string, csrf = true) => {
    const session = await guestForm(app, url)
    return app.inject({
      method: 'POST',
      url,
      remoteAddress: session.remoteAddress,
      headers: {
        cookie: session.cookie,
        accept: 'text/html',
        'accept-language': language,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: encodeForm({ _csrf: csrf ? session.csrfToken : 'stale', ...fields }),
    })
  }
  const forms: [string, Record<string, string>, boolean?][] = [
    [
      '/register',
      { username: 'x', password: 'short', displayName: '', timeZone: 'Not/AZone', unit: 'stone' },
    ],
    ['/register', { username: 'ana_novak', password: 'ana_novak_password', timeZone: 'UTC', unit: 'kg' }],
    ['/login', { username: 'nobody_here', password: 'wrong password' }],
    ['/login', { username: 'nobody_here', password: 'wrong password' }, false],
  ]
  for (const [url, fields, csrf] of forms) {
    const [en, sl] = [await refused(url, fields, 'en', csrf), await refused(url, fields, 'sl', csrf)]
    t.ok(sl.statusCode >= 400, `${url}: refused (${sl.statusCode})`)
    t.same(untranslatedTexts(en.body, sl.body, check), [], `${url} refused: no English on the Slovenian page`)
  }
  const none = await app.inject({ url: '/login', headers: { accept: 'text/html' } })
  t.match(none.body, /<html lang="en">/, 'no Accept-Language: English')
  const other = await app.inject({ url: '/login', headers: { accept: 'text/html', 'accept-language': 'de' } })
  t.match(other.body, /<html lang="en">/, 'a language LiftLog does not speak: English')
})

t.test('the check finds English in a Slovenian page (meta-test)', async (t) => {
  const page = (main: string) =>
    `<!doctype html><html lang="x"><head><title>LiftLog</title></head><body><main>${main}</main></body></html>`
  const check = { allowed: ['Heavy day'], englishMessages: ['Log a workout', 'Show as a table'] }
  t.same(
    untranslatedTexts(page('<h1>Workouts</h1><p>5 kg</p>'), page('<h1>Treningi</h1><p>5 kg</p>'), check),
    [],
    'a translated page passes',
  )
  t.same(
    untranslatedTexts(page('<h1>Workouts</h1>'), page('<h1>Workouts</h1>'), check),
    ['Workouts'],
    'a text left as on the English page is found',
  )
  t.same(
    untranslatedTexts(page('<a>x</a>'), page('<p>Danes: Show as a table</p>'), check),
    ['Danes: Show as a table (contains "Show as a table")'],
    'an English catalog message inside other text is found',
  )
  t.same(
    untranslatedTexts(
      page('<b aria-label="Remove set 1">x</b>'),
      page('<b aria-label="Remove set 1">x</b>'),
      check,
    ),
    ['Remove set 1'],
    'English in an attribute people hear is found',
  )
  t.same(
    untranslatedTexts(
      page('<p>Heavy day</p><p>1,5 kg · RPE 8</p>'),
      page('<p>Heavy day</p><p>1,5 kg · RPE 8</p>'),
      check,
    ),
    [],
    'user data, numbers, units and shared abbreviations are allowed',
  )
  t.same(visibleTexts('<script>var a = "English"</script><style>p{}</style><!-- English --><p>x</p>'), ['x'])
})
