// Weight units: lifters type and read weights in kg or lb; the database stores kilograms exactly (0.01 kg).
import { Prisma } from './generated/prisma/client.ts'

const Decimal = Prisma.Decimal
type Decimal = Prisma.Decimal

export type WeightUnit = 'kg' | 'lb'

/** The international pound, exactly. */
export const KG_PER_LB = new Decimal('0.45359237')
/** The heaviest weight any set may carry (the database CHECK agrees). */
export const MAX_WEIGHT_KG = 2000

type Numeric = Decimal | number | string

/** A weight typed in `unit` as stored: kilograms rounded half-up to 0.01, e.g. 225 lb → "102.06". */
export function toStoredKg(value: Numeric, unit: WeightUnit): Decimal {
  const typed = new Decimal(value)
  const kg = unit === 'lb' ? typed.times(KG_PER_LB) : typed
  return kg.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}

/** A stored kilogram weight in `unit`, unrounded. */
export function fromKg(kg: Numeric, unit: WeightUnit): Decimal {
  const value = new Decimal(kg)
  return unit === 'lb' ? value.dividedBy(KG_PER_LB) : value
}

/**
 * A weight for reading: kg to the nearest 0.5, lb to the nearest 1 — plates come in those steps, and
 * 102.06 kg entered as 225 lb must read back as "225", not "225.0006".
 */
export function displayWeight(kg: Numeric, unit: WeightUnit): string {
  const value = fromKg(kg, unit)
  const rounded =
    unit === 'lb'
      ? value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      : value.times(2).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).dividedBy(2)
  return rounded.toString()
}

/** `displayWeight` with the unit, e.g. "100 kg", "225 lb". */
export function formatWeight(kg: Numeric, unit: WeightUnit): string {
  return `${displayWeight(kg, unit)} ${unit}`
}

/**
 * A weight to put back into an edit form: precise enough (0.01 of the unit) that saving the form
 * unchanged stores exactly the same kilograms, e.g. 102.06 kg → "225" lb → 102.06 kg again.
 */
export function editableWeight(kg: Numeric, unit: WeightUnit): string {
  return fromKg(kg, unit).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()
}

/** A number for JSON in the lifter's unit, 0.01 precision (same rule as the edit form). */
export function weightInUnit(kg: Numeric, unit: WeightUnit): number {
  return Number(editableWeight(kg, unit))
}
