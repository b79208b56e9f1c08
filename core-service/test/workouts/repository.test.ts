// The workout repository against the real database: local dates, units, scoping, atomic writes.
import t from 'tap'
import { createPrismaClient } from '../../src/db/client.ts'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'
import {
  createWorkout,
  deleteWorkout,
  findWorkout,
  listWorkouts,
  replaceWorkout,
  workoutsOnDate,
} from '../../src/workouts/repository.ts'
import { groupSets } from '../../src/workouts/summary.ts'
import { createTestDatabase } from '../support/database.ts'

let prisma: PrismaClient
let bench: string
let pullUp: string

t.before(async () => {
  const db = await createTestDatabase()
  prisma = createPrismaClient(db.url, 4)
  t.teardown(async () => {
    await prisma.$disconnect()
    await db.drop()
  })
  bench = (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: 'barbell-bench-press' } })).id
  pullUp = (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: 'bodyweight-pull-up' } })).id
})

let n = 0
async function user(timeZone = 'UTC', unit: 'kg' | 'lb' = 'kg') {
  n++
  return prisma.user.create({
    data: { username: `repo_user_${n}`, passwordHash: 'x', displayName: `User ${n}`, timeZone, unit },
  })
}

t.test('a workout at 23:30 in Auckland lands on that Auckland date, sets copy user and start', async (t) => {
  const u = await user('Pacific/Auckland')
  const startedAt = new Date('2026-01-10T10:30:00Z') // 23:30 NZDT (+13) on 2026-01-10
  const w = await createWorkout(prisma, u.id, {
    startedAt,
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(w.localDate, '2026-01-10')
  // The copied columns are the database's business, not the domain type's: read them from the rows.
  const [row] = await prisma.workoutSet.findMany({ where: { workoutId: w.id } })
  t.equal(row?.userId, u.id)
  t.equal(row?.startedAt.toISOString(), startedAt.toISOString())
  t.equal((await workoutsOnDate(prisma, u.id, '2026-01-10')).length, 1)
  t.equal((await workoutsOnDate(prisma, u.id, '2026-01-11')).length, 0)
  const after = await prisma.user.findUniqueOrThrow({ where: { id: u.id } })
  t.equal(after.dataVersion, 1, 'data_version bumped')
})

t.test('225 lb is stored as exactly 102.05828325 kg and reads back as 225 lb', async (t) => {
  const u = await user('UTC', 'lb')
  const w = await createWorkout(prisma, u.id, {
    startedAt: new Date('2026-01-05T10:00:00Z'),
    sets: [1, 2, 3].map(() => ({ exerciseId: bench, reps: 5, weight: 225 })),
  })
  t.equal(w.sets[0]?.weightKg.toString(), '102.05828325')
  t.equal(w.sets[0]?.weightUnit, 'lb')
  t.same(
    groupSets(w.sets, 'lb').map((g) => g.lines.map((l) => l.text)),
    [['3 × 5 @ 225 lb']],
  )
})

t.test('replace keeps user_id/started_at/local_date in step and reorders sets', async (t) => {
  const u = await user('America/Los_Angeles')
  const w = await createWorkout(prisma, u.id, {
    startedAt: new Date('2026-02-01T12:00:00Z'),
    sets: [
      { exerciseId: bench, reps: 5, weight: 100 },
      { exerciseId: pullUp, reps: 8, weight: 0 },
    ],
  })
  // 2026-02-03 06:00 UTC is 22:00 on 2026-02-02 in Los Angeles.
  const moved = await replaceWorkout(prisma, u.id, w.id, {
    startedAt: new Date('2026-02-03T06:00:00Z'),
    title: 'Moved',
    sets: [
      { exerciseId: pullUp, reps: 10, weight: 10, isWarmup: false, rpe: 8.5 },
      { exerciseId: bench, reps: 3, weight: 110 },
    ],
  })
  t.ok(moved)
  t.equal(moved!.localDate, '2026-02-02')
  const rows = await prisma.workoutSet.findMany({ where: { workoutId: w.id }, orderBy: { position: 'asc' } })
  t.same(
    rows.map((s) => [s.exerciseId, s.reps, s.position, s.startedAt.toISOString()]),
    [
      [pullUp, 10, 0, '2026-02-03T06:00:00.000Z'],
      [bench, 3, 1, '2026-02-03T06:00:00.000Z'],
    ],
  )
  t.equal(moved!.sets[0]?.rpe?.toString(), '8.5')
  t.equal((await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).dataVersion, 2)
})

t.test("another user's workout is invisible to reads and writes", async (t) => {
  const owner = await user()
  const other = await user()
  const w = await createWorkout(prisma, owner.id, {
    startedAt: new Date('2026-01-05T10:00:00Z'),
    sets: [{ exerciseId: bench, reps: 5, weight: 60 }],
  })
  t.equal(await findWorkout(prisma, other.id, w.id), null)
  t.equal(
    await replaceWorkout(prisma, other.id, w.id, {
      startedAt: new Date(),
      sets: [{ exerciseId: bench, reps: 1, weight: 1 }],
    }),
    null,
  )
  t.equal(await deleteWorkout(prisma, other.id, w.id), false)
  t.equal((await listWorkouts(prisma, other.id)).total, 0)
  t.equal(
    (await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).dataVersion,
    0,
    'no bump for a miss',
  )
  t.equal((await findWorkout(prisma, owner.id, w.id))?.sets.length, 1)
})

t.test("sets may not use another user's custom exercise; nothing is written", async (t) => {
  const owner = await user()
  const other = await user()
  const mine = await prisma.exercise.create({
    data: {
      ownerId: owner.id,
      name: 'Zercher Squat',
      category: 'legs',
      muscleGroup: 'quadriceps',
      equipment: 'barbell',
    },
  })
  await t.rejects(
    createWorkout(prisma, other.id, {
      startedAt: new Date('2026-01-05T10:00:00Z'),
      sets: [{ exerciseId: mine.id, reps: 5, weight: 60 }],
    }),
    {
      code: 'VALIDATION',
      message: 'sets.0.exerciseId: unknown exercise',
      fields: { 'sets.0.exerciseId': 'unknown exercise' },
    },
  )
  t.equal(await prisma.workout.count({ where: { userId: other.id } }), 0)
  t.equal(
    (await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).dataVersion,
    0,
    'bump rolled back',
  )
})

t.test('input rules: future, weights, RPE, zero load only for bodyweight', async (t) => {
  const u = await user('Pacific/Auckland')
  const now = new Date('2026-01-10T10:00:00Z') // 23:00 in Auckland
  const err = await createWorkout(
    prisma,
    u.id,
    {
      startedAt: new Date('2026-01-10T11:30:00Z'), // 00:30 tomorrow in Auckland
      sets: [
        { exerciseId: bench, reps: -1, weight: 0 },
        { exerciseId: bench, reps: 5, weight: 5000, rpe: 7.3 },
        { exerciseId: pullUp, reps: 5, weight: 0 },
      ],
    },
    now,
  ).catch((e) => e)
  t.equal(err.statusCode, 400)
  t.same(Object.keys(err.fields).sort(), ['sets.0.reps', 'sets.1.rpe', 'sets.1.weight', 'startedAt'])
  const zero = await createWorkout(
    prisma,
    u.id,
    { startedAt: now, sets: [{ exerciseId: bench, reps: 5, weight: 0 }] },
    now,
  ).catch((e) => e)
  t.same(zero.fields, { 'sets.0.weight': 'must be more than 0 for this exercise' })
  const ok = await createWorkout(
    prisma,
    u.id,
    { startedAt: now, sets: [{ exerciseId: pullUp, reps: 5, weight: 0 }] },
    now,
  )
  t.same(groupSets(ok.sets, 'kg')[0]?.lines[0]?.text, '1 × 5 @ bodyweight')
})

t.test('list is newest first and paginated', async (t) => {
  const u = await user()
  for (let day = 1; day <= 5; day++) {
    await createWorkout(prisma, u.id, {
      startedAt: new Date(`2026-01-0${day}T10:00:00Z`),
      title: `Day ${day}`,
      sets: [{ exerciseId: bench, reps: 5, weight: 50 }],
    })
  }
  const first = await listWorkouts(prisma, u.id, { page: 1, perPage: 2 })
  t.same(
    first.items.map((w) => w.title),
    ['Day 5', 'Day 4'],
  )
  t.equal(first.pages, 3)
  const last = await listWorkouts(prisma, u.id, { page: 3, perPage: 2 })
  t.same(
    last.items.map((w) => w.title),
    ['Day 1'],
  )
})
