// Estimated one-rep max formulas as SQL over a workout_sets row aliased `s`. A single rep is the
// weight itself; callers cap reps (default 12) because high-rep estimates are unreliable.
import { Prisma } from '../generated/prisma/client.ts'

export type Formula = 'epley' | 'brzycki'
export const FORMULAS: Formula[] = ['epley', 'brzycki']
/** Brzycki divides by 37 − r, so the cap stays well below 37. */
export const MAX_REP_CAP = 30

export function e1rmSql(formula: Formula): Prisma.Sql {
  return formula === 'epley'
    ? Prisma.sql`CASE WHEN s.reps = 1 THEN s.weight_kg ELSE s.weight_kg * (1 + s.reps / 30.0) END`
    : Prisma.sql`CASE WHEN s.reps = 1 THEN s.weight_kg ELSE s.weight_kg * 36 / (37 - s.reps) END`
}

/** The estimate for one set, in JS (used by tests' hand calculations and nowhere in the hot path). */
export function e1rm(formula: Formula, weightKg: number, reps: number): number {
  if (reps === 1) return weightKg
  return formula === 'epley' ? weightKg * (1 + reps / 30) : (weightKg * 36) / (37 - reps)
}
