// Body-weight entries as the JSON API answers them: in the lifter's unit, as typed, and in exact kg.
import { inUnit, type WeightUnit } from '../units.ts'
import type { BodyWeightEntry } from './types.ts'

export function bodyWeightJson(entry: BodyWeightEntry, unit: WeightUnit) {
  return {
    date: entry.date,
    weight: inUnit(entry.weightKg, unit).toNumber(),
    loggedWeight: Number(entry.weight),
    loggedUnit: entry.unit,
    weightKg: Number(entry.weightKg),
    note: entry.note,
    createdAt: entry.createdAt.toISOString(),
  }
}
