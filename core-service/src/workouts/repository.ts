// Workouts of one lifter. Every function takes the signed-in user's id first and every query filters by
// it, so another lifter's workout is indistinguishable from a missing one. Every write is one transaction
// that also fixes local_date, copies user_id/started_at onto the sets and bumps users.data_version.
// Rows leave as the domain's Workout (types.ts): exact decimals as strings, dates as "YYYY-MM-DD".
// Routes use workoutStore (the end of this file) through request.lifter.workouts.

import { lockOwner } from '../db/lock-owner.ts'
import { isId } from '../exercises/repository.ts'
import type { Equipment } from '../exercises/types.ts'
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import type { WeightUnit } from '../units.ts'
import { exportSetsCsv } from './export.ts'
import { checkExercises, type NormalizedWorkout, normalizeWorkout, type WorkoutInput } from './input.ts'
import { stillLive } from './live-errors.ts'
import { fromDateColumn, localDateOf } from './local-time.ts'
import type { Page, SetExercise, Workout } from './types.ts'

export type { Page, Workout, WorkoutSet } from './types.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** A workout row as the reads and the saves' RETURNING answer it. */
interface WorkoutFields {
  id: string
  startedAt: Date
  localDate: Date
  timeZone: string | null
  title: string | null
  notes: string | null
  createdAt: Date
  updatedAt: Date
  endedAt: Date | null
  liveOwnerId: string | null
}

/** A set row with its exercise, as readSets and a save's RETURNING + exercise check answer it. */
interface SetFields {
  id: string
  position: number
  exerciseId: string
  reps: number
  /** numeric as PostgreSQL prints it ("61.2500000000"). */
  weightKg: string
  weightUnit: WeightUnit
  rpe: string | null
  isWarmup: boolean
  exercise: ExerciseFields
}

interface ExerciseFields {
  id: string
  name: string
  isBodyweight: boolean
  equipment: Equipment
  ownerId: string | null
  archived: boolean
}

// Reads and saves are raw SQL: on the hot paths (GET /api/v1/workouts, the workout pages, POST) Prisma's
// query building and relation loading cost more CPU than the database work (issue 15's note has figures).
const WORKOUT_COLUMNS = Prisma.raw(
  'w.id::text, w.started_at AS "startedAt", w.local_date AS "localDate", w.time_zone AS "timeZone", w.title, w.notes, w.created_at AS "createdAt", w.updated_at AS "updatedAt", w.ended_at AS "endedAt", w.live_owner_id::text AS "liveOwnerId"',
)

const EXERCISE_COLUMNS = Prisma.raw(
  'e.id::text, e.name::text, e.is_bodyweight AS "isBodyweight", e.equipment::text, e.owner_id::text AS "ownerId", e.archived',
)

/** A set's exercise as the domain shows it (a saved workout's and a live workout's alike). */
export function setExerciseOf(exercise: ExerciseFields): SetExercise {
  return {
    id: exercise.id,
    name: exercise.name,
    isBodyweight: exercise.isBodyweight,
    equipment: exercise.equipment,
    builtIn: exercise.ownerId === null,
    archived: exercise.archived,
  }
}

