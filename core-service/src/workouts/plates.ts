// Plate math for barbell sets: which plates go on each side of the bar for a set's weight, in the unit it
// was typed in. The rule (shown beside the plates): per side = (weight − bar) ÷ 2, loaded heaviest plate
// first from a standard set; what no plate can make up is said, never rounded away.

import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'
import { Decimal, editableWeight, type WeightUnit } from '../units.ts'

/** The bar and the plates a gym usually has, per unit (any number of each). */
export const STANDARD_LOADING: Record<WeightUnit, { bar: string; plates: string[] }> = {
  kg: { bar: '20', plates: ['25', '20', '15', '10', '5', '2.5', '1.25'] },
  lb: { bar: '45', plates: ['45', '35', '25', '10', '5', '2.5'] },
}

export interface Loading {
  unit: WeightUnit
  bar: string
  /** Plates on one side, heaviest first, e.g. ["20", "10", "2.5"]; empty for the bare bar. */
  perSide: string[]
  /** Weight per side no plate makes up (e.g. "0.5" for 101 kg), or null when loaded exactly. */
  leftOver: string | null
}

/** The loading of `weight` (in `unit`, as typed), or null when it is lighter than the bar. */
export function loadBar(weight: string, unit: WeightUnit): Loading | null {
  const { bar, plates } = STANDARD_LOADING[unit]
  const total = new Decimal(weight)
  if (total.lessThan(bar)) return null
  let side = total.minus(bar).dividedBy(2)
  const perSide: string[] = []
  for (const plate of plates) {
    while (side.greaterThanOrEqualTo(plate)) {
      perSide.push(plate)
      side = side.minus(plate)
    }
  }
  return { unit, bar, perSide, leftOver: side.isZero() ? null : side.toString() }
}

/** How a set's loading reads: "per side: 20 + 10 + 2.5 kg (20 kg bar)", "empty 45 lb bar". */
export function describeLoading(weightKg: string, unit: WeightUnit, locale: Locale = 'en'): string | null {
  const loading = loadBar(editableWeight(weightKg, unit), unit)
  if (!loading) return null
  const t = translator(locale)
  // Plate sizes are shown as the standard loading writes them; only the separator is the locale's.
  const n = (value: string) => (locale === 'en' ? value : value.replace('.', ','))
  const bar = t('plates.bar', { weight: n(loading.bar), unit })
  if (loading.perSide.length === 0 && !loading.leftOver) return t('plates.empty', { bar })
  const plates = loading.perSide.length ? `${loading.perSide.map(n).join(' + ')} ${unit}` : t('plates.none')
  const rest = loading.leftOver ? t('plates.leftOver', { weight: n(loading.leftOver), unit }) : ''
  return t('plates.perSide', { plates, bar, rest })
}
