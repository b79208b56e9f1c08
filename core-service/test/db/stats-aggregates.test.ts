// The stats aggregates (the stats_aggregates migration: exercise_sessions, exercise_months, day_totals,
// lifter_totals, exercise_rungs) stay equal to a full recompute from workouts and workout_sets through
// core's own writers, which know nothing about them: workout create, replace (new start and date, new
// sets; same start), delete, live workouts (tick, untick, change, remove, finish, discard), the CSV
// import, and account deletion. PostgreSQL's triggers do the work in
// each writer's transaction. stats-service's test/stats/aggregates.test.ts checks every endpoint on them.
import t, { type Test } from 'tap'
import { deleteAccount, registerUser } from '../../src/accounts/users.ts'
import { createPrismaClient } from '../../src/db/client.ts'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'
import { applyImport } from '../../src/import/apply.ts'
import { suggestChoices } from '../../src/import/choices.ts'
import {
  addExercise,
  addRow,
  changeRow,
  discardLive,
  finishLive,
  removeRow,
  startLive,
} from '../../src/workouts/live.ts'
import { createWorkout, deleteWorkout, replaceWorkout } from '../../src/workouts/repository.ts'
import { planOf } from '../import/helpers.ts'
import { aggregateDifferences, RECOMPUTED } from '../support/aggregates.ts'
import { createTestDatabase } from '../support/database.ts'

const db = await createTestDatabase()
const prisma: PrismaClient = createPrismaClient(db.url, 4)
t.teardown(async () => {
  await prisma.$disconnect()
  await db.drop()
})

async function matchesRecompute(t: Test, label: string) {
  const differences = await aggregateDifferences(async (text) => ({
    rows: await prisma.$queryRawUnsafe(text),
  }))
  for (const { table, missing, extra, rows } of differences)
    t.same({ missing, extra }, { missing: 0, extra: 0 }, `${label}: ${table} (${rows} rows)`)
}

const ids = async (...keys: string[]) =>
  Promise.all(
    keys.map(async (k) => (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: k } })).id),
  )

t.test('core’s writers keep every aggregate equal to a recompute', async (t) => {
  const [bench, squat, pullUp] = (await ids(
    'barbell-bench-press',
    'barbell-back-squat',
    'bodyweight-pull-up',
  )) as [string, string, string]
  const password = 'correct horse battery staple'
  const lifter = await registerUser(prisma, {
    username: 'agg_core',
    password,
    timeZone: 'Pacific/Auckland',
    unit: 'lb',
  })
  const other = await registerUser(prisma, { username: 'agg_other', password, timeZone: 'UTC', unit: 'kg' })

  const made = []
  for (let day = 0; day < 12; day++) {
    made.push(
      await createWorkout(prisma, lifter.id, {
        // 23:30 in Auckland on some days: the local date is the next UTC day.
        startedAt: new Date(Date.UTC(2026, 0, 1 + day * 3, day % 2 ? 10 : 1, 30)),
        sets: [
          { exerciseId: bench, reps: 5, weight: 135, isWarmup: true },
          { exerciseId: bench, reps: 5 + (day % 3), weight: 185 + day * 2.5 },
          { exerciseId: bench, reps: 0, weight: 225 },
          { exerciseId: squat, reps: 3, weight: 225 + (day % 4) * 5 },
          { exerciseId: pullUp, reps: 8 + day, weight: 0 },
        ],
      }),
    )
  }
  await createWorkout(prisma, other.id, {
    startedAt: new Date('2026-01-02T08:00:00Z'),
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  await matchesRecompute(t, 'created')

  // A new start (re-derived local date) and new sets; then the same start with other sets.
  await replaceWorkout(prisma, lifter.id, made[3]!.id, {
    startedAt: new Date('2026-03-15T06:00:00Z'),
    sets: [{ exerciseId: squat, reps: 1, weight: 405 }],
  })
  await replaceWorkout(prisma, lifter.id, made[5]!.id, {
    startedAt: made[5]!.startedAt,
    sets: [
      { exerciseId: bench, reps: 12, weight: 135 },
      { exerciseId: bench, reps: 12, weight: 135 },
    ],
  })
  await deleteWorkout(prisma, lifter.id, made[0]!.id)
  await matchesRecompute(t, 'replaced and deleted')

  // A live workout: each tick, untick, change and removal is a statement of its own; then finish (sets
  // renumbered) and, for a second one, discard.
  const live = (await startLive(prisma, lifter.id, new Date('2026-03-20T06:00:00Z'))).workout
  let state = await addExercise(prisma, lifter.id, live.id, { exerciseId: bench, copyLast: true })
  const entry = state.entries[0]!
  state = await addRow(prisma, lifter.id, live.id, entry.id, { reps: 3, weight: 245 })
  for (const row of state.entries[0]!.rows)
    state = await changeRow(prisma, lifter.id, live.id, row.id, { reps: 4, done: true })
  await matchesRecompute(t, 'live: ticked')
  const [first, second] = state.entries[0]!.rows
  await changeRow(prisma, lifter.id, live.id, first!.id, { done: false })
  await changeRow(prisma, lifter.id, live.id, second!.id, { weight: 255 })
  await removeRow(prisma, lifter.id, live.id, state.entries[0]!.rows.at(-1)!.id)
  await matchesRecompute(t, 'live: unticked, changed, removed')
  await finishLive(prisma, lifter.id, live.id, new Date('2026-03-20T07:00:00Z'))
  await matchesRecompute(t, 'live: finished')
  const dropped = (await startLive(prisma, lifter.id, new Date('2026-03-21T06:00:00Z'))).workout
  const withSquat = await addExercise(prisma, lifter.id, dropped.id, { exerciseId: squat, copyLast: true })
  await changeRow(prisma, lifter.id, dropped.id, withSquat.entries[0]!.rows[0]!.id, { done: true })
  await discardLive(prisma, lifter.id, dropped.id)
  await matchesRecompute(t, 'live: discarded')

  const plan = await planOf('hevy-kg.csv', { zone: 'Pacific/Auckland', unit: 'lb' })
  const { choices } = await suggestChoices(prisma, lifter.id, plan)
  const outcome = await applyImport(prisma, lifter.id, plan, choices)
  t.ok(outcome.sets > 0, `imported ${outcome.sets} sets`)
  await matchesRecompute(t, 'imported')

  await deleteAccount(prisma, lifter.id, password)
  for (const table of Object.keys(RECOMPUTED)) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1::uuid`,
      lifter.id,
    )
    t.equal(row!.n, 0, `account deleted: no ${table} rows left`)
  }
  await matchesRecompute(t, 'account deleted')
})
