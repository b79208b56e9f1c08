// Exercise names from other apps → catalog suggestions; local dates of imported workouts.
import t from 'tap'
import { importedLocalDate } from '../../src/import/local-dates.ts'
import { matchExercises, nameKey, splitEquipment } from '../../src/import/match-exercises.ts'

const suggest = (name: string, hint = {}) => matchExercises([{ name, hint }])[0]!
const matched = (name: string) => {
  const s = suggest(name)
  return s.kind === 'match' ? s.exercise.name : `custom:${s.custom.muscleGroup}/${s.custom.equipment}`
}

t.test('names match case-, punctuation- and plural-insensitively, with equipment suffixes', async (t) => {
  t.equal(nameKey('Pull-Ups'), 'pullup')
  t.same(splitEquipment('Deadlift (Barbell)'), { base: 'Deadlift', equipment: 'barbell' })
  t.equal(matched('Deadlift (Barbell)'), 'Deadlift')
  t.equal(matched('pullup'), 'Pull-Up')
  t.equal(matched('Pull Up'), 'Pull-Up')
  t.equal(matched('CHIN-UPS'), 'Chin-Up')
  t.equal(matched('Bench Press (Barbell)'), 'Bench Press')
  t.equal(matched('Bench Press (Dumbbell)'), 'Dumbbell Bench Press')
  t.equal(matched('Incline Bench Press (Dumbbell)'), 'Incline Dumbbell Press')
  t.equal(matched('Squat (Barbell)'), 'Squat')
  t.equal(matched('Barbell Squat'), 'Squat')
  t.equal(matched('Flat Barbell Bench Press'), 'Bench Press')
  t.equal(matched('Bicep Curl (Dumbbell)'), 'Dumbbell Curl')
  t.equal(matched('Lat Pulldown (Cable)'), 'Lat Pulldown')
  t.equal(matched('Triceps Pushdown (Cable - Straight Bar)'), 'Triceps Pushdown')
  t.equal(matched('Overhead Press (Barbell)'), 'Overhead Press')
  t.equal(matched('Romanian Deadlift (Barbell)'), 'Romanian Deadlift')
  t.equal(matched('Lateral Raises'), 'Lateral Raise')
})

t.test(
  'a different-equipment match is only an alternative; unknown names become custom with a guess',
  async (t) => {
    const machine = suggest('Lat Pulldown (Machine)')
    t.equal(machine.kind, 'custom')
    t.same(
      machine.alternatives.map((e) => e.name),
      ['Lat Pulldown'],
    )
    t.equal(matched('Zercher Squat (Barbell)'), 'custom:quadriceps/barbell')
    t.equal(matched('Spider Curl'), 'custom:biceps/other')
    t.equal(matched('Treadmill'), 'custom:full body/other')
    const fromFile = suggest('Hammer Strength Row', { category: 'Back' })
    t.same(fromFile.kind === 'custom' && fromFile.custom, {
      name: 'Hammer Strength Row',
      category: 'back',
      muscleGroup: 'upper back',
      equipment: 'other',
    })
    const liftlog = suggest('Landmine Press', { muscleGroup: 'shoulders', equipment: 'barbell' })
    t.same(liftlog.kind === 'custom' && liftlog.custom, {
      name: 'Landmine Press',
      category: 'shoulders',
      muscleGroup: 'shoulders',
      equipment: 'barbell',
    })
  },
)

t.test("the lifter's own exercises match exactly first", async (t) => {
  const own = {
    id: 'x',
    name: 'Deadlift (Barbell)',
    muscleGroup: 'lower back',
    equipment: 'barbell' as const,
    category: 'back' as const,
  }
  const [s] = matchExercises([{ name: 'deadlift (barbell)', hint: {} }], [own])
  t.same(s!.kind === 'match' && s!.exercise, own)
})

t.test("local dates: the file's own date wins, else the lifter's zone at the instant", async (t) => {
  t.equal(
    importedLocalDate({ start: '2026-01-10T10:30:00.000Z', localDate: null }, 'Pacific/Auckland'),
    '2026-01-10',
  )
  t.equal(
    importedLocalDate({ start: '2026-01-10T11:30:00.000Z', localDate: null }, 'Pacific/Auckland'),
    '2026-01-11',
  )
  t.equal(
    importedLocalDate({ start: '2026-01-10T11:30:00.000Z', localDate: '2026-01-10' }, 'Pacific/Auckland'),
    '2026-01-10',
  )
})
