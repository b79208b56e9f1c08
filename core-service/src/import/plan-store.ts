// Import plans kept between an upload's preview and the lifter's confirm, in PostgreSQL (table
// import_plans): Redis is optional, and a plan must survive a restart of core between the two steps.
// Every function takes the lifter's id first; another lifter's plan is indistinguishable from none.
// A plan lives an hour and is deleted once confirmed; each new upload sweeps the expired ones.
import { isId, visibleTo } from '../exercises/repository.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { applyImport, type ExerciseChoice, type ImportOutcome } from './apply.ts'
import { suggestChoices } from './choices.ts'
import type { ImportFormat, ImportPlan } from './types.ts'

/** How long an uploaded plan waits for its confirm. */
export const PLAN_TTL_MS = 60 * 60 * 1000
/** Pending uploads kept per lifter; an older one goes when a newer one comes. */
export const MAX_PENDING_PER_LIFTER = 5

export interface StoredImport {
  id: string
  format: ImportFormat
  plan: ImportPlan
  createdAt: Date
  expiresAt: Date
}

const expiryOf = (createdAt: Date) => new Date(createdAt.getTime() + PLAN_TTL_MS)

/** Keeps a readable plan (one with a format and no file problem) for the lifter; returns it with its id. */
export async function saveImportPlan(
  prisma: PrismaClient,
  userId: string,
  plan: ImportPlan & { format: ImportFormat },
  now: Date,
): Promise<StoredImport> {
  const cutoff = new Date(now.getTime() - PLAN_TTL_MS)
  const row = await prisma.$transaction(async (tx) => {
    // Everyone's expired plans: nobody can confirm them any more (indexed by created_at).
    await tx.pendingImport.deleteMany({ where: { createdAt: { lt: cutoff } } })
    const kept = await tx.pendingImport.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      skip: MAX_PENDING_PER_LIFTER - 1,
      select: { id: true },
    })
    if (kept.length > 0)
      await tx.pendingImport.deleteMany({ where: { userId, id: { in: kept.map((k) => k.id) } } })
    return tx.pendingImport.create({
      data: { userId, format: plan.format, plan: plan as unknown as Prisma.InputJsonValue, createdAt: now },
      select: { id: true, createdAt: true },
    })
  })
  return {
    id: row.id,
    format: plan.format,
    plan,
    createdAt: row.createdAt,
    expiresAt: expiryOf(row.createdAt),
  }
}

/** The lifter's plan, or null when it is missing, expired, someone else's or the id is no id at all. */
export async function findImportPlan(
  prisma: PrismaClient,
  userId: string,
  id: string,
  now: Date,
): Promise<StoredImport | null> {
  if (!isId(id)) return null
  const row = await prisma.pendingImport.findFirst({
    where: { id, userId, createdAt: { gte: new Date(now.getTime() - PLAN_TTL_MS) } },
  })
  if (!row) return null
  return {
    id: row.id,
    format: row.format as ImportFormat,
    plan: row.plan as unknown as ImportPlan,
    createdAt: row.createdAt,
    expiresAt: expiryOf(row.createdAt),
  }
}

export async function deleteImportPlan(prisma: PrismaClient, userId: string, id: string): Promise<boolean> {
  if (!isId(id)) return false
  const { count } = await prisma.pendingImport.deleteMany({ where: { id, userId } })
  return count > 0
}

/** Exercises the lifter may map a file's name to (catalog and own, not archived), for pickers and checks. */
export function pickableExercises(prisma: PrismaClient, userId: string) {
  return prisma.exercise.findMany({
    where: { ...visibleTo(userId), archived: false },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, equipment: true, muscleGroup: true, category: true, ownerId: true },
  })
}

/**
 * Writes a stored plan with the lifter's choices (applyImport: one transaction), then forgets the plan.
 * A confirm sent twice finds the plan gone (404), and one racing it adds nothing: the duplicate rule.
 */
export async function confirmImport(
  prisma: PrismaClient,
  userId: string,
  stored: StoredImport,
  choices: Readonly<Record<string, ExerciseChoice>>,
  now: Date,
): Promise<ImportOutcome> {
  const outcome = await applyImport(prisma, userId, stored.plan, choices, now)
  await deleteImportPlan(prisma, userId, stored.id)
  return outcome
}

/** The import steps bound to one lifter and the request's clock (request.lifter.imports). */
export function importStore(prisma: PrismaClient, userId: string, now: () => Date) {
  return {
    save: (plan: ImportPlan & { format: ImportFormat }) => saveImportPlan(prisma, userId, plan, now()),
    find: (id: string) => findImportPlan(prisma, userId, id, now()),
    suggest: (plan: Pick<ImportPlan, 'exercises'>) => suggestChoices(prisma, userId, plan),
    exercises: () => pickableExercises(prisma, userId),
    confirm: (stored: StoredImport, choices: Readonly<Record<string, ExerciseChoice>>) =>
      confirmImport(prisma, userId, stored, choices, now()),
  }
}
