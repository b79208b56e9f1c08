// Live workouts of one lifter: start (or resume) the one in progress, add exercises and rows to its plan,
// tick, untick and change rows, finish, discard. Every function takes the signed-in user's id first and
// every query filters by it; each write is one transaction that locks and bumps the owner (lockOwner), so
// two phones ticking at once apply one after the other. A ticked row is a real workout_sets row (checked by
// the same rules as any set: workouts/input.ts), so the stats triggers see exactly the done sets.
// Routes use liveWorkoutStore (the end of this file) through request.lifter.live.

import { randomUUID } from 'node:crypto'
import { lockOwner } from '../db/lock-owner.ts'
import { isId, visibleTo } from '../exercises/repository.ts'
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import { editableWeight, type WeightUnit } from '../units.ts'
import type { FieldErrors } from '../validation.ts'
import { invalidInput } from '../validation.ts'
import { checkExercises, normalizeWorkout } from './input.ts'
import {
  noLiveWorkout,
  noSuchEntry,
  noSuchRow,
  nothingToFinish,
  repsNeeded,
  tooManyEntries,
  tooManyRows,
} from './live-errors.ts'
import {
  doneSetIds,
  emptyPlan,
  fillFromPrevious,
  findEntry,
  findRow,
  type LivePlan,
  newRow,
  PLAN_LIMITS,
  type PlanRow,
  previousRow,
  readPlan,
} from './live-plan.ts'
import type { FinishedWorkout, LastTime, LiveEntry, LiveWorkout } from './live-types.ts'
import { dateColumn, fromDateColumn, localDateOf } from './local-time.ts'
import { setExerciseOf } from './repository.ts'

type Tx = Prisma.TransactionClient
type Db = PrismaClient | Tx

/** A row's typed values: what the form and the API send (weight as typed, in `unit` or the lifter's). */
export interface RowValues {
  reps?: number
  weight?: number
  unit?: WeightUnit
}

export interface RowChange extends RowValues {
  /** true ticks the row (saves its set), false unticks it (deletes the set, keeps the typed values). */
  done?: boolean
}

const exerciseSelect = {
  id: true,
  name: true,
  isBodyweight: true,
  equipment: true,
  ownerId: true,
  archived: true,
} satisfies Prisma.ExerciseSelect

/** The exercise's most recent earlier session (not `notIn`), for "last: …" and prefilling. */
export async function lastTimeOf(
  db: Db,
  userId: string,
  exerciseId: string,
  notIn: string,
): Promise<LastTime | null> {
  const latest = await db.workoutSet.findFirst({
    where: { userId, exerciseId, isWarmup: false, workoutId: { not: notIn } },
    orderBy: [{ startedAt: 'desc' }, { workoutId: 'desc' }],
    select: { workoutId: true, workout: { select: { localDate: true } } },
  })
  if (!latest) return null
  const sets = await db.workoutSet.findMany({
    where: { userId, exerciseId, isWarmup: false, workoutId: latest.workoutId },
    orderBy: { position: 'asc' },
    select: { reps: true, weightKg: true, weightUnit: true },
  })
  return {
    workoutId: latest.workoutId,
    localDate: fromDateColumn(latest.workout.localDate),
    sets: sets.map((s) => ({
      reps: s.reps,
      weight: editableWeight(s.weightKg, s.weightUnit),
      unit: s.weightUnit,
    })),
  }
}

async function toLive(
  db: Db,
  userId: string,
  row: { id: string; startedAt: Date; localDate: Date; timeZone: string | null; title: string | null },
  plan: LivePlan,
): Promise<LiveWorkout> {
  const ids = [...new Set(plan.entries.map((e) => e.exerciseId))]
  const exercises = await db.exercise.findMany({
    where: { id: { in: ids }, ...visibleTo(userId) },
    select: exerciseSelect,
  })
  const byId = new Map(exercises.map((e) => [e.id, e]))
  const lasts = new Map(
    await Promise.all(ids.map(async (id) => [id, await lastTimeOf(db, userId, id, row.id)] as const)),
  )
  const entries: LiveEntry[] = []
  for (const entry of plan.entries) {
    const exercise = byId.get(entry.exerciseId)
    // An exercise deleted since it was added (only possible for one with no sets) leaves the plan quietly.
    if (!exercise) continue
    entries.push({
      id: entry.id,
      exercise: setExerciseOf(exercise),
      rows: entry.rows.map((r) => ({ ...r, done: r.setId !== null })),
      last: lasts.get(entry.exerciseId) ?? null,
    })
  }
  return {
    id: row.id,
    startedAt: row.startedAt,
    localDate: fromDateColumn(row.localDate),
    timeZone: row.timeZone,
    title: row.title,
    entries,
    doneCount: doneSetIds(plan).length,
  }
}

