// What a workout write must satisfy, checked once for both the form and the JSON API. Errors are keyed by
// field path ("startedAt", "sets.2.reps") so a form can show each next to its field.
import { ValidationFailed } from '../errors.ts'
import { Prisma } from '../generated/prisma/client.ts'
import { MAX_WEIGHT_KG, toKg, WEIGHT_DECIMALS, type WeightUnit } from '../units.ts'
import { EARLIEST_DATE, latestStart } from './local-time.ts'

export const LIMITS = {
  titleLength: 120,
  notesLength: 4000,
  maxSets: 200,
  maxReps: 1000,
  minRpe: 6,
  maxRpe: 10,
} as const

export interface SetInput {
  exerciseId: string
  reps: number
  /** In `unit`. */
  weight: number
  /** The unit `weight` is typed in; the lifter's unit when absent. */
  unit?: WeightUnit
  rpe?: number | null
  isWarmup?: boolean
}

export interface WorkoutInput {
  startedAt: Date
  title?: string | null
  notes?: string | null
  sets: SetInput[]
}

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

export type FieldErrors = Record<string, string>

/** A 400 from the catalogue carrying every field's message; its own message names the first one. */
export function workoutInputError(fields: FieldErrors) {
  const [path, message] = Object.entries(fields)[0] ?? ['workout', 'is invalid']
  return Object.assign(new ValidationFailed(`${path}: ${message}`), { fields })
}

/** The per-field messages of a workout input error, or null for any other error. */
export function workoutFieldErrors(error: unknown): FieldErrors | null {
  const fields = (error as { fields?: unknown } | null)?.fields
  return fields && typeof fields === 'object' ? (fields as FieldErrors) : null
}

export const UNKNOWN_EXERCISE = 'unknown exercise'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/**
 * Checks everything that needs no database and converts weights to exact kilograms. `zone` is the
 * lifter's time zone (for "not in the future"), `unit` the unit a set's weight is typed in unless it says.
 */
export function normalizeWorkout(input: WorkoutInput, unit: WeightUnit, zone: string, now = new Date()) {
  const errors: FieldErrors = {}
  const startedAt = input.startedAt
  if (!(startedAt instanceof Date) || Number.isNaN(startedAt.getTime())) {
    errors.startedAt = 'is not a valid date and time'
  } else if (startedAt < new Date(`${EARLIEST_DATE}T00:00:00Z`)) {
    errors.startedAt = `must be after ${EARLIEST_DATE}`
  } else if (startedAt > latestStart(zone, now)) {
    errors.startedAt = 'cannot be after today'
  }
  const title = blankToNull(input.title)
  if (title && title.length > LIMITS.titleLength)
    errors.title = `must be at most ${LIMITS.titleLength} characters`
  const notes = blankToNull(input.notes)
  if (notes && notes.length > LIMITS.notesLength)
    errors.notes = `must be at most ${LIMITS.notesLength} characters`

  if (input.sets.length === 0) errors.sets = 'add at least one set'
  if (input.sets.length > LIMITS.maxSets) errors.sets = `at most ${LIMITS.maxSets} sets per workout`
  const sets: NormalizedSet[] = []
  input.sets.slice(0, LIMITS.maxSets).forEach((set, i) => {
    const at = `sets.${i}`
    if (!set.exerciseId) errors[`${at}.exerciseId`] = 'choose an exercise'
    else if (typeof set.exerciseId !== 'string' || !UUID.test(set.exerciseId)) {
      errors[`${at}.exerciseId`] = UNKNOWN_EXERCISE
    }
    if (!Number.isInteger(set.reps) || set.reps < 0 || set.reps > LIMITS.maxReps) {
      errors[`${at}.reps`] = `must be a whole number from 0 to ${LIMITS.maxReps}`
    }
    let weightKg = new Prisma.Decimal(0)
    const weightUnit: WeightUnit = set.unit === 'kg' || set.unit === 'lb' ? set.unit : unit
    const maxWeight = weightUnit === 'lb' ? Math.floor(MAX_WEIGHT_KG / 0.45359237) : MAX_WEIGHT_KG
    if (set.unit !== undefined && set.unit !== weightUnit) {
      errors[`${at}.weight`] = 'unit must be kg or lb'
    } else if (
      typeof set.weight !== 'number' ||
      !Number.isFinite(set.weight) ||
      set.weight < 0 ||
      set.weight > maxWeight
    ) {
      errors[`${at}.weight`] = `must be a number from 0 to ${maxWeight} ${weightUnit}`
    } else if (new Prisma.Decimal(set.weight).decimalPlaces() > WEIGHT_DECIMALS) {
      // Kept exactly as typed, so more decimals than a lifter can load would be kept too: refuse them.
      errors[`${at}.weight`] = `must have at most ${WEIGHT_DECIMALS} decimals`
    } else {
      weightKg = toKg(set.weight, weightUnit)
    }
    let rpe: Prisma.Decimal | null = null
    if (set.rpe !== undefined && set.rpe !== null) {
      if (
        typeof set.rpe !== 'number' ||
        !(set.rpe >= LIMITS.minRpe && set.rpe <= LIMITS.maxRpe) ||
        !Number.isInteger(set.rpe * 2)
      ) {
        errors[`${at}.rpe`] = `must be ${LIMITS.minRpe} to ${LIMITS.maxRpe} in steps of 0.5`
      } else {
        rpe = new Prisma.Decimal(set.rpe)
      }
    }
    sets.push({
      exerciseId: set.exerciseId,
      reps: set.reps,
      weightKg,
      weightUnit,
      rpe,
      isWarmup: Boolean(set.isWarmup),
    })
  })
  if (Object.keys(errors).length > 0) throw workoutInputError(errors)
  return { startedAt, title, notes, sets } satisfies NormalizedWorkout
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
  if (Object.keys(errors).length > 0) throw workoutInputError(errors)
}
