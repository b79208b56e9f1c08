// Routines of one lifter: list, read, create, replace, delete, save a finished workout as one, and start a
// live workout from one. Every function takes the signed-in user's id first and every query filters by it.
// Routes use routineStore (the end of this file) through request.lifter.routines.
import { randomUUID } from 'node:crypto'
import { lockOwner } from '../db/lock-owner.ts'
import { isId, visibleTo } from '../exercises/repository.ts'
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import { editableWeight, MAX_WEIGHT_KG, toKg, WEIGHT_DECIMALS, type WeightUnit } from '../units.ts'
import { type FieldErrors, invalidInput } from '../validation.ts'
import { UNKNOWN_EXERCISE } from '../workouts/input.ts'
import { findLive, insertLive, lastTimeOf } from '../workouts/live.ts'
import type { LivePlan, PlanRow } from '../workouts/live-plan.ts'
import type { LiveWorkout } from '../workouts/live-types.ts'
import { setExerciseOf } from '../workouts/repository.ts'
import { alreadyLive, noFinishedWorkout, noRoutine, nothingToSave } from './errors.ts'
import type { Routine, RoutineInput } from './types.ts'

/** No workout is excluded from "last time" when starting (none of this routine's exists yet). */
const NO_WORKOUT = '00000000-0000-0000-0000-000000000000'

type Tx = Prisma.TransactionClient
type Db = PrismaClient | Tx

const routineSelect = {
  id: true,
  name: true,
  updatedAt: true,
  exercises: {
    orderBy: { position: 'asc' },
    select: {
      sets: true,
      reps: true,
      weightKg: true,
      weightUnit: true,
      restSeconds: true,
      exercise: {
        select: { id: true, name: true, isBodyweight: true, equipment: true, ownerId: true, archived: true },
      },
    },
  },
} satisfies Prisma.RoutineSelect

type RoutineRow = Prisma.RoutineGetPayload<{ select: typeof routineSelect }>

function toRoutine(row: RoutineRow): Routine {
  return {
    id: row.id,
    name: row.name,
    updatedAt: row.updatedAt,
    exercises: row.exercises.map((e) => ({
      exercise: setExerciseOf(e.exercise),
      sets: e.sets,
      reps: e.reps,
      weight: e.weightKg === null ? null : editableWeight(e.weightKg, e.weightUnit),
      unit: e.weightUnit,
      restSeconds: e.restSeconds,
    })),
  }
}

export async function listRoutines(db: Db, userId: string): Promise<Routine[]> {
  const rows = await db.routine.findMany({
    where: { userId },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: routineSelect,
  })
  return rows.map(toRoutine)
}

export async function findRoutine(db: Db, userId: string, id: string): Promise<Routine | null> {
  if (!isId(id)) return null
  const row = await db.routine.findFirst({ where: { id, userId }, select: routineSelect })
  return row ? toRoutine(row) : null
}

/**
 * The input's exercises as rows to write: weights in exact kilograms (the set rules: two decimals, the kg
 * limit), every exercise one the lifter may use and not archived. Field errors name `exercises.N.field`.
 */
async function checkedRows(tx: Tx, userId: string, input: RoutineInput, unit: WeightUnit) {
  const errors: FieldErrors = {}
  if (!input.name.trim()) errors.name = 'give the routine a name'
  const ids = [...new Set(input.exercises.map((e) => e.exerciseId.toLowerCase()))].filter(isId)
  const found = await tx.exercise.findMany({
    where: { id: { in: ids }, archived: false, ...visibleTo(userId) },
    select: { id: true },
  })
  const usable = new Set(found.map((e) => e.id))
  const rows = input.exercises.map((e, i) => {
    const exerciseId = e.exerciseId.toLowerCase()
    if (!usable.has(exerciseId)) errors[`exercises.${i}.exerciseId`] = UNKNOWN_EXERCISE
    const weightUnit = e.unit ?? unit
    let weightKg: Prisma.Decimal | null = null
    if (e.weight !== undefined && e.weight !== null) {
      if (weightUnit === 'kg' && e.weight > MAX_WEIGHT_KG)
        errors[`exercises.${i}.weight`] = `must be a number from 0 to ${MAX_WEIGHT_KG} kg`
      else if (new Prisma.Decimal(e.weight).decimalPlaces() > WEIGHT_DECIMALS)
        errors[`exercises.${i}.weight`] = `must have at most ${WEIGHT_DECIMALS} decimals`
      else weightKg = toKg(e.weight, weightUnit)
    }
    return {
      userId,
      exerciseId,
      position: i,
      sets: e.sets,
      reps: e.reps,
      weightKg,
      weightUnit,
      restSeconds: e.restSeconds ?? null,
    }
  })
  if (input.exercises.length === 0) errors.exercises = 'add at least one exercise'
  if (Object.keys(errors).length > 0) throw invalidInput(errors)
  return rows
}

async function ownerUnit(tx: Tx, userId: string): Promise<WeightUnit> {
  const owner = await tx.user.findFirst({ where: { id: userId }, select: { unit: true } })
  return owner?.unit ?? 'kg'
}

export function createRoutine(prisma: PrismaClient, userId: string, input: RoutineInput): Promise<Routine> {
  return prisma.$transaction(async (tx) => {
    const rows = await checkedRows(tx, userId, input, await ownerUnit(tx, userId))
    const created = await tx.routine.create({
      data: { userId, name: input.name.trim(), exercises: { create: rows } },
      select: routineSelect,
    })
    return toRoutine(created)
  })
}

