// What a body-weight entry must satisfy, checked once for the page form and the JSON API. Errors are keyed
// by field ("date", "weight", "note") so the form shows each next to its field.
import { ValidationFailed } from '../errors.ts'
import { Decimal, toKg, WEIGHT_DECIMALS, type WeightUnit } from '../units.ts'
import { EARLIEST_DATE, isRealDate, todayIn } from '../workouts/local-time.ts'

export const LIMITS = {
  /** Plausible body weights, in kilograms (the database CHECK agrees). */
  minKg: 20,
  maxKg: 500,
  noteLength: 500,
} as const

/** The limits in `unit`, to 0.1, inside the kilogram limits: 20 kg → 44.1 lb, 500 kg → 1102.3 lb. */
export function weightLimits(unit: WeightUnit): { min: number; max: number } {
  if (unit === 'kg') return { min: LIMITS.minKg, max: LIMITS.maxKg }
  const lb = (kg: number) => new Decimal(kg).dividedBy('0.45359237')
  return {
    min: lb(LIMITS.minKg).toDecimalPlaces(1, Decimal.ROUND_UP).toNumber(),
    max: lb(LIMITS.maxKg).toDecimalPlaces(1, Decimal.ROUND_DOWN).toNumber(),
  }
}

export interface BodyWeightInput {
  /** The lifter's local date, YYYY-MM-DD. */
  date: string
  /** In the lifter's unit, as typed. */
  weight: number
  note?: string | null
}

/** An entry ready for the database. */
export interface NormalizedBodyWeight {
  date: string
  weightKg: Decimal
  weightUnit: WeightUnit
  note: string | null
}

export type FieldErrors = Record<string, string>

/** A 400 carrying every field's message; its own message names the first one ("weight: must be …"). */
export function bodyWeightInputError(fields: FieldErrors) {
  const [path, message] = Object.entries(fields)[0] ?? ['body weight', 'is invalid']
  return Object.assign(new ValidationFailed(`${path}: ${message}`), { fields })
}

/** The per-field messages of a body-weight input error, or null for any other error. */
export function bodyWeightFieldErrors(error: unknown): FieldErrors | null {
  const fields = (error as { fields?: unknown } | null)?.fields
  return fields && typeof fields === 'object' ? (fields as FieldErrors) : null
}

/**
 * Checks an entry and converts its weight to exact kilograms. `unit` is the lifter's unit (the weight is
 * typed in it), `zone` their time zone: a date after their today is refused.
 */
export function normalizeBodyWeight(
  input: BodyWeightInput,
  unit: WeightUnit,
  zone: string,
  now: Date,
): NormalizedBodyWeight {
  const errors: FieldErrors = {}
  const date = input.date
  if (typeof date !== 'string' || !isRealDate(date)) errors.date = 'is not a valid date (YYYY-MM-DD)'
  else if (date < EARLIEST_DATE) errors.date = `must be ${EARLIEST_DATE} or later`
  else if (date > todayIn(zone, now)) errors.date = 'cannot be after today'

  const { min, max } = weightLimits(unit)
  let weightKg = new Decimal(0)
  if (typeof input.weight !== 'number' || !Number.isFinite(input.weight)) {
    errors.weight = `must be a number from ${min} to ${max} ${unit}`
  } else if (new Decimal(input.weight).decimalPlaces() > WEIGHT_DECIMALS) {
    errors.weight = `must have at most ${WEIGHT_DECIMALS} decimals`
  } else {
    weightKg = toKg(input.weight, unit)
    if (weightKg.lessThan(LIMITS.minKg) || weightKg.greaterThan(LIMITS.maxKg))
      errors.weight = `must be a number from ${min} to ${max} ${unit}`
  }

  const note = input.note?.trim() || null
  if (note && note.length > LIMITS.noteLength) errors.note = `must be at most ${LIMITS.noteLength} characters`

  if (Object.keys(errors).length > 0) throw bodyWeightInputError(errors)
  return { date, weightKg, weightUnit: unit, note }
}
