// Exercises a lifter can see (the built-in catalog plus their own) and changes to their own. Every
// function takes the signed-in user's id first, so an unscoped query cannot be written by accident; rows
// leave as the domain's Exercise (types.ts), never as Prisma models. Routes use exerciseStore (the end of
// this file) through request.lifter.exercises.

import { lockOwner } from '../db/lock-owner.ts'
import { type Exercise as ExerciseRow, Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import { namesInEveryLanguage } from '../i18n/exercise-names.ts'
import { builtInReadOnly, exerciseInUse, exerciseNameTaken } from './errors.ts'
import { searchKey } from './search-key.ts'
import type { Exercise, ExerciseChange, ExerciseFilter, LoggedExercise, NewExercise } from './types.ts'

type Db = PrismaClient | Prisma.TransactionClient

export { searchKey } from './search-key.ts'
export type { ExerciseChange, ExerciseFilter, NewExercise } from './types.ts'

/** What toExercise reads of a row (a Prisma model or a raw SELECT of EXERCISE_COLUMNS). */
type ExerciseFields = Pick<
  ExerciseRow,
  'id' | 'name' | 'category' | 'muscleGroup' | 'equipment' | 'isBodyweight' | 'ownerId' | 'archived'
>

/** The domain's view of a row (types.ts). */
export function toExercise(row: ExerciseFields): Exercise {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    muscleGroup: row.muscleGroup,
    equipment: row.equipment,
    isBodyweight: row.isBodyweight,
    builtIn: row.ownerId === null,
    archived: row.archived,
  }
}

/** Exercises this user may log sets with: built-ins and their own. */
export function visibleTo(userId: string): Prisma.ExerciseWhereInput {
  return { OR: [{ ownerId: null }, { ownerId: userId }] }
}

// The hot reads (every workout form, live page, exercises page and progress page list exercises) are raw
// SQL: Prisma's query building cost more than these queries (issue 15).
const EXERCISE_COLUMNS = Prisma.raw(
  'e.id::text, e.name::text, e.category::text, e.muscle_group AS "muscleGroup", e.equipment::text, e.is_bodyweight AS "isBodyweight", e.owner_id::text AS "ownerId", e.archived',
)

export async function listExercises(
  db: Db,
  userId: string,
  filter: ExerciseFilter = {},
): Promise<Exercise[]> {
  const only = (column: string, value: string | undefined) =>
    value ? Prisma.sql`AND ${Prisma.raw(column)}::text = ${value}` : Prisma.empty
  const rows = await db.$queryRaw<ExerciseFields[]>`
    SELECT ${EXERCISE_COLUMNS} FROM exercises e
    WHERE (e.owner_id IS NULL OR e.owner_id = ${userId}::uuid)
      ${filter.includeArchived ? Prisma.empty : Prisma.sql`AND NOT e.archived`}
      ${only('e.muscle_group', filter.muscleGroup)} ${only('e.equipment', filter.equipment)}
      ${only('e.category', filter.category)}
    ORDER BY e.name, e.id`
  const wanted = searchKey(filter.q ?? '')
  // A lifter sees at most the catalog plus their own (a few hundred rows): matching here lets "pullup",
  // "pull up" and "PULL-UP" all find Pull-Up, which a SQL substring match on the name cannot.
  // A built-in also answers to its name in every language ("potisk" finds Bench Press, Potisk s klopi).
  const matching = wanted
    ? rows.filter((row) => namesInEveryLanguage(row.name).some((name) => searchKey(name).includes(wanted)))
    : rows
  return matching.map(toExercise)
}

/**
 * Exercises this lifter has logged sets with, by name: the progress pages' chooser, from core's own data
 * so it works while stats is down. Sets only ever use exercises their lifter may see. One probe per
 * exercise of the (user_id, exercise_id, started_at) index, however long the history.
 */
export async function loggedExercises(db: Db, userId: string): Promise<LoggedExercise[]> {
  return db.$queryRaw<LoggedExercise[]>`
    SELECT e.id::text, e.name::text FROM exercises e
    WHERE (e.owner_id IS NULL OR e.owner_id = ${userId}::uuid)
      AND EXISTS (SELECT 1 FROM workout_sets s WHERE s.user_id = ${userId}::uuid AND s.exercise_id = e.id)
    ORDER BY e.name`
}

