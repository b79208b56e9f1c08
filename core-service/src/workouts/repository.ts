// Workouts of one lifter. Every function takes the signed-in user's id first and every query filters by
// it, so another lifter's workout is indistinguishable from a missing one. Every write is one transaction
// that also fixes local_date, copies user_id/started_at onto the sets and bumps users.data_version.
// Rows leave as the domain's Workout (types.ts): exact decimals as strings, dates as "YYYY-MM-DD".
// Routes use workoutStore (the end of this file) through request.lifter.workouts.

import { lockOwner } from '../db/lock-owner.ts'
import { isId, visibleTo } from '../exercises/repository.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import type { WeightUnit } from '../units.ts'
import { exportSetsCsv } from './export.ts'
import { checkExercises, type NormalizedWorkout, normalizeWorkout, type WorkoutInput } from './input.ts'
import { stillLive } from './live-errors.ts'
import { dateColumn, fromDateColumn, localDateOf } from './local-time.ts'
import type { Page, Workout } from './types.ts'

export type { Page, Workout, WorkoutSet } from './types.ts'

type Db = PrismaClient | Prisma.TransactionClient

const withSets = {
  sets: {
    orderBy: { position: 'asc' },
    include: {
      exercise: {
        select: { id: true, name: true, isBodyweight: true, equipment: true, ownerId: true, archived: true },
      },
    },
  },
} satisfies Prisma.WorkoutInclude

type WorkoutRow = Prisma.WorkoutGetPayload<{ include: typeof withSets }>