/** Replaces the routine's name and exercises; NotFound (nothing written) when it is not theirs. */
export function replaceRoutine(
  prisma: PrismaClient,
  userId: string,
  id: string,
  input: RoutineInput,
): Promise<Routine> {
  if (!isId(id)) return Promise.reject(noRoutine())
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.routine.updateMany({
      where: { id, userId },
      data: { name: input.name.trim() },
    })
    if (count === 0) throw noRoutine()
    const rows = await checkedRows(tx, userId, input, await ownerUnit(tx, userId))
    await tx.routineExercise.deleteMany({ where: { userId, routineId: id } })
    await tx.routineExercise.createMany({ data: rows.map((r) => ({ ...r, routineId: id })) })
    const row = await tx.routine.findFirst({ where: { id, userId }, select: routineSelect })
    return toRoutine(row!)
  })
}

export async function deleteRoutine(prisma: PrismaClient, userId: string, id: string): Promise<void> {
  if (!isId(id)) throw noRoutine()
  const { count } = await prisma.routine.deleteMany({ where: { id, userId } })
  if (count === 0) throw noRoutine()
}

/**
 * A routine from a finished workout: its exercises in the order first done, each with its working sets'
 * count and the first working set's reps and weight as the targets. Warm-ups are left out.
 */
export async function routineFromWorkout(
  prisma: PrismaClient,
  userId: string,
  workoutId: string,
  { name, untitled }: { name?: string; untitled?: (localDate: string) => string } = {},
): Promise<Routine> {
  if (!isId(workoutId)) throw noFinishedWorkout()
  const workout = await prisma.workout.findFirst({
    where: { id: workoutId, userId, liveOwnerId: null },
    select: {
      title: true,
      localDate: true,
      sets: {
        where: { userId, isWarmup: false },
        orderBy: { position: 'asc' },
        select: { exerciseId: true, reps: true, weightKg: true, weightUnit: true },
      },
    },
  })
  if (!workout) throw noFinishedWorkout()
  const byExercise = new Map<string, RoutineInput['exercises'][number]>()
  for (const set of workout.sets) {
    const seen = byExercise.get(set.exerciseId)
    if (seen) seen.sets = Math.min(seen.sets + 1, 30)
    else
      byExercise.set(set.exerciseId, {
        exerciseId: set.exerciseId,
        sets: 1,
        reps: set.reps,
        weight: Number(editableWeight(set.weightKg, set.weightUnit)),
        unit: set.weightUnit,
      })
  }
  if (byExercise.size === 0) throw nothingToSave()
  // An untitled workout's routine is named for its date in the page's language (the API's is English).
  const localDate = workout.localDate.toISOString().slice(0, 10)
  const fallback = workout.title ?? (untitled ? untitled(localDate) : `Workout ${localDate}`)
  return createRoutine(prisma, userId, {
    name: (name?.trim() || fallback).slice(0, 120),
    exercises: [...byExercise.values()].slice(0, 30),
  })
}

/**
 * Starts a live workout now with the routine's targets as planned rows: each exercise's sets × reps at
 * the routine's weight, or, where it has none, last time's weight of that set (else its last set's).
 * Conflict while another workout is in progress (one live workout per lifter); NotFound when not theirs.
 */
export async function startRoutine(
  prisma: PrismaClient,
  userId: string,
  id: string,
  now: Date,
): Promise<LiveWorkout> {
  if (!isId(id)) throw noRoutine()
  return prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    const routine = await findRoutine(tx, userId, id)
    if (!routine) throw noRoutine()
    const live = await tx.workout.findFirst({ where: { userId, liveOwnerId: userId }, select: { id: true } })
    if (live) throw alreadyLive()
    const plan: LivePlan = { entries: [] }
    for (const target of routine.exercises) {
      const last =
        target.weight === null ? await lastTimeOf(tx, userId, target.exercise.id, NO_WORKOUT) : null
      const rows: PlanRow[] = Array.from({ length: target.sets }, (_, i) => {
        const lastSet = last?.sets[i] ?? last?.sets.at(-1)
        return {
          id: randomUUID(),
          reps: target.reps,
          weight: target.weight ?? lastSet?.weight ?? null,
          unit: target.weight !== null ? target.unit : (lastSet?.unit ?? target.unit),
          setId: null,
        }
      })
      plan.entries.push({ id: randomUUID(), exerciseId: target.exercise.id, rows })
    }
    await insertLive(tx, userId, owner, now, plan, routine.name)
    return (await findLive(tx, userId))!
  })
}

/** This file's functions bound to one lifter and the request's clock (request.lifter.routines). */
export function routineStore(prisma: PrismaClient, userId: string, now: () => Date) {
  return {
    list: () => listRoutines(prisma, userId),
    find: (id: string) => findRoutine(prisma, userId, id),
    create: (input: RoutineInput) => createRoutine(prisma, userId, input),
    replace: (id: string, input: RoutineInput) => replaceRoutine(prisma, userId, id, input),
    remove: (id: string) => deleteRoutine(prisma, userId, id),
    fromWorkout: (workoutId: string, names?: { name?: string; untitled?: (localDate: string) => string }) =>
      routineFromWorkout(prisma, userId, workoutId, names),
    start: (id: string) => startRoutine(prisma, userId, id, now()),
  }
}
