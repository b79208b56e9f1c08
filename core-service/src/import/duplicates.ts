// The duplicate rule, so that importing the same file twice adds nothing:
// a planned workout is already there when one of the lifter's workouts starts in the same second and has
// the same sets in the same order — same exercise, reps, exact kilograms and warm-up flag (RPE and notes
// are not compared). Only sets LiftLog stores count (see plan.ts storableSet). A workout repeated inside
// the file is dropped the same way.
import { Prisma } from '../generated/prisma/client.ts'
import type { WeightUnit } from '../units.ts'
import { storableSet } from './plan.ts'
import type { PlannedWorkout } from './types.ts'

export interface ExistingWorkout {
  startedAt: Date | string
  sets: { exerciseId: string; reps: number; weightKg: string | { toString(): string }; isWarmup: boolean }[]
}

const second = (at: Date | string) => Math.floor(new Date(at).getTime() / 1000)

function key(
  start: number,
  sets: { exerciseId: string; reps: number; weightKg: string; isWarmup: boolean }[],
) {
  return `${start}|${sets.map((s) => `${s.exerciseId.toLowerCase()}/${s.reps}/${s.weightKg}/${s.isWarmup ? 'w' : ''}`).join(',')}`
}

/**
 * The planned workouts not already there. `exerciseIdOf` maps a file's exercise name to the exercise the
 * lifter chose for it (a match or the custom exercise created for it).
 */
export function dropDuplicates<W extends Pick<PlannedWorkout, 'start' | 'sets'>>(
  workouts: readonly W[],
  existing: readonly ExistingWorkout[],
  exerciseIdOf: (fileName: string) => string,
  lifterUnit: WeightUnit,
): { fresh: W[]; duplicates: W[] } {
  const seen = new Set(
    existing.map((w) =>
      key(
        second(w.startedAt),
        w.sets.map((s) => ({ ...s, weightKg: new Prisma.Decimal(s.weightKg.toString()).toFixed() })),
      ),
    ),
  )
  const fresh: W[] = []
  const duplicates: W[] = []
  for (const w of workouts) {
    const sets = w.sets.flatMap((s) => {
      const stored = storableSet(s, lifterUnit)
      return stored
        ? [
            {
              exerciseId: exerciseIdOf(s.exercise),
              reps: stored.reps,
              weightKg: stored.weightKg,
              isWarmup: stored.isWarmup,
            },
          ]
        : []
    })
    const k = key(second(w.start), sets)
    if (seen.has(k)) duplicates.push(w)
    else {
      seen.add(k)
      fresh.push(w)
    }
  }
  return { fresh, duplicates }
}
