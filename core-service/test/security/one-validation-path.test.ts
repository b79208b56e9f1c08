// One way to validate (issue 14): a form is mapped to the API's body and checked by the same schema and
// the same domain rules, so the form and the JSON API refuse the same bad values with the same message
// per field — the API's 400 `fields`, the form's message next to the field — and store nothing.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, snapshot, testPrisma, workoutForm } from '../workouts/helpers.ts'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'

/** The message shown next to a field (`id="<id>-error"`), as text. */
function shown(html: string, id: string): string | undefined {
  const found = new RegExp(`id="${id}-error">([^<]*)<`).exec(html)?.[1]
  return found?.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&')
}

t.test('the workout form and the API refuse the same sets with the same field messages', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app, { unit: 'kg' })
  const before = await snapshot(prisma)
  const good = { exerciseId: bench, reps: 5, weight: 100 }
  // [what, the set as JSON, the same set as typed, the field]
  const cases: [string, Record<string, unknown>, Record<string, string>, string][] = [
    ['reps over 1000', { reps: 1001 }, { reps: '1001' }, 'reps'],
    ['negative reps', { reps: -1 }, { reps: '-1' }, 'reps'],
    ['10000 kg (over the schema’s limit)', { weight: 10000 }, { weight: '10000' }, 'weight'],
    ['3000 kg (over the kilogram limit)', { weight: 3000 }, { weight: '3000' }, 'weight'],
    ['three decimals', { weight: 100.125 }, { weight: '100.125' }, 'weight'],
    ['no load on a barbell', { weight: 0 }, { weight: '0' }, 'weight'],
    ['RPE 11', { rpe: 11 }, { rpe: '11' }, 'rpe'],
    ['an unknown exercise', { exerciseId: UNKNOWN }, { exerciseId: UNKNOWN }, 'exerciseId'],
  ]
  for (const [what, json, typed, field] of cases) {
    const api = await lifter.api('POST', '/api/v1/workouts', {
      startedAt: '2026-01-12T18:00:00Z',
      sets: [{ ...good, ...json }],
    })
    t.equal(api.statusCode, 400, `API: ${what} → 400`)
    const message = api.json().fields?.[`sets.0.${field}`]
    t.type(message, 'string', `API: ${what} names sets.0.${field}`)
    const form = await lifter.form(
      '/workouts',
      workoutForm({ date: '2026-01-12' }, [
        { exerciseId: bench, reps: '5', weight: '100', ...typed } as { exerciseId: string; reps: string },
      ]),
    )
    t.equal(form.statusCode, 400, `form: ${what} → 400`)
    t.equal(shown(form.body, `set-0-${field}`), message, `${what}: the form says what the API says`)
  }
  const title = 'T'.repeat(121)
  const api = await lifter.api('POST', '/api/v1/workouts', { title, sets: [good] })
  const form = await lifter.form(
    '/workouts',
    workoutForm({ date: '2026-01-12', title }, [{ exerciseId: bench, reps: '5', weight: '100' }]),
  )
  t.equal(shown(form.body, 'title'), api.json().fields?.title, 'a long title: the same message')
  t.same(await snapshot(prisma), before, 'nothing was stored')
})

t.test('exercise, settings and token forms say what the API says', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { displayName: 'Ada' })
  const before = await snapshot(prisma)
  const exercise = { category: 'legs', muscleGroup: 'quadriceps', equipment: 'barbell' }
  const cases: [string, [string, string, unknown], [string, Record<string, string>], string, string][] = [
    [
      'an exercise name of 81 characters',
      ['POST', '/api/v1/exercises', { ...exercise, name: 'n'.repeat(81) }],
      ['/exercises', { ...exercise, name: 'n'.repeat(81) }],
      'name',
      'name',
    ],
    [
      'a blank exercise name',
      ['POST', '/api/v1/exercises', { ...exercise, name: '   ' }],
      ['/exercises', { ...exercise, name: '   ' }],
      'name',
      'name',
    ],
    [
      'an unknown equipment',
      ['POST', '/api/v1/exercises', { ...exercise, name: 'Sissy Squat', equipment: 'spoon' }],
      ['/exercises', { ...exercise, name: 'Sissy Squat', equipment: 'spoon' }],
      'equipment',
      'equipment',
    ],
    [
      'a display name of 81 characters',
      ['PATCH', '/api/v1/me', { displayName: 'd'.repeat(81), timeZone: 'UTC', unit: 'kg' }],
      ['/settings', { displayName: 'd'.repeat(81), timeZone: 'UTC', unit: 'kg' }],
      'displayName',
      'displayName',
    ],
    [
      'an unknown time zone',
      ['PATCH', '/api/v1/me', { displayName: 'Ada', timeZone: 'Mars/Olympus_Mons', unit: 'kg' }],
      ['/settings', { displayName: 'Ada', timeZone: 'Mars/Olympus_Mons', unit: 'kg' }],
      'timeZone',
      'timeZone',
    ],
    [
      'a unit of stone',
      ['PATCH', '/api/v1/me', { unit: 'stone' }],
      ['/settings', { displayName: 'Ada', timeZone: 'UTC', unit: 'stone' }],
      'unit',
      'unit',
    ],
    [
      'a blank token name',
      ['POST', '/api/v1/tokens', { name: '   ' }],
      ['/settings/tokens', { name: '   ' }],
      'name',
      'name',
    ],
    [
      'a new password of 5 characters',
      ['POST', '/api/v1/me/password', { currentPassword: lifter.password, newPassword: 'short' }],
      ['/settings/password', { currentPassword: lifter.password, newPassword: 'short' }],
      'newPassword',
      'newPassword',
    ],
  ]
  for (const [what, [method, url, body], [formUrl, fields], field, id] of cases) {
    const api = await lifter.api(method as 'POST', url, body)
    t.equal(api.statusCode, 400, `API: ${what} → 400`)
    const message = api.json().fields?.[field]
    t.type(message, 'string', `API: ${what} names ${field}`)
    const form = await lifter.form(formUrl, fields)
    t.equal(form.statusCode, 400, `form: ${what} → 400`)
    t.equal(shown(form.body, id), message, `${what}: the form says what the API says`)
  }
  t.same(await snapshot(prisma), before, 'nothing was stored')
})
