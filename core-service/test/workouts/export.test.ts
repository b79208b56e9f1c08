// "Download all my sets": the CSV has every set of the lifter's and nobody else's, in their unit and zone,
// quoted so that commas, quotes and line breaks survive, and formula-looking text made harmless.
import t from 'tap'
import { exportSetsCsv } from '../../src/workouts/export.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from './helpers.ts'

const URL = '/api/v1/export/sets.csv'

/** RFC 4180 parsing, written here independently of the exporter: rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF')
  return rows
}

t.test('the CSV holds every set of the lifter, oldest first, in their unit and zone', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, pullUp } = await catalog(prisma)
  const alice = await signUp(app, { timeZone: 'Pacific/Auckland', unit: 'lb' })
  const mallory = await signUp(app)
  const heavy = await logWorkout(alice, {
    startedAt: '2026-01-10T10:30:00Z', // 23:30 in Auckland (UTC+13 in January)
    title: 'Heavy, "top" day',
    notes: '=HYPERLINK("x")\nsecond line',
    sets: [
      { exerciseId: bench, reps: 5, weight: 135, isWarmup: true },
      { exerciseId: bench, reps: 5, weight: 225, rpe: 8.5 },
    ],
  })
  const early = await logWorkout(alice, {
    startedAt: '2025-12-31T12:00:00.250Z', // 1 January, 01:00 in Auckland (the CSV drops the milliseconds)
    sets: [{ exerciseId: pullUp, reps: 8, weight: 0 }],
  })
  await logWorkout(mallory, { title: 'Mallory only', sets: [{ exerciseId: bench, reps: 1, weight: 50 }] })

  const res = await alice.api('GET', URL)
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/)
  t.equal(
    res.headers['content-disposition'],
    `attachment; filename="liftlog-${alice.user.username}-${new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date())}.csv"`,
  )
  t.equal(res.headers['cache-control'], 'no-store')
  t.notMatch(res.body, /Mallory/, 'nothing of another lifter')
  const [header, ...rows] = parseCsv(res.body)
  t.same(header, [
    'date',
    'started_at',
    'workout_id',
    'workout_title',
    'workout_notes',
    'exercise',
    'muscle_group',
    'equipment',
    'set',
    'reps',
    'weight_kg',
    'weight',
    'unit',
    'rpe',
    'warmup',
  ])
  // Weights as typed, with their exact kilograms: 135 lb = 61.23496995 kg (it used to come back 134.99 lb).
  t.same(rows, [
    [
      '2026-01-01',
      '2026-01-01T01:00:00+13:00',
      early.id,
      '',
      '',
      'Pull-Up',
      'lats',
      'bodyweight',
      '1',
      '8',
      '0',
      '0',
      'lb',
      '',
      'no',
    ],
    [
      '2026-01-10',
      '2026-01-10T23:30:00+13:00',
      heavy.id,
      'Heavy, "top" day',
      `'=HYPERLINK("x")\nsecond line`,
      'Bench Press',
      'chest',
      'barbell',
      '1',
      '5',
      '61.23496995',
      '135',
      'lb',
      '',
      'yes',
    ],
    [
      '2026-01-10',
      '2026-01-10T23:30:00+13:00',
      heavy.id,
      'Heavy, "top" day',
      `'=HYPERLINK("x")\nsecond line`,
      'Bench Press',
      'chest',
      'barbell',
      '2',
      '5',
      '102.05828325',
      '225',
      'lb',
      '8.5',
      'no',
    ],
  ])

  // Paging does not change a byte, whatever the page size.
  const whole = async (pageSize: number) => {
    let text = ''
    for await (const chunk of exportSetsCsv(prisma, { ...alice.user, unit: 'lb' }, pageSize)) text += chunk
    return text
  }
  t.equal(await whole(1), res.body, 'one set a page')
  t.equal(await whole(2), res.body, 'a page boundary inside a workout')

  const theirs = parseCsv((await mallory.api('GET', URL)).body)
  t.equal(theirs.length, 2, 'Mallory gets her header and her one set')
  t.equal(theirs[1]![3], 'Mallory only')
})

t.test(
  'the settings page links it, /apidocs lists it, the cookie opens it, a guest gets 401 and a new lifter only the header',
  async (t) => {
    const { app } = await buildTestCore(t)
    const lifter = await signUp(app)
    t.match((await lifter.page('/settings')).body, `href="${URL}"`)
    const viaCookie = await lifter.page(URL)
    t.equal(viaCookie.statusCode, 200)
    t.equal(parseCsv(viaCookie.body).length, 1, 'nothing logged yet: the header row alone')
    const doc = (await app.inject('/apidocs/json')).json()
    t.ok(doc.paths[URL].get.responses['200'].content['text/csv'], '/apidocs documents it as text/csv')
    const guest = await app.inject({ url: URL })
    t.equal(guest.statusCode, 401)
    t.equal(guest.json().code, 'UNAUTHENTICATED')
  },
)
