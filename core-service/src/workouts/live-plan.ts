// The plan of a live workout, as kept in workouts.plan (JSON): pure functions over it, no database. Rows
// and entries carry their own ids so a form or a request names one that stays put while others are added
// or ticked on a second phone.
import { randomUUID } from 'node:crypto'
import type { WeightUnit } from '../units.ts'

export interface PlanRow {
  id: string
  reps: number | null
  weight: string | null
  unit: WeightUnit
  setId: string | null
}

export interface PlanEntry {
  id: string
  exerciseId: string
  rows: PlanRow[]
}

export interface LivePlan {
  entries: PlanEntry[]
}

/** Bounds that keep one plan (one JSON value rewritten on every tick) small. */
export const PLAN_LIMITS = { entries: 30, rowsPerEntry: 30 } as const

export function emptyPlan(): LivePlan {
  return { entries: [] }
}

/** The plan as stored, read defensively: anything that is not a plan reads as an empty one. */
export function readPlan(json: unknown): LivePlan {
  if (!json || typeof json !== 'object' || !Array.isArray((json as LivePlan).entries)) return emptyPlan()
  return json as LivePlan
}

export function newRow(unit: WeightUnit, from?: Pick<PlanRow, 'reps' | 'weight' | 'unit'>): PlanRow {
  return {
    id: randomUUID(),
    reps: from?.reps ?? null,
    weight: from?.weight ?? null,
    unit: from?.unit ?? unit,
    setId: null,
  }
}

export function findEntry(plan: LivePlan, entryId: string): PlanEntry | undefined {
  return plan.entries.find((e) => e.id === entryId)
}

export function findRow(plan: LivePlan, rowId: string): { entry: PlanEntry; row: PlanRow } | undefined {
  for (const entry of plan.entries) {
    const row = entry.rows.find((r) => r.id === rowId)
    if (row) return { entry, row }
  }
  return undefined
}

/** Every ticked row's set id, in plan order. */
export function doneSetIds(plan: LivePlan): string[] {
  return plan.entries.flatMap((e) => e.rows.flatMap((r) => (r.setId ? [r.setId] : [])))
}

/**
 * The row a planned row's empty fields default to: the nearest earlier row of its exercise with reps
 * typed (ticking row 3 before row 2 still takes row 1's), or undefined for the first.
 */
export function previousRow<R extends Pick<PlanRow, 'id' | 'reps'>>(rows: R[], row: R): R | undefined {
  const index = rows.findIndex((r) => r.id === row.id)
  return rows
    .slice(0, Math.max(index, 0))
    .reverse()
    .find((r) => r.reps !== null)
}

/** Empty reps and weight take `from`'s (with its unit when the weight is taken): what a tick saves. */
export function fillFromPrevious(row: PlanRow, from: PlanRow | undefined) {
  if (!from) return
  if (row.reps === null) row.reps = from.reps
  if (row.weight === null && from.weight !== null) {
    row.weight = from.weight
    row.unit = from.unit
  }
}
