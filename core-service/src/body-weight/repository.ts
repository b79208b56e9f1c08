// Body-weight entries of one lifter. Every function takes the signed-in user's id first and every query
// filters by it, so another lifter's entry is indistinguishable from a missing one. Every write is one
// transaction that also bumps users.data_version (the stats cache key). Answers are domain entries with
// weights as exact decimal strings, never Prisma rows.
import { lockOwner } from '../db/lock-owner.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { inUnit } from '../units.ts'
import { dateColumn, fromDateColumn, isRealDate } from '../workouts/local-time.ts'
import { type BodyWeightInput, normalizeBodyWeight } from './input.ts'
import type { BodyWeightEntry } from './types.ts'

type Db = PrismaClient | Prisma.TransactionClient

const columns = {
  localDate: true,
  weightKg: true,
  weightUnit: true,
  note: true,
  createdAt: true,
} satisfies Prisma.BodyWeightSelect

type Row = Prisma.BodyWeightGetPayload<{ select: typeof columns }>

function entryOf(row: Row): BodyWeightEntry {
  return {
    date: fromDateColumn(row.localDate),
    // Two decimals in the typed unit give the typed value back exactly (the CHECK allows no more).
    weight: inUnit(row.weightKg, row.weightUnit).toString(),
    unit: row.weightUnit,
    weightKg: row.weightKg.toString(),
    note: row.note,
    createdAt: row.createdAt,
  }
}

export interface BodyWeightRange {
  from?: string
  to?: string
  /** At most this many, newest first. */
  limit?: number
}

/** The user's entries between from and to (inclusive, either optional), newest first. */
export async function listBodyWeights(
  db: Db,
  userId: string,
  { from, to, limit }: BodyWeightRange = {},
): Promise<BodyWeightEntry[]> {
  const rows = await db.bodyWeight.findMany({
    where: {
      userId,
      localDate: { ...(from ? { gte: dateColumn(from) } : {}), ...(to ? { lte: dateColumn(to) } : {}) },
    },
    orderBy: { localDate: 'desc' },
    take: limit,
    select: columns,
  })
  return rows.map(entryOf)
}

/** The user's entry of one date, or null. */
export async function findBodyWeight(db: Db, userId: string, date: string): Promise<BodyWeightEntry | null> {
  if (!isRealDate(date)) return null
  const row = await db.bodyWeight.findFirst({
    where: { userId, localDate: dateColumn(date) },
    select: columns,
  })
  return row ? entryOf(row) : null
}

/** The user's latest entry on or before `date` (default: their latest of all), or null. */
export async function latestBodyWeight(
  db: Db,
  userId: string,
  date?: string,
): Promise<BodyWeightEntry | null> {
  if (date !== undefined && !isRealDate(date)) return null
  const row = await db.bodyWeight.findFirst({
    where: { userId, ...(date ? { localDate: { lte: dateColumn(date) } } : {}) },
    orderBy: { localDate: 'desc' },
    select: columns,
  })
  return row ? entryOf(row) : null
}

/**
 * Saves the entry of `input.date`, replacing one already there (one entry per date). Throws a 400 carrying
 * field messages when the input is not acceptable; then nothing is written, data_version included.
 */
export async function saveBodyWeight(
  prisma: PrismaClient,
  userId: string,
  input: BodyWeightInput,
  now: Date,
): Promise<{ entry: BodyWeightEntry; replaced: boolean }> {
  return prisma.$transaction(async (tx) => {
    const owner = await lockOwner(tx, userId)
    const entry = normalizeBodyWeight(input, owner.unit, owner.timeZone, now)
    const key = { userId, localDate: dateColumn(entry.date) }
    const existing = await tx.bodyWeight.findUnique({
      where: { userId_localDate: key },
      select: { id: true },
    })
    const data = { weightKg: entry.weightKg, weightUnit: entry.weightUnit, note: entry.note }
    const row = await tx.bodyWeight.upsert({
      where: { userId_localDate: key },
      create: { ...key, ...data },
      update: data,
      select: columns,
    })
    return { entry: entryOf(row), replaced: existing !== null }
  })
}

/** Deletes the user's entry of one date; false when they have none (nothing written). */
export async function deleteBodyWeight(prisma: PrismaClient, userId: string, date: string): Promise<boolean> {
  if (!isRealDate(date)) return false
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.bodyWeight.deleteMany({ where: { userId, localDate: dateColumn(date) } })
    if (count === 0) return false
    await lockOwner(tx, userId)
    return true
  })
}

/** This file's functions bound to one lifter and the request's clock (request.lifter.bodyWeight). */
export function bodyWeightStore(prisma: PrismaClient, userId: string, now: () => Date) {
  return {
    list: (range?: BodyWeightRange) => listBodyWeights(prisma, userId, range),
    find: (date: string) => findBodyWeight(prisma, userId, date),
    latest: (onOrBefore?: string) => latestBodyWeight(prisma, userId, onOrBefore),
    save: (input: BodyWeightInput) => saveBodyWeight(prisma, userId, input, now()),
    delete: (date: string) => deleteBodyWeight(prisma, userId, date),
  }
}
