// Each app's export, in each documented variation, read into the exact plan a lifter would preview.
import t from 'tap'
import { IMPORT_FORMATS } from '../../src/import/types.ts'
import { english, inEnglish, planOf } from './helpers.ts'

t.test('the formats a lifter can choose', async (t) => {
  t.same(IMPORT_FORMATS, ['strong', 'hevy', 'fitnotes', 'liftlog'])
})

t.test(
  'Strong with ";", a Weight Unit column, decimal commas, W/D/F set orders and timed sets',
  async (t) => {
    const plan = await planOf('strong-semicolon-unit.csv')
    t.equal(plan.fileProblem, null)
    t.equal(plan.detected, 'strong')
    t.same(plan.problems, [])
    t.equal(plan.counts.workouts, 1)
    const [w] = plan.workouts
    t.equal(w!.start, '2019-01-11T11:31:54.000Z', '12:31:54 wall clock in Ljubljana (UTC+1 in January)')
    t.equal(w!.note, 'Felt good')
    t.equal(w!.name, 'Leg')
    t.same(
      w!.sets.map((s) => [
        s.line,
        s.exercise,
        s.kind,
        s.reps,
        s.weight,
        s.unit,
        s.warmup,
        s.dropSet,
        s.failure,
        s.rpe,
      ]),
      [
        [2, 'Deadlift (Barbell)', 'reps', 5, '60', 'kg', true, false, false, null],
        [3, 'Deadlift (Barbell)', 'reps', 5, '142.5', 'kg', false, false, false, '8.5'],
        [4, 'Deadlift (Barbell)', 'reps', 8, '100', 'kg', false, true, false, null],
        [5, 'Squat (Barbell)', 'reps', 3, '225', 'lb', false, false, true, null],
        [6, 'Plank', 'duration', null, null, null, false, false, false, null],
        [7, 'Running', 'duration', null, null, null, false, false, false, null],
      ],
    )
    t.equal(w!.sets[4]!.durationSeconds, 60)
    t.same(w!.sets[5]!.distance, { value: '5', unit: 'km' })
    t.equal(w!.sets[3]!.note, 'grind')
    t.equal(plan.counts.withoutReps, 2)
    t.same(plan.assumptions, [])
  },
)

t.test(
  'Strong with ",", a 12-hour clock with U+202F, no Weight Unit, Note and Rest Timer rows',
  async (t) => {
    const plan = await planOf('strong-12h-no-unit.csv', { unit: 'lb', zone: 'America/New_York' })
    t.same(plan.problems, [])
    t.equal(plan.counts.workouts, 2)
    t.equal(plan.counts.sets, 3)
    const [pull, push] = plan.workouts
    t.equal(pull!.start, '2025-01-29T14:05:00.000Z', '9:05 AM in New York')
    t.equal(pull!.note, 'Pull Up: use the wide grip')
    t.equal(pull!.durationSeconds, 49 * 60)
    t.equal(push!.start, '2025-01-30T17:34:56.000Z', '12:34:56 pm is after noon')
    t.equal(push!.end, '2025-01-30T18:39:56.000Z', '1h 5m later')
    t.same(
      push!.sets.map((s) => [s.weight, s.unit, s.rpe]),
      [
        ['100', 'lb', '8'],
        ['37.5', 'lb', null],
      ],
    )
    t.match(inEnglish(plan.assumptions[0]), /Weights read in lb/)
    t.equal(plan.counts.firstStart, pull!.start)
    t.equal(plan.counts.lastStart, push!.start)
  },
)

t.test(
  'Hevy in kilograms: set types, assisted sets without weight, cardio with distance and time',
  async (t) => {
    const plan = await planOf('hevy-kg.csv', { zone: 'UTC' })
    t.equal(plan.detected, 'hevy')
    t.same(plan.problems, [])
    const [upper, cardio] = plan.workouts
    t.equal(upper!.start, '2025-01-30T12:34:00.000Z')
    t.equal(upper!.end, '2025-01-30T13:23:00.000Z')
    t.equal(upper!.durationSeconds, 49 * 60)
    t.equal(upper!.note, 'Good day')
    t.same(
      upper!.sets.map((s) => [s.exercise, s.reps, s.weight, s.warmup, s.dropSet, s.failure, s.rpe, s.note]),
      [
        ['Bench Press (Barbell)', 10, '60', true, false, false, null, null],
        ['Bench Press (Barbell)', 5, '102.5', false, false, false, '8.5', 'paused'],
        ['Lat Pulldown (Cable)', 12, '50', false, true, false, null, null],
        ['Pull Up (Assisted)', 10, null, false, false, true, null, null],
      ],
    )
    t.same(cardio!.sets[0]!.distance, { value: '5.2', unit: 'km' })
    t.equal(cardio!.sets[0]!.durationSeconds, 1800)
    t.equal(cardio!.sets[0]!.kind, 'duration')
  },
)

t.test('Hevy in pounds keeps 225.37 lb exactly and warns about an RPE LiftLog cannot keep', async (t) => {
  const plan = await planOf('hevy-lbs.csv', { zone: 'UTC' })
  t.same(
    plan.workouts[0]!.sets.map((s) => [s.weight, s.unit, s.rpe]),
    [
      ['100', 'lb', null],
      ['225.37', 'lb', null],
    ],
  )
  t.same(english(plan.warnings), [{ line: 3, reason: 'RPE 5 is not 6–10 in steps of 0.5; left out' }])
})

t.test(
  'FitNotes: one workout per day at 12:00 local, kgs/lbs per row, distance and time, comments',
  async (t) => {
    const plan = await planOf('fitnotes-android.csv', { zone: 'Pacific/Auckland' })
    t.equal(plan.detected, 'fitnotes')
    t.same(plan.problems, [])
    const [d1, d2] = plan.workouts
    t.equal(d1!.start, '2026-08-04T00:00:00.000Z', '12:00 in Auckland (UTC+12 in August)')
    t.equal(d1!.timeKnown, false)
    t.same(
      d1!.sets.map((s) => [s.exercise, s.weight, s.unit, s.reps, s.note]),
      [
        ['Lat Pulldown', '35', 'kg', 10, null],
        ['Flat Barbell Bench Press', '77.16', 'lb', 8, 'testing note 1'],
        ['Dumbbell Curl', '12.5', 'kg', 12, null],
      ],
    )
    t.same(
      d2!.sets.map((s) => [s.kind, s.durationSeconds, s.distance]),
      [
        ['duration', 720, { value: '2', unit: 'km' }],
        ['distance', null, { value: '100', unit: 'm' }],
      ],
    )
    t.same(plan.exercises.find((e) => e.name === 'Lat Pulldown')!.hint, { category: 'Back' })
    t.match(inEnglish(plan.assumptions[0]), /12:00/)
  },
)

t.test('FitNotes with the older "Weight (kgs)" header', async (t) => {
  const plan = await planOf('fitnotes-old-header.csv', { unit: 'lb' })
  t.same(
    plan.workouts[0]!.sets.map((s) => [s.weight, s.unit]),
    [
      ['100', 'kg'],
      ['102.5', 'kg'],
    ],
  )
})

t.test('the lifter may override the detected format', async (t) => {
  const plan = await planOf('hevy-kg.csv', { format: 'strong' })
  t.equal(plan.detected, 'hevy')
  t.equal(plan.format, 'strong')
  t.match(
    inEnglish(plan.fileProblem),
    /^This is not a Strong export: the header has no "date", "exercise name", "set order" columns\.$/,
  )
})
