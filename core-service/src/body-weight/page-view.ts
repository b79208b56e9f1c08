// What the body-weight page shows: the chart (entries and, when stats answers, the trend) and the list of
// recent entries, in the lifter's unit. Stats down: the entries still chart from core's own data.
import type { BodyWeightTrend } from '@liftlog/stats-contract'
import { type Chart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import type { Locale } from '../i18n/locales.ts'
import { localDecimal } from '../i18n/numbers.ts'
import { translator } from '../i18n/translate.ts'
import { displayNumber, displayWeight, editableWeight, type WeightUnit } from '../units.ts'
import type { BodyWeightEntry } from './types.ts'

const weightLabel = (unit: WeightUnit, locale: Locale) => (v: number) =>
  `${displayNumber(v, 'weight', locale)} ${unit}`

/** Entries with the stats trend (the answer's points are already in the lifter's unit). */
export function trendChart(trend: BodyWeightTrend, unit: WeightUnit, locale: Locale = 'en'): Chart {
  const t = translator(locale)
  return lineChart({
    id: 'body-weight-chart',
    title: t('bodyWeight.chartTitle'),
    unit,
    locale,
    format: weightLabel(unit, locale),
    series: [
      {
        name: t('nav.bodyWeight'),
        className: 'series-2',
        points: trend.points.map((p) => ({ date: p.date, value: p.weight })),
      },
      {
        name: t('bodyWeight.trend'),
        className: 'series-1',
        points: trend.points.map((p) => ({ date: p.date, value: p.trend })),
      },
    ],
  })
}

/** Entries alone, from core's data: what the chart shows while stats is unavailable. */
export function entriesChart(entries: BodyWeightEntry[], unit: WeightUnit, locale: Locale = 'en'): Chart {
  const t = translator(locale)
  return lineChart({
    id: 'body-weight-chart',
    title: t('nav.bodyWeight'),
    unit,
    locale,
    format: weightLabel(unit, locale),
    series: [
      {
        name: t('nav.bodyWeight'),
        className: 'series-2',
        points: entries.map((e) => ({ date: e.date, value: Number(editableWeight(e.weightKg, unit)) })),
      },
    ],
  })
}

/** Rows of the recent-entries list. */
export function entryRows(entries: BodyWeightEntry[], unit: WeightUnit, locale: Locale = 'en') {
  return entries.map((e) => ({
    date: e.date,
    dateLabel: formatChartDate(e.date, true, locale),
    weight: `${displayWeight(e.weightKg, unit, 'weight', locale)} ${unit}`,
    // Typed in the other unit: say what was typed, as typed (only the decimal separator is the locale's).
    typed: e.unit === unit ? null : `${localDecimal(e.weight, locale)} ${e.unit}`,
    note: e.note,
  }))
}