const liveSelect = {
  id: true,
  startedAt: true,
  localDate: true,
  timeZone: true,
  title: true,
  plan: true,
} satisfies Prisma.WorkoutSelect

/** The lifter's workout in progress, or null. */
export async function findLive(db: Db, userId: string): Promise<LiveWorkout | null> {
  const row = await db.workout.findFirst({ where: { userId, liveOwnerId: userId }, select: liveSelect })
  return row ? toLive(db, userId, row, readPlan(row.plan)) : null
}

/** Just whether the lifter has a workout in progress (every page's "resume" banner asks): its id, or null. */
export async function liveId(db: Db, userId: string): Promise<string | null> {
  // Raw SQL (one unique-index probe): Prisma building the query cost more than running it.
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM workouts WHERE live_owner_id = ${userId}::uuid`
  return row?.id ?? null
}

/** Starts a live workout now, or answers the one already in progress (`created` says which). */
export async function startLive(
  prisma: PrismaClient,
  userId: string,
  now: Date,
): Promise<{ workout: LiveWorkout; created: boolean }> {
  return prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    // The owner's row lock makes this check-then-create safe; the unique live_owner_id backs it up.
    const existing = await tx.workout.findFirst({
      where: { userId, liveOwnerId: userId },
      select: liveSelect,
    })
    if (existing)
      return { workout: await toLive(tx, userId, existing, readPlan(existing.plan)), created: false }
    const plan = emptyPlan()
    const created = await insertLive(tx, userId, owner, now, plan)
    return { workout: await toLive(tx, userId, created, plan), created: true }
  })
}

/**
 * The lifter's live workout row, started `now` in their zone with `plan` (and `title`, e.g. a routine's
 * name). Call it inside the transaction that holds the owner lock and found no live workout.
 */
export function insertLive(
  tx: Tx,
  userId: string,
  owner: { timeZone: string },
  now: Date,
  plan: LivePlan,
  title: string | null = null,
) {
  return tx.workout.create({
    data: {
      userId,
      liveOwnerId: userId,
      startedAt: now,
      localDate: dateColumn(localDateOf(now, owner.timeZone)),
      timeZone: owner.timeZone,
      title,
      plan: plan as unknown as Prisma.InputJsonObject,
    },
    select: liveSelect,
  })
}

/**
 * Runs `change` on the lifter's live workout `id` inside one transaction and saves the plan it leaves;
 * NotFound (nothing written) for any id that is not their workout in progress.
 */
async function changeLive(
  prisma: PrismaClient,
  userId: string,
  id: string,
  change: (
    tx: Tx,
    plan: LivePlan,
    ctx: { startedAt: Date; owner: { timeZone: string; unit: WeightUnit } },
  ) => Promise<void>,
): Promise<LiveWorkout> {
  if (!isId(id)) throw noLiveWorkout()
  return prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    const row = await tx.workout.findFirst({ where: { id, userId, liveOwnerId: userId }, select: liveSelect })
    if (!row) throw noLiveWorkout()
    const plan = readPlan(row.plan)
    await change(tx, plan, { startedAt: row.startedAt, owner })
    await tx.workout.update({
      where: { id: row.id },
      data: { plan: plan as unknown as Prisma.InputJsonObject },
    })
    return toLive(tx, userId, row, plan)
  })
}

/** Field errors of one set keyed by its own fields ("weight"), from the workout rules' "sets.0.weight". */
function rowErrors(error: unknown): never {
  const fields = (error as { fields?: FieldErrors }).fields
  if (!fields) throw error
  const own: FieldErrors = {}
  for (const [key, message] of Object.entries(fields)) own[key.replace(/^sets\.0\./, '')] = message
  throw invalidInput(own)
}

/**
 * A row's values checked by the rules every set gets (workouts/input.ts): decimals, the kg limit and, when
 * it is to be ticked, the exercise's load rule. Returns the normalised set.
 */
async function checkedSet(
  tx: Tx,
  userId: string,
  exerciseId: string,
  row: PlanRow,
  ctx: { startedAt: Date; owner: { timeZone: string; unit: WeightUnit } },
  ticking: boolean,
) {
  try {
    const [set] = normalizeWorkout(
      {
        startedAt: ctx.startedAt,
        sets: [{ exerciseId, reps: row.reps ?? 0, weight: Number(row.weight ?? 0), unit: row.unit }],
      },
      ctx.owner.unit,
      ctx.owner.timeZone,
      // The workout's own start is "now" for its rules: it was started, so it is not in the future.
      ctx.startedAt,
    ).sets
    if (ticking) {
      const found = await tx.exercise.findMany({
        where: { id: exerciseId, ...visibleTo(userId) },
        select: { id: true, isBodyweight: true, equipment: true },
      })
      checkExercises([set!], found)
    }
    return set!
  } catch (error) {
    return rowErrors(error)
  }
}

function applyValues(row: PlanRow, values: RowValues) {
  if (values.reps !== undefined) row.reps = values.reps
  if (values.unit !== undefined) row.unit = values.unit
  // As typed: 102.5 stays "102.5" (JSON numbers of at most two decimals print exactly).
  if (values.weight !== undefined) row.weight = String(values.weight)
}

async function nextPosition(tx: Tx, workoutId: string): Promise<number> {
  const { _max } = await tx.workoutSet.aggregate({ where: { workoutId }, _max: { position: true } })
  return (_max.position ?? -1) + 1
}

/**
 * Planned rows for an exercise with no sets to copy: three, the most common number of working sets (3 × 5,
 * 3 × 8–12), as Strong and Hevy start one. The lifter types the first; ticking the others takes its values.
 */
export const DEFAULT_PLANNED_ROWS = 3

/**
 * Adds an exercise with last time's sets as planned rows when `copyLast` and there are any, else
 * DEFAULT_PLANNED_ROWS empty rows; refuses one the lifter can't use.
 */
export function addExercise(
  prisma: PrismaClient,
  userId: string,
  id: string,
  { exerciseId, copyLast = false }: { exerciseId: string; copyLast?: boolean },
) {
  return changeLive(prisma, userId, id, async (tx, plan, { owner }) => {
    const exercise = isId(exerciseId)
      ? await tx.exercise.findFirst({
          where: { id: exerciseId.toLowerCase(), archived: false, ...visibleTo(userId) },
          select: { id: true },
        })
      : null
    if (!exercise) throw invalidInput({ exerciseId: 'unknown exercise' })
    if (plan.entries.length >= PLAN_LIMITS.entries) throw tooManyEntries()
    const last = copyLast ? await lastTimeOf(tx, userId, exercise.id, id) : null
    const rows = last?.sets.length
      ? last.sets.slice(0, PLAN_LIMITS.rowsPerEntry).map((s) => newRow(owner.unit, s))
      : Array.from({ length: DEFAULT_PLANNED_ROWS }, () => newRow(owner.unit))
    plan.entries.push({ id: randomUUID(), exerciseId: exercise.id, rows })
  })
}

/** "+ set": a new planned row copying the exercise's last typed row's reps, weight and unit. */
export function addRow(
  prisma: PrismaClient,
  userId: string,
  id: string,
  entryId: string,
  values: RowValues = {},
) {
  return changeLive(prisma, userId, id, async (tx, plan, ctx) => {
    const entry = findEntry(plan, entryId)
    if (!entry) throw noSuchEntry()
    if (entry.rows.length >= PLAN_LIMITS.rowsPerEntry) throw tooManyRows()
    // From the last row with reps typed, so after empty default rows it still copies the set just done.
    const row = newRow(ctx.owner.unit, entry.rows.findLast((r) => r.reps !== null) ?? entry.rows.at(-1))
    applyValues(row, values)
    await checkedSet(tx, userId, entry.exerciseId, row, ctx, false)
    entry.rows.push(row)
  })
}

/** Replaces the exercise's planned (unticked) rows with last time's sets; ticked rows stay. */
export function copyLastTime(prisma: PrismaClient, userId: string, id: string, entryId: string) {
  return changeLive(prisma, userId, id, async (tx, plan, { owner }) => {
    const entry = findEntry(plan, entryId)
    if (!entry) throw noSuchEntry()
    const last = await lastTimeOf(tx, userId, entry.exerciseId, id)
    if (!last?.sets.length) return
    const done = entry.rows.filter((r) => r.setId)
    const room = PLAN_LIMITS.rowsPerEntry - done.length
    entry.rows = [...done, ...last.sets.slice(0, room).map((s) => newRow(owner.unit, s))]
  })
}

/**
 * Changes a row's values and/or ticks (saves its set) or unticks it (deletes the set, keeping what was
 * typed). Changing a ticked row updates its set in place.
 */
export function changeRow(
  prisma: PrismaClient,
  userId: string,
  id: string,
  rowId: string,
  change: RowChange,
) {
  return changeLive(prisma, userId, id, async (tx, plan, ctx) => {
    const found = findRow(plan, rowId)
    if (!found) throw noSuchRow()
    const { entry, row } = found
    applyValues(row, change)
    const done = change.done ?? row.setId !== null
    // Ticking a planned row saves what its fields show: empty ones take the previous row's values (the
    // page shows them as the placeholders), as in Strong. With nothing typed and nothing before it, refused.
    if (done && row.setId === null) fillFromPrevious(row, previousRow(entry.rows, row))
    if (done && row.reps === null) throw repsNeeded()
    const set = await checkedSet(tx, userId, entry.exerciseId, row, ctx, done)
    if (!done) {
      if (row.setId) await tx.workoutSet.deleteMany({ where: { id: row.setId, userId, workoutId: id } })
      row.setId = null
      return
    }
    const values = { reps: set.reps, weightKg: set.weightKg, weightUnit: set.weightUnit }
    if (row.setId) {
      await tx.workoutSet.updateMany({ where: { id: row.setId, userId, workoutId: id }, data: values })
      return
    }
    const created = await tx.workoutSet.create({
      data: {
        ...values,
        workoutId: id,
        exerciseId: entry.exerciseId,
        userId,
        startedAt: ctx.startedAt,
        position: await nextPosition(tx, id),
      },
      select: { id: true },
    })
    row.setId = created.id
  })
}

/** Removes a row (and its set when it was ticked); an exercise left with no rows leaves the workout. */
export function removeRow(prisma: PrismaClient, userId: string, id: string, rowId: string) {
  return changeLive(prisma, userId, id, async (tx, plan) => {
    const found = findRow(plan, rowId)
    if (!found) throw noSuchRow()
    const { entry, row } = found
    if (row.setId) await tx.workoutSet.deleteMany({ where: { id: row.setId, userId, workoutId: id } })
    entry.rows = entry.rows.filter((r) => r.id !== rowId)
    if (entry.rows.length === 0) plan.entries = plan.entries.filter((e) => e.id !== entry.id)
  })
}

/**
 * Finishes the live workout: records its end (now) and drops the rows never ticked. The done sets are
 * renumbered 0, 1, 2… in the order they were done. Refused while nothing is ticked (discard it instead).
 */
export async function finishLive(
  prisma: PrismaClient,
  userId: string,
  id: string,
  now: Date,
  { title, notes }: { title?: string | null; notes?: string | null } = {},
): Promise<FinishedWorkout> {
  if (!isId(id)) throw noLiveWorkout()
  return prisma.$transaction(async (tx) => {
    await lockOwner(tx, userId)
    const row = await tx.workout.findFirst({
      where: { id, userId, liveOwnerId: userId },
      select: { id: true, startedAt: true, plan: true },
    })
    if (!row) throw noLiveWorkout()
    if (doneSetIds(readPlan(row.plan)).length === 0) throw nothingToFinish()
    const sets = await tx.workoutSet.findMany({
      where: { workoutId: id, userId },
      orderBy: { position: 'asc' },
      select: { id: true, position: true },
    })
    // Ascending, each set moves down to a free position: every lower one is already taken by an earlier set.
    for (const [i, set] of sets.entries()) {
      if (set.position !== i) await tx.workoutSet.update({ where: { id: set.id }, data: { position: i } })
    }
    const endedAt = now > row.startedAt ? now : row.startedAt
    await tx.workout.update({
      where: { id },
      data: {
        endedAt,
        liveOwnerId: null,
        plan: Prisma.DbNull,
        ...(title !== undefined ? { title: title?.trim() || null } : {}),
        ...(notes !== undefined ? { notes: notes?.trim() || null } : {}),
      },
    })
    return {
      id,
      startedAt: row.startedAt,
      endedAt,
      durationSeconds: Math.round((endedAt.getTime() - row.startedAt.getTime()) / 1000),
    }
  })
}

/** Deletes the live workout with any sets ticked in it; NotFound when it is not theirs or not live. */
export async function discardLive(prisma: PrismaClient, userId: string, id: string): Promise<void> {
  if (!isId(id)) throw noLiveWorkout()
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.workout.deleteMany({ where: { id, userId, liveOwnerId: userId } })
    if (count === 0) throw noLiveWorkout()
    await lockOwner(tx, userId)
  })
}

/** Exercises for the picker: the ones this lifter logged most recently first, then how often. */
export async function recentExerciseIds(db: Db, userId: string, take = 8): Promise<string[]> {
  const groups = await db.workoutSet.groupBy({
    by: ['exerciseId'],
    where: { userId },
    _count: { _all: true },
    _max: { startedAt: true },
  })
  return groups
    .sort(
      (a, b) =>
        (b._max.startedAt?.getTime() ?? 0) - (a._max.startedAt?.getTime() ?? 0) ||
        b._count._all - a._count._all,
    )
    .slice(0, take)
    .map((g) => g.exerciseId)
}

/**
 * The built-in catalog's staple lifts (db/catalog.ts keys), in the order the picker lists them after the
 * lifter's recent ones, so a new lifter taps one instead of typing a search.
 */
export const STAPLE_CATALOG_KEYS = [
  'barbell-back-squat',
  'barbell-bench-press',
  'barbell-deadlift',
  'barbell-overhead-press',
  'barbell-bent-over-row',
  'bodyweight-pull-up',
] as const

/** The staple lifts' exercise ids in STAPLE_CATALOG_KEYS order (any missing from the catalog left out). */
export async function stapleExerciseIds(db: Db): Promise<string[]> {
  const found = await db.exercise.findMany({
    where: { ownerId: null, catalogKey: { in: [...STAPLE_CATALOG_KEYS] } },
    select: { id: true, catalogKey: true },
  })
  const byKey = new Map(found.map((e) => [e.catalogKey, e.id]))
  return STAPLE_CATALOG_KEYS.flatMap((k) => byKey.get(k) ?? [])
}

/** This file's functions bound to one lifter and the request's clock (request.lifter.live). */
export function liveWorkoutStore(prisma: PrismaClient, userId: string, now: () => Date) {
  return {
    current: () => findLive(prisma, userId),
    currentId: () => liveId(prisma, userId),
    start: () => startLive(prisma, userId, now()),
    addExercise: (id: string, input: { exerciseId: string; copyLast?: boolean }) =>
      addExercise(prisma, userId, id, input),
    addRow: (id: string, entryId: string, values?: RowValues) => addRow(prisma, userId, id, entryId, values),
    copyLastTime: (id: string, entryId: string) => copyLastTime(prisma, userId, id, entryId),
    changeRow: (id: string, rowId: string, change: RowChange) => changeRow(prisma, userId, id, rowId, change),
    removeRow: (id: string, rowId: string) => removeRow(prisma, userId, id, rowId),
    finish: (id: string, extra?: { title?: string | null; notes?: string | null }) =>
      finishLive(prisma, userId, id, now(), extra),
    discard: (id: string) => discardLive(prisma, userId, id),
    recentExerciseIds: () => recentExerciseIds(prisma, userId),
    stapleExerciseIds: () => stapleExerciseIds(prisma),
  }
}
