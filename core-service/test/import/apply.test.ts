// The import's confirm step against the real database: what is written, exactly as the file had it, in
// one transaction; duplicates and unacceptable workouts left out with their reasons; nothing half-written.
import t, { type Test } from 'tap'
import { applyImport } from '../../src/import/apply.ts'
import { suggestChoices } from '../../src/import/choices.ts'
import { buildImportPlan } from '../../src/import/plan.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, snapshot, testPrisma } from '../workouts/helpers.ts'
import { chunks, english, inEnglish, planOf } from './helpers.ts'

async function setup(t: Test, timeZone = 'Europe/Ljubljana') {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { timeZone })
  const version = async () =>
    (await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion
  return { app, prisma, lifter, userId: lifter.user.id, version }
}

t.test('a Hevy export is written as the file has it, in one data_version bump', async (t) => {
  const { prisma, userId, version } = await setup(t)
  const plan = await planOf('hevy-kg.csv')
  const { choices, suggestions } = await suggestChoices(prisma, userId, plan)
  t.ok(
    suggestions.some((s) => s.kind === 'custom'),
    'at least one name has no match and becomes a custom exercise',
  )
  const before = await version()
  const outcome = await applyImport(prisma, userId, plan, choices)
  t.equal((await version()) - before, 1, 'one bump for the whole import')

  const storable = plan.workouts.filter((w) => w.sets.some((s) => s.reps !== null))
  t.equal(outcome.workouts, storable.length)
  t.equal(outcome.setsWithoutReps, plan.counts.withoutReps)
  t.equal(outcome.sets, plan.counts.sets - plan.counts.withoutReps)
  t.equal(
    outcome.exercisesCreated,
    suggestions.filter((s) => s.kind === 'custom').length,
    'a custom exercise per unmatched name',
  )
  const workouts = await prisma.workout.findMany({
    where: { userId },
    orderBy: { startedAt: 'asc' },
    include: { sets: { orderBy: { position: 'asc' }, include: { exercise: true } } },
  })
  t.equal(workouts.length, outcome.workouts)
  const upper = workouts[0]!
  t.equal(upper.title, 'Upper A')
  t.equal(upper.startedAt.toISOString(), '2025-01-30T11:34:00.000Z', '12:34 in Ljubljana (CET)')
  t.equal(upper.localDate.toISOString().slice(0, 10), '2025-01-30')
  t.equal(upper.timeZone, 'Europe/Ljubljana')
  const bench = upper.sets.find((s) => s.reps === 5)!
  t.equal(bench.weightKg.toFixed(), '102.5', 'the weight exactly as typed')
  t.equal(bench.weightUnit, 'kg')
  t.equal(bench.rpe?.toFixed(), '8.5')
  t.equal(upper.sets[0]!.isWarmup, true, 'the warm-up stays a warm-up')
  t.ok(
    upper.sets.every((s) => s.userId === userId && s.startedAt.getTime() === upper.startedAt.getTime()),
    'sets carry the workout’s user and start',
  )
  const own = await prisma.exercise.findMany({ where: { ownerId: userId } })
  t.equal(own.length, outcome.exercisesCreated, 'custom exercises belong to the lifter')
})

t.test('importing the same file twice adds nothing the second time', async (t) => {
  const { prisma, userId } = await setup(t)
  const plan = await planOf('strong-semicolon-unit.csv')
  const first = await applyImport(prisma, userId, plan, (await suggestChoices(prisma, userId, plan)).choices)
  t.ok(first.workouts > 0)
  const again = await suggestChoices(prisma, userId, plan)
  t.notOk(
    again.suggestions.some((s) => s.kind === 'custom'),
    'the custom exercises of the first import now match',
  )
  const before = await snapshot(prisma)
  const second = await applyImport(prisma, userId, plan, again.choices)
  t.equal(second.workouts, 0)
  t.equal(second.duplicates, first.workouts)
  t.equal(second.exercisesCreated, 0)
  const after = await snapshot(prisma)
  t.same(after.workouts, before.workouts, 'no workout added')
  t.same(after.sets, before.sets, 'no set added')
  t.same(after.exercises, before.exercises, 'no exercise added')
})

t.test('a workout LiftLog cannot take is skipped whole, with its line and why', async (t) => {
  const { prisma, userId } = await setup(t)
  const csv =
    'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,Workout Duration\n' +
    '2025-03-01 10:00:00,Good,Bench Press (Barbell),1,100,5,,,,,1h\n' +
    '2025-03-02 10:00:00,Zero bar,Bench Press (Barbell),1,100,5,,,,,1h\n' +
    '2025-03-02 10:00:00,Zero bar,Bench Press (Barbell),2,0,5,,,,,1h\n' +
    '2099-01-01 10:00:00,Future,Bench Press (Barbell),1,100,5,,,,,1h\n' +
    `2025-03-03 10:00:00,${'T'.repeat(130)},Bench Press (Barbell),1,100,5,,,,,1h\n`
  const plan = await buildImportPlan(chunks(csv), { zone: 'UTC', unit: 'kg', format: 'strong' })
  t.same(plan.problems, [])
  const { choices } = await suggestChoices(prisma, userId, plan)
  const outcome = await applyImport(prisma, userId, plan, choices)
  t.equal(outcome.workouts, 2, 'the good one and the long title')
  t.same(english(outcome.skipped), [
    { line: 3, reason: 'line 4: weight must be more than 0 for this exercise' },
    { line: 5, reason: 'start cannot be after today' },
  ])
  t.same(english(outcome.shortened), [{ line: 6, reason: "title shortened to LiftLog's limit" }])
  const titles = (await prisma.workout.findMany({ where: { userId }, orderBy: { startedAt: 'asc' } })).map(
    (w) => w.title,
  )
  t.same(titles, ['Good', `${'T'.repeat(119)}…`])
  t.equal(await prisma.workoutSet.count({ where: { userId } }), 2, 'no set of a skipped workout')
})

t.test('another lifter’s exercise cannot be chosen; a missing choice writes nothing', async (t) => {
  const { app, prisma, userId } = await setup(t)
  const other = await signUp(app)
  const theirs = await prisma.exercise.create({
    data: {
      ownerId: other.user.id,
      name: 'Their press',
      category: 'chest',
      muscleGroup: 'chest',
      equipment: 'barbell',
    },
  })
  const plan = await planOf('strong-semicolon-unit.csv')
  const { choices } = await suggestChoices(prisma, userId, plan)
  const name = plan.exercises[0]!.name
  const before = await snapshot(prisma)
  const foreign = await applyImport(prisma, userId, plan, { ...choices, [name]: { exerciseId: theirs.id } })
  t.ok(foreign.skipped.some((s) => /exerciseId unknown exercise/.test(inEnglish(s.reason) ?? '')))
  t.equal(
    await prisma.workoutSet.count({ where: { exerciseId: theirs.id } }),
    0,
    'no set logged with their exercise',
  )

  await prisma.workout.deleteMany({ where: { userId } })
  await prisma.exercise.deleteMany({ where: { ownerId: userId } })
  const { [name]: _left, ...missing } = choices
  await t.rejects(applyImport(prisma, userId, plan, missing), {
    statusCode: 400,
    message: `choose an exercise for "${name}"`,
  })
  const after = await snapshot(prisma)
  t.same(after.workouts, before.workouts, 'nothing written')
  t.same(after.exercises, before.exercises, 'no custom exercise left behind')
  t.ok(await catalog(prisma))
})
