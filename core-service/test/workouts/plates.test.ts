// Plate math: hand-worked loadings in kg and lb, what is left over when no plate fits, and the plates on
// the workout page beside barbell sets only, in the unit each set was typed in.
import t from 'tap'
import { toKg } from '../../src/units.ts'
import { describeLoading, loadBar } from '../../src/workouts/plates.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from './helpers.ts'

t.test('plates per side, heaviest first, from the standard sets', async (t) => {
  // 100 kg: (100 − 20) ÷ 2 = 40 = 25 + 15.
  t.same(loadBar('100', 'kg'), { unit: 'kg', bar: '20', perSide: ['25', '15'], leftOver: null })
  // 137.5 kg: 58.75 = 25 + 25 + 5 + 2.5 + 1.25.
  t.same(loadBar('137.5', 'kg')?.perSide, ['25', '25', '5', '2.5', '1.25'])
  // 101 kg: 40.5 = 25 + 15, 0.5 left over (no 0.5 kg plate in the standard set).
  t.same(loadBar('101', 'kg'), { unit: 'kg', bar: '20', perSide: ['25', '15'], leftOver: '0.5' })
  // 225 lb: (225 − 45) ÷ 2 = 90 = 45 + 45; 185 lb: 70 = 45 + 25.
  t.same(loadBar('225', 'lb')?.perSide, ['45', '45'])
  t.same(loadBar('185', 'lb')?.perSide, ['45', '25'])
  t.same(loadBar('20', 'kg'), { unit: 'kg', bar: '20', perSide: [], leftOver: null }, 'the bare bar')
  t.equal(loadBar('15', 'kg'), null, 'lighter than the bar')
})

t.test('how a loading reads', async (t) => {
  t.equal(describeLoading('100', 'kg'), 'per side: 25 + 15 kg (20 kg bar)')
  t.equal(describeLoading('101', 'kg'), 'per side: 25 + 15 kg (20 kg bar), 0.5 kg per side left over')
  t.equal(describeLoading(toKg('225', 'lb').toString(), 'lb'), 'per side: 45 + 45 lb (45 lb bar)')
  t.equal(describeLoading('20', 'kg'), 'empty 20 kg bar')
  t.equal(describeLoading('21', 'kg'), 'per side: no plate (20 kg bar), 0.5 kg per side left over')
  t.equal(describeLoading('10', 'kg'), null)
})

t.test('the workout page shows plates beside barbell sets, in the unit the set was typed in', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { unit: 'kg' })
  const res = await lifter.api('POST', '/api/v1/workouts', {
    startedAt: '2026-11-20T08:00:00Z',
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: bench, reps: 3, weight: 225, unit: 'lb' },
      { exerciseId: pullUp, reps: 8, weight: 20 },
    ],
  })
  t.equal(res.statusCode, 201)
  const html = (await lifter.page(`/workouts/${res.json().id}`)).body
  t.match(html, /1 × 5 @ 100 kg<br><span class="muted small">per side: 25 \+ 15 kg \(20 kg bar\)<\/span>/)
  t.match(html, /per side: 45 \+ 45 lb \(45 lb bar\)/, 'a set typed in lb is loaded with lb plates')
  t.equal((html.match(/per side:/g) ?? []).length, 2, 'no plates for the pull-up (not a barbell)')
})
