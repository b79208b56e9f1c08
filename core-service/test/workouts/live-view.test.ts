// What the live page says of last time and which exercises its picker offers, worked out by hand.
import t from 'tap'
import type { Exercise } from '../../src/exercises/types.ts'
import { pickerChoices, rowAction, toRowChange } from '../../src/workouts/live-form.ts'
import { fillFromPrevious, previousRow } from '../../src/workouts/live-plan.ts'
import { lastTimeLine, setsLine } from '../../src/workouts/live-view.ts'

t.test('last time reads as runs of equal sets, with the year only when it is not this one', async (t) => {
  const five = { reps: 5, weight: '100', unit: 'kg' as const }
  t.equal(setsLine([five, five, five]), '3 × 5 @ 100 kg')
  t.equal(
    setsLine([five, { reps: 3, weight: '110', unit: 'kg' }, { reps: 3, weight: '110', unit: 'kg' }]),
    '5 @ 100 kg, 2 × 3 @ 110 kg',
  )
  t.equal(setsLine([{ reps: 5, weight: '137.5', unit: 'lb' }]), '5 @ 137.5 lb', 'as typed')
  const last = { workoutId: 'w', localDate: '2026-11-28', sets: [five, five, five] }
  t.equal(lastTimeLine(last, '2026-12-07'), 'last: 3 × 5 @ 100 kg, 28 Nov')
  t.equal(lastTimeLine(last, '2027-01-03'), 'last: 3 × 5 @ 100 kg, 28 Nov 2026')
})

t.test('in Slovenian: "po", the decimal comma and the date as Slovenian writes it', async (t) => {
  const sets = [
    { reps: 5, weight: '102.5', unit: 'kg' as const },
    { reps: 5, weight: '102.5', unit: 'kg' as const },
  ]
  t.equal(setsLine(sets, 'sl'), '2 × 5 po 102,5 kg')
  t.equal(setsLine(sets), '2 × 5 @ 102.5 kg', 'English (and the JSON API) as before')
  const last = { workoutId: 'w', localDate: '2026-11-28', sets }
  t.equal(lastTimeLine(last, '2026-12-07', 'sl'), 'zadnjič: 2 × 5 po 102,5 kg, 28. nov.')
  t.equal(lastTimeLine(last, '2027-01-03', 'sl'), 'zadnjič: 2 × 5 po 102,5 kg, 28. nov. 2026')
})

t.test('the picker: recent first, then by name; search folds case, spaces and hyphens', async (t) => {
  const exercise = (id: string, name: string, archived = false) =>
    ({
      id,
      name,
      archived,
      builtIn: true,
      category: 'back',
      muscleGroup: 'lats',
      equipment: 'barbell',
      isBodyweight: false,
    }) as Exercise
  const all = [
    exercise('a', 'Bench Press'),
    exercise('b', 'Pull-Up'),
    exercise('c', 'Squat'),
    exercise('d', 'Old Lift', true),
  ]
  t.same(
    pickerChoices(all, ['c', 'b']).map((c) => [c.name, c.recent]),
    [
      ['Squat', true],
      ['Pull-Up', true],
      ['Bench Press', false],
    ],
    'archived exercises are not offered',
  )
  for (const q of ['pullup', 'pull up', 'PULL-UP'])
    t.same(
      pickerChoices(all, [], q).map((c) => c.name),
      ['Pull-Up'],
      q,
    )
  t.equal(pickerChoices(all, [], 'pullup')[0]?.key, 'pullup', 'the key the page script matches')
  const sl = pickerChoices(all, [], '', 'sl')
  t.notOk(
    sl.some((c) => c.name === 'Pull-Up'),
    'in Slovenian a built-in shows its Slovenian name',
  )
  for (const q of ['pullup', sl.find((c) => c.id === 'b')?.name ?? ''])
    t.same(
      pickerChoices(all, [], q, 'sl').map((c) => c.id),
      ['b'],
      `found by its name in either language (${q})`,
    )
  t.same(
    pickerChoices([...all, exercise('e', 'Arm Curl')], ['b'], '', 'en', ['c', 'b', 'a']).map((c) => c.name),
    ['Pull-Up', 'Squat', 'Bench Press', 'Arm Curl'],
    'recent first, then the staples in their order, then the rest by name',
  )
})

t.test('an empty planned row defaults to the nearest earlier row with reps', async (t) => {
  const row = (id: string, reps: number | null, weight: string | null) => ({
    id,
    reps,
    weight,
    unit: 'kg' as const,
    setId: null,
  })
  const rows = [row('1', 5, '100'), row('2', null, null), row('3', null, null)]
  t.equal(previousRow(rows, rows[0]!), undefined, 'the first row has none')
  t.equal(previousRow(rows, rows[2]!)?.id, '1', 'skips an empty row')
  const typed = row('4', null, '90')
  fillFromPrevious(typed, rows[0])
  t.match(typed, { reps: 5, weight: '90' }, 'only the empty fields are taken')
})

t.test('a row form becomes the API body in one step', async (t) => {
  t.equal(rowAction({ action: 'done' }), 'done')
  t.equal(rowAction({ action: 'save-everything' }), 'keep', 'anything else only keeps the typed values')
  t.same(toRowChange({ reps: '5', weight: '102,5' }, 'done'), { reps: 5, weight: 102.5, done: true })
  t.same(toRowChange({ reps: '', weight: '' }, 'undo'), { done: false }, 'empty fields are left as they were')
  t.ok(
    Number.isNaN(toRowChange({ reps: '1e3' }, 'keep').reps),
    'not a plain decimal: NaN, which the schema refuses',
  )
})
