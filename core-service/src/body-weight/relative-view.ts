// Progress relative to body weight, from a progression answer (stats) and the lifter's body-weight entries
// (core): for weighted exercises the estimated 1RM per kg of body weight, for bodyweight exercises the total
// load (body weight + added load). Each session uses the latest entry on or before its date; a session
// with no entry that early is shown without a figure. The rules are in service-kit's counting rules.
import type { Progression } from '@liftlog/stats-contract'
import { type Chart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'
import {
  Decimal,
  displayNumber,
  type Figure,
  type WeightUnit,
  formatWeight as weightIn,
  weightInUnit,
} from '../units.ts'
import type { BodyWeightEntry } from './types.ts'

/** Ratios are shown to 0.01 (half-up): 1.25 × body weight. */
const RATIO_DECIMALS = 2

/** The latest entry on or before `date`; `entries` newest first (as the repository lists them). */
export function bodyWeightOn(entries: BodyWeightEntry[], date: string): BodyWeightEntry | null {
  return entries.find((e) => e.date <= date) ?? null
}

export function relativeRatio(e1rmKg: number, bodyWeightKg: string): number {
  return new Decimal(e1rmKg)
    .dividedBy(bodyWeightKg)
    .toDecimalPlaces(RATIO_DECIMALS, Decimal.ROUND_HALF_UP)
    .toNumber()
}

export interface RelativeView {
  kind: 'relative' | 'total'
  chart: Chart
  rows: { date: string; workoutId: string; figure: string; bodyWeight: string; result: string }[]
  withoutBodyWeight: number
}

export function relativeView(
  progression: Progression,
  entries: BodyWeightEntry[],
  unit: WeightUnit,
  locale: Locale = 'en',
): RelativeView {
  const t = translator(locale)
  const formatWeight = (kg: Decimal | number | string, u: WeightUnit, figure: Figure = 'weight') =>
    weightIn(kg, u, figure, locale)
  const day = (date: string) => formatChartDate(date, true, locale)
  const total = progression.metric === 'reps'
  const rows: RelativeView['rows'] = []
  const points: { date: string; value: number | null }[] = []
  let withoutBodyWeight = 0
  for (const session of progression.sessions) {
    const bw = bodyWeightOn(entries, session.date)
    if (!bw) withoutBodyWeight++
    const bodyWeight = bw
      ? `${formatWeight(bw.weightKg, unit)}${bw.date === session.date ? '' : ` (${day(bw.date)})`}`
      : '—'
    let value: number | null = null
    let result = '—'
    if (total) {
      if (bw) {
        const kg = new Decimal(bw.weightKg).plus(session.heaviestKg)
        value = weightInUnit(kg, unit)
        result = formatWeight(kg, unit)
      }
    } else if (bw && session.e1rmKg !== null) {
      value = relativeRatio(session.e1rmKg, bw.weightKg)
      result = t('relative.ratio', { value: displayNumber(value, 'weight', locale) })
    }
    points.push({ date: session.date, value })
    rows.push({
      date: day(session.date),
      workoutId: session.workoutId,
      figure: total
        ? formatWeight(session.heaviestKg, unit)
        : session.e1rmKg === null
          ? '—'
          : formatWeight(session.e1rmKg, unit, 'e1rm'),
      bodyWeight,
      result,
    })
  }
  const chart = total
    ? lineChart({
        id: 'total-load',
        title: t('relative.totalTitle'),
        unit,
        locale,
        format: (v) => `${displayNumber(v, 'weight', locale)} ${unit}`,
        series: [{ name: t('relative.totalLoad'), className: 'series-1', points }],
      })
    : lineChart({
        id: 'relative-strength',
        title: t('relative.relativeTitle'),
        unit: t('relative.unit'),
        locale,
        format: (v) => `${displayNumber(v, 'weight', locale)} ×`,
        series: [{ name: t('relative.series'), className: 'series-1', points }],
      })
  return { kind: total ? 'total' : 'relative', chart, rows, withoutBodyWeight }
}
