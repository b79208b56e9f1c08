// Shared by the training tests: a Prisma client on the test database, a snapshot of every row a lifter's
// requests could change (to prove a refused request changed nothing), and quick ways to make data.
import type { Test } from 'tap'
import { createPrismaClient } from '../../src/db/client.ts'
import type { PrismaClient } from '../../src/generated/prisma/client.ts'
import type { SignedInUser } from '../support/users.ts'

export function testPrisma(t: Test, url: string): PrismaClient {
  const prisma = createPrismaClient(url, 2)
  t.teardown(() => prisma.$disconnect())
  return prisma
}

/** Every workout, set, custom exercise, body-weight entry and user version, in a stable order, as plain JSON. */
export async function snapshot(prisma: PrismaClient) {
  const [users, exercises, workouts, sets, bodyWeights, routines, routineExercises] = await Promise.all([
    prisma.user.findMany({
      select: { id: true, dataVersion: true, updatedAt: true },
      orderBy: { id: 'asc' },
    }),
    prisma.exercise.findMany({ where: { ownerId: { not: null } }, orderBy: { id: 'asc' } }),
    prisma.workout.findMany({ orderBy: { id: 'asc' } }),
    prisma.workoutSet.findMany({ orderBy: { id: 'asc' } }),
    prisma.bodyWeight.findMany({ orderBy: { id: 'asc' } }),
    prisma.routine.findMany({ orderBy: { id: 'asc' } }),
    prisma.routineExercise.findMany({ orderBy: { id: 'asc' } }),
  ])
  return JSON.parse(
    JSON.stringify({ users, exercises, workouts, sets, bodyWeights, routines, routineExercises }),
  )
}

export async function catalogId(prisma: PrismaClient, key: string): Promise<string> {
  return (await prisma.exercise.findUniqueOrThrow({ where: { catalogKey: key }, select: { id: true } })).id
}

export interface Catalog {
  bench: string
  squat: string
  pullUp: string
}

export async function catalog(prisma: PrismaClient): Promise<Catalog> {
  return {
    bench: await catalogId(prisma, 'barbell-bench-press'),
    squat: await catalogId(prisma, 'barbell-back-squat'),
    pullUp: await catalogId(prisma, 'bodyweight-pull-up'),
  }
}

/** Logs a workout through the API and returns its JSON (fails the caller loudly if refused). */
export async function logWorkout(user: SignedInUser, body: Record<string, unknown>) {
  const res = await user.api('POST', '/api/v1/workouts', body)
  if (res.statusCode !== 201) throw new Error(`POST /api/v1/workouts gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** Creates a custom exercise through the API. */
export async function addExercise(user: SignedInUser, name: string, extra: Record<string, unknown> = {}) {
  const res = await user.api('POST', '/api/v1/exercises', {
    name,
    category: 'legs',
    muscleGroup: 'quadriceps',
    equipment: 'barbell',
    ...extra,
  })
  if (res.statusCode !== 201) throw new Error(`POST /api/v1/exercises gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** The form fields of a workout for POST /workouts (sets as sets[i][field]). */
export function workoutForm(
  fields: { date: string; time?: string; title?: string; notes?: string },
  sets: { exerciseId: string; reps: string; weight?: string; rpe?: string; warmup?: boolean }[],
): Record<string, string> {
  const form: Record<string, string> = { date: fields.date, time: fields.time ?? '18:00' }
  if (fields.title) form.title = fields.title
  if (fields.notes) form.notes = fields.notes
  sets.forEach((set, i) => {
    form[`sets[${i}][exerciseId]`] = set.exerciseId
    form[`sets[${i}][reps]`] = set.reps
    form[`sets[${i}][weight]`] = set.weight ?? ''
    if (set.rpe) form[`sets[${i}][rpe]`] = set.rpe
    if (set.warmup) form[`sets[${i}][warmup]`] = 'on'
  })
  return form
}
