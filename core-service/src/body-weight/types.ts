// Body weight as the rest of core sees it: a domain entry with exact decimals as strings, never a Prisma row.
import type { WeightUnit } from '../units.ts'

export interface BodyWeightEntry {
  /** The lifter's local date, YYYY-MM-DD. */
  date: string
  /** Exactly as typed, in `unit`: "179.4", "81.35". */
  weight: string
  /** The unit it was typed in. */
  unit: WeightUnit
  /** Its exact kilograms: "81.374471178" for 179.4 lb. */
  weightKg: string
  note: string | null
  createdAt: Date
}
