// Property: any weight with at most two decimals, typed in kg or lb, comes back exactly as typed — in the
// edit form, the JSON API and the CSV export — however it was written (form or API). Weights are drawn
// from a seeded generator (reproducible) plus the ones lifters reported (185 lb read back as 184.99).
import t from 'tap'
import { MAX_WEIGHT_KG } from '../../src/units.ts'
import { buildTestCore } from '../support/app.ts'
import { type SignedInUser, signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma, workoutForm } from './helpers.ts'

const REPORTED = ['135', '185', '225.5', '155', '137.5', '142.5', '17.5', '51.25', '57.75', '61.23', '0.01']

/** A small deterministic generator (mulberry32), so a failure names a reproducible weight. */
function generator(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** Weights as a lifter types them: 1 to `max` hundredths, written the shortest way ("61.2", not "61.20"). */
function weights(unit: 'kg' | 'lb', count: number): string[] {
  const max = unit === 'lb' ? Math.floor((MAX_WEIGHT_KG / 0.45359237) * 100) : MAX_WEIGHT_KG * 100
  const next = generator(unit === 'lb' ? 185 : 100)
  const drawn = Array.from({ length: count }, () => String((1 + Math.floor(next() * max)) / 100))
  return [...REPORTED, ...drawn]
}

function csvWeights(text: string): string[] {
  const [header, ...rows] = text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','))
  const weight = header!.indexOf('weight')
  const unit = header!.indexOf('unit')
  return rows.map((row) => `${row[weight]} ${row[unit]}`)
}

async function readBack(lifter: SignedInUser, id: string) {
  const edit = (await lifter.page(`/workouts/${id}/edit`)).body
  // Spare blank rows follow the sets.
  const form = [...edit.matchAll(/name="sets\[\d+\]\[weight\]"[^>]*value="([^"]+)"/g)].map((m) => m[1])
  const json = (await lifter.api('GET', `/api/v1/workouts/${id}`)).json()
  const api = json.sets.map((s: { weight: number }) => String(s.weight))
  const logged = json.sets.map(
    (s: { loggedWeight: number; loggedUnit: string }) => `${s.loggedWeight} ${s.loggedUnit}`,
  )
  return { form, api, logged }
}

for (const unit of ['kg', 'lb'] as const) {
  t.test(`every ≤ 2-decimal weight in ${unit} round-trips through form, API and CSV`, async (t) => {
    const { app, db } = await buildTestCore(t)
    const prisma = testPrisma(t, db.url)
    const { bench } = await catalog(prisma)
    const lifter = await signUp(app, { unit })
    const typed = weights(unit, 150)

    // Written through the form…
    const res = await lifter.form(
      '/workouts',
      workoutForm(
        { date: '2026-01-10', title: 'Form' },
        typed.map((weight) => ({ exerciseId: bench, reps: '1', weight })),
      ),
    )
    t.equal(res.statusCode, 303)
    const fromForm = /\/workouts\/([0-9a-f-]{36})$/.exec(res.headers.location as string)?.[1] as string
    const viaForm = await readBack(lifter, fromForm)
    t.same(viaForm.form, typed, 'edit form shows what was typed')
    t.same(viaForm.api, typed, 'API weight is what was typed')
    t.same(
      viaForm.logged,
      typed.map((w) => `${w} ${unit}`),
    )

    // …saving the edit form unchanged changes nothing…
    const again = await lifter.form(
      `/workouts/${fromForm}/edit`,
      workoutForm(
        { date: '2026-01-10', title: 'Form' },
        viaForm.form.map((weight) => ({ exerciseId: bench, reps: '1', weight: weight as string })),
      ),
    )
    t.equal(again.statusCode, 303)
    t.same((await readBack(lifter, fromForm)).api, typed, 'stable on re-save')

    // …and through the API, at another date.
    const created = await logWorkout(lifter, {
      startedAt: '2026-01-11T10:00:00Z',
      sets: typed.map((weight) => ({ exerciseId: bench, reps: 1, weight: Number(weight) })),
    })
    t.same(
      created.sets.map((s: { weight: number }) => String(s.weight)),
      typed,
      'API answer',
    )
    t.same((await readBack(lifter, created.id)).form, typed, 'edit form of an API write')

    const csv = (await lifter.api('GET', '/api/v1/export/sets.csv')).body
    t.same(
      csvWeights(csv),
      [...typed, ...typed].map((w) => `${w} ${unit}`),
      'CSV weight and unit',
    )
  })
}

t.test('a weight with more than two decimals or an unknown unit is refused, nothing stored', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app, { unit: 'kg' })
  const tooPrecise = await lifter.api('POST', '/api/v1/workouts', {
    sets: [{ exerciseId: bench, reps: 5, weight: 100.005 }],
  })
  t.equal(tooPrecise.statusCode, 400)
  t.match(tooPrecise.json().message, /sets\.0\.weight: must have at most 2 decimals/)
  const form = await lifter.form('/workouts', {
    ...workoutForm({ date: '2026-01-10' }, [{ exerciseId: bench, reps: '5', weight: '100' }]),
    'sets[0][unit]': 'stone',
  })
  t.equal(form.statusCode, 400)
  t.match(form.body, /unit must be kg or lb/)
  t.equal(await prisma.workout.count({ where: { userId: lifter.user.id } }), 0)
  const inLb = await logWorkout(lifter, { sets: [{ exerciseId: bench, reps: 5, weight: 225, unit: 'lb' }] })
  t.same(
    [inLb.sets[0].weight, inLb.sets[0].loggedWeight, inLb.sets[0].loggedUnit, inLb.sets[0].weightKg],
    [102.06, 225, 'lb', 102.05828325],
    'a kg lifter may log a set in lb: kept as 225 lb, shown as 102.06 kg',
  )
})
