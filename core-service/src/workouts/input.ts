// The domain rules of a workout write, for every writer (the JSON API, the form, the import): what the
// schema (schemas.ts WorkoutBody, checked first by src/validation.ts) cannot say — not in the future in the
// lifter's zone, the weight limit in the unit it is typed in, exact decimals, exercises this lifter may
// use. Errors are keyed by field path ("startedAt", "sets.2.weight") so a form shows each next to its field.
import { Prisma } from '../generated/prisma/client.ts'
import { MAX_WEIGHT_KG, toKg, WEIGHT_DECIMALS, type WeightUnit } from '../units.ts'
import { type FieldErrors, invalidInput } from '../validation.ts'
import { EARLIEST_DATE, latestStart } from './local-time.ts'
import type { WorkoutBody } from './schemas.ts'

export const LIMITS = {
  titleLength: 120,
  notesLength: 4000,
  maxSets: 200,
  maxReps: 1000,
  minRpe: 6,
  maxRpe: 10,
} as const

/** A write that passed WorkoutBody, with its start as an instant (now, or the workout's own, by default). */
export type WorkoutInput = Omit<WorkoutBody, 'startedAt'> & { startedAt: Date }
export type SetInput = WorkoutInput['sets'][number]

/** A set ready for the database: the typed unit and the exact kilograms of the typed weight. */
export interface NormalizedSet {
  exerciseId: string
  reps: number
  weightKg: Prisma.Decimal
  weightUnit: WeightUnit
  rpe: Prisma.Decimal | null
  isWarmup: boolean
}

export interface NormalizedWorkout {
  startedAt: Date
  title: string | null
  notes: string | null
  sets: NormalizedSet[]
}

export const UNKNOWN_EXERCISE = 'unknown exercise'

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/**
 * Applies the rules that need no database to a checked input and converts weights to exact kilograms.
 * `zone` is the lifter's time zone (for "not in the future"), `unit` the unit a set's weight is typed in
 * unless it says.
 */
export function normalizeWorkout(input: WorkoutInput, unit: WeightUnit, zone: string, now = new Date()) {
  const errors: FieldErrors = {}
  const startedAt = input.startedAt
  if (Number.isNaN(startedAt.getTime())) {
    errors.startedAt = 'is not a valid date and time'
  } else if (startedAt < new Date(`${EARLIEST_DATE}T00:00:00Z`)) {
    errors.startedAt = `must be after ${EARLIEST_DATE}`
  } else if (startedAt > latestStart(zone, now)) {
    errors.startedAt = 'cannot be after today'
  }
  const sets = input.sets.map((set, i): NormalizedSet => {
    const weightUnit = set.unit ?? unit
    let weightKg = new Prisma.Decimal(0)
    // The schema allows the pound limit; a weight typed in kg has the kilogram one.
    if (weightUnit === 'kg' && set.weight > MAX_WEIGHT_KG) {
      errors[`sets.${i}.weight`] = `must be a number from 0 to ${MAX_WEIGHT_KG} kg`
    } else if (new Prisma.Decimal(set.weight).decimalPlaces() > WEIGHT_DECIMALS) {
      // Kept exactly as typed, so more decimals than a lifter can load would be kept too: refuse them.
      errors[`sets.${i}.weight`] = `must have at most ${WEIGHT_DECIMALS} decimals`
    } else {
      weightKg = toKg(set.weight, weightUnit)
    }
    return {
      exerciseId: set.exerciseId,
      reps: set.reps,
      weightKg,
      weightUnit,
      rpe: set.rpe === undefined || set.rpe === null ? null : new Prisma.Decimal(set.rpe),
      isWarmup: Boolean(set.isWarmup),
    }
  })
  if (Object.keys(errors).length > 0) throw invalidInput(errors)
  return {
    startedAt,
    title: blankToNull(input.title),
    notes: blankToNull(input.notes),
    sets,
  } satisfies NormalizedWorkout
}

/** Exercise facts the database checks need. */
export interface ExerciseFacts {
  id: string
  isBodyweight: boolean
  equipment: string
}

/** Checks the sets against the exercises this lifter may use (found = visible to them). */
export function checkExercises(sets: NormalizedSet[], found: ExerciseFacts[]): void {
  const byId = new Map(found.map((e) => [e.id.toLowerCase(), e]))
  const errors: FieldErrors = {}
  sets.forEach((set, i) => {
    const exercise = byId.get(set.exerciseId.toLowerCase())
    if (!exercise) {
      errors[`sets.${i}.exerciseId`] = UNKNOWN_EXERCISE
      return
    }
    // Bodyweight movements (and bands) log 0 as "no added load"; a barbell set at 0 is a typo.
    const zeroAllowed =
      exercise.isBodyweight || exercise.equipment === 'bodyweight' || exercise.equipment === 'band'
    if (!zeroAllowed && set.weightKg.isZero())
      errors[`sets.${i}.weight`] = 'must be more than 0 for this exercise'
  })
  if (Object.keys(errors).length > 0) throw invalidInput(errors)
}
