// Progress relative to body weight, from a progression answer (stats) and the lifter's body-weight entries
// (core): for weighted exercises the estimated 1RM per kg of body weight, for bodyweight exercises the total
// load (body weight + added load). Each session uses the latest entry on or before its date; a session
// with no entry that early is shown without a figure. The rules are in service-kit's counting rules.
import type { Progression } from '@liftlog/stats-contract'
import { type Chart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import { Decimal, displayNumber, formatWeight, type WeightUnit, weightInUnit } from '../units.ts'
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
): RelativeView {
  const total = progression.metric === 'reps'
  const rows: RelativeView['rows'] = []
  const points: { date: string; value: number | null }[] = []
  let withoutBodyWeight = 0
  for (const session of progression.sessions) {
    const bw = bodyWeightOn(entries, session.date)
    if (!bw) withoutBodyWeight++
    const bodyWeight = bw
      ? `${formatWeight(bw.weightKg, unit)}${bw.date === session.date ? '' : ` (${formatChartDate(bw.date, true)})`}`
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
      result = `${displayNumber(value, 'weight')} × body weight`
    }
    points.push({ date: session.date, value })
    rows.push({
      date: formatChartDate(session.date, true),
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
        title: 'Total load: body weight + heaviest added load',
        unit,
        format: (v) => `${displayNumber(v, 'weight')} ${unit}`,
        series: [{ name: 'Total load', className: 'series-1', points }],
      })
    : lineChart({
        id: 'relative-strength',
        title: 'Estimated 1RM per kg of body weight',
        unit: '× body weight',
        format: (v) => `${displayNumber(v, 'weight')} ×`,
        series: [{ name: 'e1RM ÷ body weight', className: 'series-1', points }],
      })
  return { kind: total ? 'total' : 'relative', chart, rows, withoutBodyWeight }
}