/** Distinct muscle groups among the exercises this user sees, for the filter select. */
export async function muscleGroups(db: Db, userId: string): Promise<string[]> {
  const rows = await db.exercise.findMany({
    where: visibleTo(userId),
    select: { muscleGroup: true },
    distinct: ['muscleGroup'],
    orderBy: { muscleGroup: 'asc' },
  })
  return rows.map((r) => r.muscleGroup)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a string can be an id at all (anything else is simply "not found", never a database error). */
export function isId(value: string): boolean {
  return UUID.test(value)
}

async function findRow(db: Db, userId: string, id: string): Promise<ExerciseRow | null> {
  if (!isId(id)) return null
  return db.exercise.findFirst({ where: { id, ...visibleTo(userId) } })
}

/** One exercise this user can see, or null (another user's exercise is indistinguishable from none). */
export async function findExercise(db: Db, userId: string, id: string): Promise<Exercise | null> {
  const row = await findRow(db, userId, id)
  return row ? toExercise(row) : null
}

/** One of this user's own exercises (not a built-in), or null. */
export async function findOwnExercise(db: Db, userId: string, id: string): Promise<Exercise | null> {
  const exercise = await findExercise(db, userId, id)
  return exercise && !exercise.builtIn ? exercise : null
}

/** How many logged sets use an exercise (for the user: only their sets exist for their exercises). */
export async function setsUsing(db: Db, userId: string, exerciseId: string): Promise<number> {
  return db.workoutSet.count({ where: { userId, exerciseId } })
}

async function assertNameFree(db: Db, userId: string, name: string, exceptId?: string) {
  // citext compares case-insensitively, so "bench press" finds "Bench Press".
  const clash = await db.exercise.findFirst({
    where: { name, ...visibleTo(userId), ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { ownerId: true, name: true },
  })
  if (clash) throw exerciseNameTaken(clash.name, clash.ownerId === null)
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002'
}

export async function createExercise(
  prisma: PrismaClient,
  userId: string,
  input: NewExercise,
): Promise<Exercise> {
  const name = input.name.trim()
  try {
    return await prisma.$transaction(async (tx) => {
      await assertNameFree(tx, userId, name)
      const created = await tx.exercise.create({
        data: {
          ownerId: userId,
          name,
          category: input.category,
          muscleGroup: input.muscleGroup.trim().toLowerCase(),
          equipment: input.equipment,
          isBodyweight: input.isBodyweight ?? input.equipment === 'bodyweight',
        },
      })
      await lockOwner(tx, userId)
      return toExercise(created)
    })
  } catch (err) {
    // Two concurrent creates of the same name: the (owner_id, name) unique index settles it.
    if (isUniqueViolation(err)) throw exerciseNameTaken(name, false)
    throw err
  }
}

/** Renames and/or (un)archives one of the user's own exercises; null when they have no such exercise. */
export async function changeExercise(
  prisma: PrismaClient,
  userId: string,
  id: string,
  change: ExerciseChange,
): Promise<Exercise | null> {
  try {
    return await prisma.$transaction(async (tx) => {
      const exercise = await findRow(tx, userId, id)
      if (!exercise) return null
      if (exercise.ownerId === null) throw builtInReadOnly()
      const data: Prisma.ExerciseUpdateInput = {}
      if (change.name !== undefined) {
        const name = change.name.trim()
        if (name !== exercise.name) await assertNameFree(tx, userId, name, id)
        data.name = name
      }
      if (change.archived !== undefined) data.archived = change.archived
      const updated = await tx.exercise.update({ where: { id: exercise.id }, data })
      await lockOwner(tx, userId)
      return toExercise(updated)
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw exerciseNameTaken(change.name?.trim() ?? '', false)
    throw err
  }
}

/**
 * Deletes one of the user's own exercises that no set uses. One in use is refused (archive it instead),
 * so history never disappears; returns false when the user has no such exercise.
 */
export async function deleteExercise(prisma: PrismaClient, userId: string, id: string): Promise<boolean> {
  try {
    return await prisma.$transaction(async (tx) => {
      const exercise = await findRow(tx, userId, id)
      if (!exercise) return false
      if (exercise.ownerId === null) throw builtInReadOnly()
      const used = await setsUsing(tx, userId, id)
      if (used > 0) throw exerciseInUse(exercise.name, used)
      await tx.exercise.delete({ where: { id: exercise.id } })
      await lockOwner(tx, userId)
      return true
    })
  } catch (err) {
    // A set saved between the count and the delete: the NO ACTION foreign key refuses the delete.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003') {
      throw exerciseInUse('this exercise', 1)
    }
    throw err
  }
}

/** This file's functions bound to one lifter (request.lifter.exercises). */
export function exerciseStore(prisma: PrismaClient, userId: string) {
  return {
    list: (filter?: ExerciseFilter) => listExercises(prisma, userId, filter),
    muscleGroups: () => muscleGroups(prisma, userId),
    find: (id: string) => findExercise(prisma, userId, id),
    findOwn: (id: string) => findOwnExercise(prisma, userId, id),
    logged: () => loggedExercises(prisma, userId),
    setsUsing: (exerciseId: string) => setsUsing(prisma, userId, exerciseId),
    create: (input: NewExercise) => createExercise(prisma, userId, input),
    change: (id: string, change: ExerciseChange) => changeExercise(prisma, userId, id, change),
    delete: (id: string) => deleteExercise(prisma, userId, id),
  }
}
