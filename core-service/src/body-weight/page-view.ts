// What the body-weight page shows: the chart (entries and, when stats answers, the trend) and the list of
// recent entries, in the lifter's unit. Stats down: the entries still chart from core's own data.
import type { BodyWeightTrend } from '@liftlog/stats-contract'
import { type Chart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import { displayNumber, displayWeight, editableWeight, type WeightUnit } from '../units.ts'
import type { BodyWeightEntry } from './types.ts'

const weightLabel = (unit: WeightUnit) => (v: number) => `${displayNumber(v, 'weight')} ${unit}`

/** Entries with the stats trend (the answer's points are already in the lifter's unit). */
export function trendChart(trend: BodyWeightTrend, unit: WeightUnit): Chart {
  return lineChart({
    id: 'body-weight-chart',
    title: 'Body weight and trend',
    unit,
    format: weightLabel(unit),
    series: [
      {
        name: 'Body weight',
        className: 'series-2',
        points: trend.points.map((p) => ({ date: p.date, value: p.weight })),
      },
      {
        name: 'Trend (10-day half-life)',
        className: 'series-1',
        points: trend.points.map((p) => ({ date: p.date, value: p.trend })),
      },
    ],
  })
}

/** Entries alone, from core's data: what the chart shows while stats is unavailable. */
export function entriesChart(entries: BodyWeightEntry[], unit: WeightUnit): Chart {
  return lineChart({
    id: 'body-weight-chart',
    title: 'Body weight',
    unit,
    format: weightLabel(unit),
    series: [
      {
        name: 'Body weight',
        className: 'series-2',
        points: entries.map((e) => ({ date: e.date, value: Number(editableWeight(e.weightKg, unit)) })),
      },
    ],
  })
}

/** Rows of the recent-entries list. */
export function entryRows(entries: BodyWeightEntry[], unit: WeightUnit) {
  return entries.map((e) => ({
    date: e.date,
    dateLabel: formatChartDate(e.date, true),
    weight: `${displayWeight(e.weightKg, unit)} ${unit}`,
    // Typed in the other unit: say what was typed, as typed.
    typed: e.unit === unit ? null : `${e.weight} ${e.unit}`,
    note: e.note,
  }))
}