/** The domain's view of a workout row with its sets (types.ts). */
function toWorkout(row: WorkoutRow): Workout {
  return {
    id: row.id,
    startedAt: row.startedAt,
    localDate: fromDateColumn(row.localDate),
    timeZone: row.timeZone,
    title: row.title,
    notes: row.notes,
    endedAt: row.endedAt,
    live: row.liveOwnerId !== null,
    sets: row.sets.map((set) => ({
      id: set.id,
      position: set.position,
      exerciseId: set.exerciseId,
      exercise: {
        id: set.exercise.id,
        name: set.exercise.name,
        isBodyweight: set.exercise.isBodyweight,
        equipment: set.exercise.equipment,
        builtIn: set.exercise.ownerId === null,
        archived: set.exercise.archived,
      },
      reps: set.reps,
      // toFixed(): plain notation always (toString may switch to exponents), every stored digit kept.
      weightKg: set.weightKg.toFixed(),
      weightUnit: set.weightUnit,
      rpe: set.rpe === null ? null : set.rpe.toFixed(),
      isWarmup: set.isWarmup,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The user's workouts, newest first. */
export async function listWorkouts(
  db: Db,
  userId: string,
  { page = 1, perPage = 20, date }: { page?: number; perPage?: number; date?: string } = {},
): Promise<Page<Workout>> {
  const where: Prisma.WorkoutWhereInput = { userId, ...(date ? { localDate: dateColumn(date) } : {}) }
  const [total, items] = await Promise.all([
    db.workout.count({ where }),
    db.workout.findMany({
      where,
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * perPage,
      take: perPage,
      include: withSets,
    }),
  ])
  return {
    items: items.map(toWorkout),
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
  }
}

/** The user's workouts on one of their local dates, in the order they happened. */
export async function workoutsOnDate(db: Db, userId: string, isoDate: string): Promise<Workout[]> {
  const rows = await db.workout.findMany({
    where: { userId, localDate: dateColumn(isoDate) },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    include: withSets,
  })
  return rows.map(toWorkout)
}

/** One of the user's workouts, or null. */
export async function findWorkout(db: Db, userId: string, id: string): Promise<Workout | null> {
  if (!isId(id)) return null
  const row = await db.workout.findFirst({ where: { id, userId }, include: withSets })
  return row ? toWorkout(row) : null
}

/** Creates a workout; throws WorkoutInputError (nothing written) when the input is not acceptable. */
export async function createWorkout(
  prisma: PrismaClient,
  userId: string,
  input: WorkoutInput,
  now = new Date(),
) {
  const id = await prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    const workout = await prepare(tx, userId, owner, input, now)
    const created = await tx.workout.create({
      data: {
        userId,
        startedAt: workout.startedAt,
        localDate: dateColumn(localDateOf(workout.startedAt, owner.timeZone)),
        timeZone: owner.timeZone,
        title: workout.title,
        notes: workout.notes,
      },
      select: { id: true },
    })
    await insertSets(tx, userId, created.id, workout)
    return created.id
  })
  return (await findWorkout(prisma, userId, id)) as Workout
}

/** Replaces a workout's fields and sets; null when the user has no such workout (nothing written). */
export async function replaceWorkout(
  prisma: PrismaClient,
  userId: string,
  id: string,
  input: WorkoutInput,
  now = new Date(),
): Promise<Workout | null> {
  if (!isId(id)) return null
  const found = await prisma.$transaction(async (tx) => {
    const existing = await tx.workout.findFirst({
      where: { id, userId },
      select: { id: true, startedAt: true, localDate: true, timeZone: true, liveOwnerId: true },
    })
    if (!existing) return false
    // Its rows point at its sets, which a replace would recreate under new ids.
    if (existing.liveOwnerId) throw stillLive()
    const owner = await lockOwner(tx, userId)
    const workout = await prepare(tx, userId, owner, input, now)
    // Local dates are fixed at logging time: an edit that keeps the start keeps its date, even after the
    // lifter moved zones (weeks, months and streaks must not shift because a typo was fixed).
    const sameStart = workout.startedAt.getTime() === existing.startedAt.getTime()
    await tx.workout.update({
      where: { id: existing.id },
      data: {
        startedAt: workout.startedAt,
        localDate: sameStart
          ? existing.localDate
          : dateColumn(localDateOf(workout.startedAt, owner.timeZone)),
        // A new start is logged anew, in the owner's zone now.
        timeZone: sameStart ? existing.timeZone : owner.timeZone,
        title: workout.title,
        notes: workout.notes,
      },
    })
    // Replace rather than diff: positions are unique per workout, and a reorder would collide midway.
    await tx.workoutSet.deleteMany({ where: { workoutId: existing.id, userId } })
    await insertSets(tx, userId, existing.id, workout)
    return true
  })
  return found ? findWorkout(prisma, userId, id) : null
}

/** Deletes one of the user's workouts with its sets; false when they have no such workout. */
export async function deleteWorkout(prisma: PrismaClient, userId: string, id: string): Promise<boolean> {
  if (!isId(id)) return false
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.workout.deleteMany({ where: { id, userId } })
    if (count === 0) return false
    await lockOwner(tx, userId)
    return true
  })
}

async function prepare(
  tx: Prisma.TransactionClient,
  userId: string,
  owner: { timeZone: string; unit: WeightUnit },
  input: WorkoutInput,
  now: Date,
): Promise<NormalizedWorkout> {
  const workout = normalizeWorkout(input, owner.unit, owner.timeZone, now)
  const ids = [...new Set(workout.sets.map((s) => s.exerciseId.toLowerCase()))]
  const exercises = await tx.exercise.findMany({
    where: { id: { in: ids }, ...visibleTo(userId) },
    select: { id: true, isBodyweight: true, equipment: true },
  })
  checkExercises(workout.sets, exercises)
  return workout
}

async function insertSets(
  tx: Prisma.TransactionClient,
  userId: string,
  workoutId: string,
  workout: NormalizedWorkout,
) {
  await tx.workoutSet.createMany({
    data: workout.sets.map((set, position) => ({
      workoutId,
      exerciseId: set.exerciseId.toLowerCase(),
      userId,
      startedAt: workout.startedAt,
      position,
      reps: set.reps,
      weightKg: set.weightKg,
      weightUnit: set.weightUnit,
      rpe: set.rpe,
      isWarmup: set.isWarmup,
    })),
  })
}

/** This file's functions bound to one lifter and the request's clock (request.lifter.workouts). */
export function workoutStore(
  prisma: PrismaClient,
  owner: { id: string; unit: WeightUnit; timeZone: string },
  now: () => Date,
) {
  const userId = owner.id
  return {
    list: (query?: { page?: number; perPage?: number; date?: string }) => listWorkouts(prisma, userId, query),
    onDate: (isoDate: string) => workoutsOnDate(prisma, userId, isoDate),
    find: (id: string) => findWorkout(prisma, userId, id),
    create: (input: WorkoutInput) => createWorkout(prisma, userId, input, now()),
    replace: (id: string, input: WorkoutInput) => replaceWorkout(prisma, userId, id, input, now()),
    delete: (id: string) => deleteWorkout(prisma, userId, id),
    /** Every set ever logged, as CSV chunks (export.ts). */
    exportCsv: () => exportSetsCsv(prisma, owner),
  }
}
