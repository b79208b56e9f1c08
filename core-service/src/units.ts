// Weight units and LiftLog's rounding rules. A set keeps the weight as typed (value and unit); kilograms
// are derived exactly (lb × 0.45359237) for arithmetic. Every rounding of a weight happens here, once.
import { Prisma } from './generated/prisma/client.ts'
import type { Locale } from './i18n/locales.ts'
import { numberFormat } from './i18n/numbers.ts'

/** Exact decimal arithmetic for weights (decimal.js, as Prisma ships it); values leave as strings. */
export const Decimal = Prisma.Decimal
export type Decimal = Prisma.Decimal

export type WeightUnit = 'kg' | 'lb'

/** The international pound, exactly. */
export const KG_PER_LB = new Decimal('0.45359237')
/** The heaviest weight any set may carry (the database CHECK agrees). */
export const MAX_WEIGHT_KG = 2000
/** The same limit for weights typed in pounds (whole pounds, rounded down). */
export const MAX_WEIGHT_LB = Math.floor(MAX_WEIGHT_KG / 0.45359237)
/** Decimals a typed weight may have, in kg or lb (the database CHECK agrees). */
export const WEIGHT_DECIMALS = 2

type Numeric = Decimal | number | string

/**
 * The rounding rules, one per figure, applied the same on every page and in the JSON API (half-up):
 * - a logged weight shows as typed; in the other unit it is converted to 0.01 (100 kg → 220.46 lb);
 * - an estimated 1RM to 0.1 of the unit;
 * - volume (Σ reps × weight) to whole units.
 */
export const ROUNDING = { weight: WEIGHT_DECIMALS, e1rm: 1, volume: 0 } as const
export type Figure = keyof typeof ROUNDING

/** A weight typed in `unit`, in exact kilograms: 185 lb → 83.91458845. */
export function toKg(value: Numeric, unit: WeightUnit): Decimal {
  const typed = new Decimal(value)
  return unit === 'lb' ? typed.times(KG_PER_LB) : typed
}

/** Kilograms in `unit`, unrounded. */
export function fromKg(kg: Numeric, unit: WeightUnit): Decimal {
  const value = new Decimal(kg)
  return unit === 'lb' ? value.dividedBy(KG_PER_LB) : value
}

/** Kilograms in `unit`, rounded by the rule for `figure`. A weight typed in `unit` comes back exactly. */
export function inUnit(kg: Numeric, unit: WeightUnit, figure: Figure = 'weight'): Decimal {
  return fromKg(kg, unit).toDecimalPlaces(ROUNDING[figure], Decimal.ROUND_HALF_UP)
}

/** A logged weight as a plain number string for forms and files: "137.5", "61.25", never "1,000". */
export function editableWeight(kg: Numeric, unit: WeightUnit): string {
  return inUnit(kg, unit).toString()
}

/** A number for JSON in `unit`, by the rule for `figure`. */
export function weightInUnit(kg: Numeric, unit: WeightUnit, figure: Figure = 'weight'): number {
  return inUnit(kg, unit, figure).toNumber()
}

/**
 * A figure for reading, without unit: "137.5", "1,234.5" (thousands separators, no trailing zeros); in
 * Slovenian "137,5", "1234,5". Only the separators change with the locale, never the digits.
 */
export function displayWeight(
  kg: Numeric,
  unit: WeightUnit,
  figure: Figure = 'weight',
  locale?: Locale,
): string {
  // Rounded as a Decimal first so the formatter never rounds a binary float itself.
  return numberFormat(locale, ROUNDING[figure]).format(inUnit(kg, unit, figure).toNumber())
}

/** `displayWeight` with the unit, e.g. "61.25 kg", "137.5 lb", "10,115 lb". */
export function formatWeight(
  kg: Numeric,
  unit: WeightUnit,
  figure: Figure = 'weight',
  locale?: Locale,
): string {
  return `${displayWeight(kg, unit, figure, locale)} ${unit}`
}

/** A number already in the unit (a chart value), formatted by the rule for `figure`. */
export function displayNumber(value: number, figure: Figure, locale?: Locale): string {
  return numberFormat(locale, ROUNDING[figure]).format(
    new Decimal(value).toDecimalPlaces(ROUNDING[figure], Decimal.ROUND_HALF_UP).toNumber(),
  )
}