/** The domain's view of a workout row with its sets (types.ts). */
function toWorkout(row: WorkoutFields, sets: SetFields[]): Workout {
  return {
    id: row.id,
    startedAt: row.startedAt,
    localDate: fromDateColumn(row.localDate),
    timeZone: row.timeZone,
    title: row.title,
    notes: row.notes,
    endedAt: row.endedAt,
    live: row.liveOwnerId !== null,
    sets: sets.map((set) => ({
      id: set.id,
      position: set.position,
      exerciseId: set.exerciseId,
      exercise: setExerciseOf(set.exercise),
      reps: set.reps,
      weightKg: exact(set.weightKg),
      weightUnit: set.weightUnit,
      rpe: set.rpe === null ? null : exact(set.rpe),
      isWarmup: set.isWarmup,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/**
 * A stored decimal in plain notation with every significant digit and no trailing zeros: PostgreSQL prints
 * numeric(14,10) as "61.2500000000", which reads "61.25" (what Decimal#toFixed() gave, without a Decimal).
 */
function exact(numeric: string): string {
  return numeric.includes('.') ? numeric.replace(/\.?0+$/, '') : numeric
}

/** A row of readSets: the set's columns with its exercise's (whose id is the set's exerciseId). */
type SetRow = ExerciseFields & { workoutId: string; setId: string } & Omit<
    SetFields,
    'id' | 'exercise' | 'exerciseId'
  >

/** The sets of these workouts of the user, with their exercises, by workout, in position order. */
async function readSets(db: Db, userId: string, workoutIds: string[]): Promise<Map<string, SetFields[]>> {
  const byWorkout = new Map<string, SetFields[]>(workoutIds.map((id) => [id, []]))
  if (workoutIds.length === 0) return byWorkout
  const rows = await db.$queryRaw<SetRow[]>`
    SELECT s.workout_id::text AS "workoutId", s.id::text AS "setId", s.position, s.reps,
           s.weight_kg::text AS "weightKg", s.weight_unit::text AS "weightUnit", s.rpe::text, s.is_warmup AS "isWarmup",
           ${EXERCISE_COLUMNS}
    FROM workout_sets s JOIN exercises e ON e.id = s.exercise_id
    WHERE s.user_id = ${userId}::uuid AND s.workout_id = ANY(${workoutIds}::uuid[])
    ORDER BY s.workout_id, s.position`
  for (const row of rows) {
    byWorkout.get(row.workoutId)?.push({
      id: row.setId,
      position: row.position,
      exerciseId: row.id,
      reps: row.reps,
      weightKg: row.weightKg,
      weightUnit: row.weightUnit,
      rpe: row.rpe,
      isWarmup: row.isWarmup,
      exercise: {
        id: row.id,
        name: row.name,
        isBodyweight: row.isBodyweight,
        equipment: row.equipment,
        ownerId: row.ownerId,
        archived: row.archived,
      },
    })
  }
  return byWorkout
}

/** These workout rows with their sets, in the rows' order. */
async function withTheirSets(db: Db, userId: string, rows: WorkoutFields[]): Promise<Workout[]> {
  const sets = await readSets(
    db,
    userId,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toWorkout(row, sets.get(row.id) ?? []))
}

/** The user's workouts, newest first. */
export async function listWorkouts(
  db: Db,
  userId: string,
  { page = 1, perPage = 20, date }: { page?: number; perPage?: number; date?: string } = {},
): Promise<Page<Workout>> {
  const onDate = date ? Prisma.sql`AND w.local_date = ${date}::date` : Prisma.empty
  const [[counted], rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM workouts w WHERE w.user_id = ${userId}::uuid ${onDate}`,
    db.$queryRaw<WorkoutFields[]>`
      SELECT ${WORKOUT_COLUMNS} FROM workouts w WHERE w.user_id = ${userId}::uuid ${onDate}
      ORDER BY w.started_at DESC, w.id DESC LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
  ])
  const total = counted?.total ?? 0
  return {
    items: await withTheirSets(db, userId, rows),
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
  }
}

/** The user's workouts on one of their local dates, in the order they happened. */
export async function workoutsOnDate(db: Db, userId: string, isoDate: string): Promise<Workout[]> {
  const rows = await db.$queryRaw<WorkoutFields[]>`
    SELECT ${WORKOUT_COLUMNS} FROM workouts w
    WHERE w.user_id = ${userId}::uuid AND w.local_date = ${isoDate}::date
    ORDER BY w.started_at, w.id`
  return withTheirSets(db, userId, rows)
}

/** One of the user's workouts, or null. */
export async function findWorkout(db: Db, userId: string, id: string): Promise<Workout | null> {
  if (!isId(id)) return null
  const [row] = await db.$queryRaw<WorkoutFields[]>`
    SELECT ${WORKOUT_COLUMNS} FROM workouts w WHERE w.id = ${id}::uuid AND w.user_id = ${userId}::uuid`
  return row ? ((await withTheirSets(db, userId, [row]))[0] as Workout) : null
}

/** Creates a workout; throws WorkoutInputError (nothing written) when the input is not acceptable. */
export async function createWorkout(
  prisma: PrismaClient,
  userId: string,
  input: WorkoutInput,
  now = new Date(),
): Promise<Workout> {
  return prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    const { workout, exercises } = await prepare(tx, userId, owner, input, now)
    const [created] = await tx.$queryRaw<SavedWorkoutRow[]>`
      INSERT INTO workouts (id, user_id, started_at, local_date, time_zone, title, notes, updated_at)
      VALUES (gen_random_uuid(), ${userId}::uuid, ${workout.startedAt},
              ${localDateOf(workout.startedAt, owner.timeZone)}::date, ${owner.timeZone},
              ${workout.title}, ${workout.notes}, now())
      RETURNING ${SAVED_WORKOUT}`
    const saved = created as SavedWorkoutRow
    return savedWorkout(saved, await insertSets(tx, userId, saved.id, workout), exercises)
  })
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
  return prisma.$transaction(async (tx) => {
    const existing = await tx.workout.findFirst({
      where: { id, userId },
      select: { id: true, startedAt: true, localDate: true, timeZone: true, liveOwnerId: true },
    })
    if (!existing) return null
    // Its rows point at its sets, which a replace would recreate under new ids.
    if (existing.liveOwnerId) throw stillLive()
    const owner = await lockOwner(tx, userId)
    const { workout, exercises } = await prepare(tx, userId, owner, input, now)
    // Local dates are fixed at logging time: an edit that keeps the start keeps its date, even after the
    // lifter moved zones (weeks, months and streaks must not shift because a typo was fixed).
    const sameStart = workout.startedAt.getTime() === existing.startedAt.getTime()
    const [updated] = await tx.$queryRaw<SavedWorkoutRow[]>`
      UPDATE workouts SET
        started_at = ${workout.startedAt},
        local_date = ${sameStart ? fromDateColumn(existing.localDate) : localDateOf(workout.startedAt, owner.timeZone)}::date,
        time_zone = ${sameStart ? existing.timeZone : owner.timeZone},
        title = ${workout.title}, notes = ${workout.notes}, updated_at = now()
      WHERE id = ${existing.id}::uuid AND user_id = ${userId}::uuid
      RETURNING ${SAVED_WORKOUT}`
    // Replace rather than diff: positions are unique per workout, and a reorder would collide midway.
    await tx.$executeRaw`DELETE FROM workout_sets WHERE workout_id = ${existing.id}::uuid AND user_id = ${userId}::uuid`
    const saved = updated as SavedWorkoutRow
    return savedWorkout(saved, await insertSets(tx, userId, saved.id, workout), exercises)
  })
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

/** The input checked against the owner's rules and exercises, with those exercises as the answer shows them. */
async function prepare(
  tx: Prisma.TransactionClient,
  userId: string,
  owner: { timeZone: string; unit: WeightUnit },
  input: WorkoutInput,
  now: Date,
): Promise<{ workout: NormalizedWorkout; exercises: Map<string, ExerciseRow> }> {
  const workout = normalizeWorkout(input, owner.unit, owner.timeZone, now)
  // Only well-formed ids reach the uuid[] cast; any other is simply not found (checkExercises says which).
  const ids = [...new Set(workout.sets.map((s) => s.exerciseId.toLowerCase()))].filter(isId)
  // The built-ins and this lifter's own (exercises/repository.ts visibleTo), in SQL like the rest of the save.
  const exercises = await tx.$queryRaw<ExerciseRow[]>`
    SELECT id::text, name::text, is_bodyweight AS "isBodyweight", equipment::text, owner_id::text AS "ownerId", archived
    FROM exercises WHERE id = ANY(${ids}::uuid[]) AND (owner_id IS NULL OR owner_id = ${userId}::uuid)`
  checkExercises(workout.sets, exercises)
  return { workout, exercises: new Map(exercises.map((e) => [e.id, e])) }
}

// A save answers from what it wrote (RETURNING), not by reading the workout back: the write path of
// POST /api/v1/workouts is three statements after the owner lock, in raw SQL (Prisma's query building
// cost more than the database work here; see issue 15's note).
const SAVED_WORKOUT = Prisma.raw(
  'id::text, started_at AS "startedAt", local_date AS "localDate", time_zone AS "timeZone", title, notes, created_at AS "createdAt", updated_at AS "updatedAt", ended_at AS "endedAt", live_owner_id::text AS "liveOwnerId"',
)

type SavedWorkoutRow = WorkoutFields
type SavedSetRow = Omit<SetFields, 'exercise'>
type ExerciseRow = ExerciseFields

/** All the workout's sets in one INSERT, in order; answers the rows as stored. */
function insertSets(
  tx: Prisma.TransactionClient,
  userId: string,
  workoutId: string,
  workout: NormalizedWorkout,
) {
  const { sets } = workout
  return tx.$queryRaw<SavedSetRow[]>`
    INSERT INTO workout_sets
      (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, weight_unit, rpe, is_warmup)
    SELECT gen_random_uuid(), ${workoutId}::uuid, s.exercise_id, ${userId}::uuid, ${workout.startedAt},
           s.position, s.reps, s.weight_kg, s.weight_unit::"WeightUnit", s.rpe, s.is_warmup
    FROM unnest(${sets.map((s) => s.exerciseId.toLowerCase())}::uuid[], ${sets.map((_, i) => i)}::int[],
                ${sets.map((s) => s.reps)}::int[], ${sets.map((s) => s.weightKg.toFixed())}::numeric[],
                ${sets.map((s) => s.weightUnit)}::text[], ${sets.map((s) => s.rpe?.toFixed() ?? null)}::numeric[],
                ${sets.map((s) => s.isWarmup)}::bool[])
      AS s(exercise_id, position, reps, weight_kg, weight_unit, rpe, is_warmup)
    RETURNING id::text, position, exercise_id::text AS "exerciseId", reps, weight_kg::text AS "weightKg",
              weight_unit::text AS "weightUnit", rpe::text, is_warmup AS "isWarmup"`
}

/** The saved workout as findWorkout would read it back. */
function savedWorkout(
  row: SavedWorkoutRow,
  sets: SavedSetRow[],
  exercises: Map<string, ExerciseRow>,
): Workout {
  return toWorkout(
    row,
    sets
      .sort((a, b) => a.position - b.position)
      .map((set) => ({ ...set, exercise: exercises.get(set.exerciseId) as ExerciseRow })),
  )
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
