// What the progress pages show, built from stats answers (live, stale or missing): cards, charts and tables
// in the lifter's unit and zone, and the banner saying how fresh the numbers are.

import type { Progression, RecentRecords, Records, Summary, Volume } from '@liftlog/stats-contract'
import { DateTime } from 'luxon'
import { barChart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import { displayNumber, type Figure, formatWeight, type WeightUnit, weightInUnit } from '../units.ts'
import { formatLocal } from '../workouts/local-time.ts'
import type { StatsResult } from './client.ts'

export interface Viewer {
  timeZone: string
  unit: WeightUnit
}

export type Section<T> = { available: true; data: T } | { available: false }

export interface Freshness {
  /** Some numbers are a stale fallback: "showing data from <time>". */
  stale: { asOf: string; ago: string } | null
  /** Every section is missing: show one "temporarily unavailable" panel instead. */
  allUnavailable: boolean
  /** Some (not all) sections are missing. */
  someUnavailable: boolean
}

export function section<T>(result: StatsResult<T>): Section<T> {
  return result.state === 'unavailable' ? { available: false } : { available: true, data: result.data }
}

/** The page banner: the oldest stale answer on the page decides the "showing data from" time. */
export function freshness(results: StatsResult<unknown>[], viewer: Viewer, twelveHour = false): Freshness {
  const stale = results.filter((r) => r.state === 'stale')
  const oldest = stale.map((r) => r.asOf).sort((a, b) => a.getTime() - b.getTime())[0]
  const unavailable = results.filter((r) => r.state === 'unavailable').length
  return {
    stale: oldest
      ? {
          asOf: formatLocal(oldest, viewer.timeZone, twelveHour),
          ago: DateTime.fromJSDate(oldest).toRelative() ?? '',
        }
      : null,
    allUnavailable: unavailable === results.length,
    someUnavailable: unavailable > 0 && unavailable < results.length,
  }
}

const KIND_LABEL: Record<RecentRecords['records'][number]['kind'], string> = {
  heaviest: 'Heaviest weight',
  e1rm: 'Estimated 1RM',
  reps: 'Most reps',
  volume: 'Session volume',
}

/** Which rounding rule each PR kind's value follows. */
const FIGURE_OF: Record<RecentRecords['records'][number]['kind'], Figure> = {
  heaviest: 'weight',
  e1rm: 'e1rm',
  reps: 'weight',
  volume: 'volume',
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`)

export function summaryCards(summary: Summary, viewer: Viewer) {
  const w = (kg: number) => formatWeight(kg, viewer.unit, 'volume')
  return [
    {
      label: 'Workouts',
      value: String(summary.totals.workouts),
      detail: `${summary.totals.sets} sets · ${summary.totals.reps} reps`,
    },
    {
      label: 'This week',
      value: `${summary.thisWeek.workouts} workout${summary.thisWeek.workouts === 1 ? '' : 's'}`,
      detail: `${w(summary.thisWeek.volumeKg)} · last week ${summary.lastWeek.workouts} (${signed(summary.thisWeek.workouts - summary.lastWeek.workouts)})`,
    },
    {
      label: 'This month',
      value: `${summary.thisMonth.workouts} workout${summary.thisMonth.workouts === 1 ? '' : 's'}`,
      detail: `${w(summary.thisMonth.volumeKg)} · last month ${summary.lastMonth.workouts}`,
    },
    {
      label: 'Weekly streak',
      value: `${summary.streaks.currentWeeks} week${summary.streaks.currentWeeks === 1 ? '' : 's'}`,
      detail: `longest ${summary.streaks.longestWeeks}`,
    },
    {
      label: 'Total volume',
      value: w(summary.totals.volumeKg),
      detail: summary.firstWorkoutDate
        ? `since ${formatChartDate(summary.firstWorkoutDate, true)}`
        : 'no workouts yet',
    },
  ]
}

export function weeklyVolumeChart(volume: Volume, viewer: Viewer) {
  return barChart({
    id: 'weekly-volume',
    title: 'Weekly volume',
    unit: viewer.unit,
    seriesName: `Volume (${viewer.unit})`,
    format: (v) => `${displayNumber(v, 'volume')} ${viewer.unit}`,
    bars: volume.series.map((b) => ({
      date: b.start,
      value: weightInUnit(b.volumeKg, viewer.unit, 'volume'),
    })),
  })
}

export function recentRecordRows(recent: RecentRecords, viewer: Viewer) {
  return recent.records.map((r) => ({
    date: formatChartDate(r.date, true),
    exerciseId: r.exerciseId,
    exerciseName: r.exerciseName,
    kind: KIND_LABEL[r.kind],
    value:
      r.kind === 'reps'
        ? `${r.reps ?? 0} reps${r.valueKg ? ` at ${formatWeight(r.valueKg, viewer.unit)}` : ''}`
        : `${r.valueKg === null ? '—' : formatWeight(r.valueKg, viewer.unit, FIGURE_OF[r.kind])}${r.reps ? ` × ${r.reps}` : ''}`,
  }))
}

export function progressionCharts(progression: Progression, viewer: Viewer) {
  const { sessions, metric, formula } = progression
  // The y axis and point labels carry e1RM and logged weights: show each figure with its own precision.
  const weight = (v: number) => `${displayNumber(v, 'weight')} ${viewer.unit}`
  if (metric === 'reps') {
    return [
      lineChart({
        id: 'reps-progression',
        title: 'Best reps per session',
        unit: 'reps',
        format: (v) => `${v} reps`,
        series: [
          {
            name: 'Best reps',
            className: 'series-1',
            points: sessions.map((s) => ({ date: s.date, value: s.bestReps })),
          },
        ],
      }),
    ]
  }
  return [
    lineChart({
      id: 'e1rm-progression',
      title: `Estimated 1RM (${formula === 'epley' ? 'Epley' : 'Brzycki'}) and heaviest weight`,
      unit: viewer.unit,
      format: weight,
      series: [
        {
          name: 'Estimated 1RM',
          className: 'series-1',
          points: sessions.map((s) => ({
            date: s.date,
            value: s.e1rmKg === null ? null : weightInUnit(s.e1rmKg, viewer.unit, 'e1rm'),
          })),
        },
        {
          name: 'Heaviest weight',
          className: 'series-2',
          points: sessions.map((s) => ({ date: s.date, value: weightInUnit(s.heaviestKg, viewer.unit) })),
        },
      ],
    }),
    barChart({
      id: 'session-volume',
      title: 'Volume per session',
      unit: viewer.unit,
      seriesName: `Volume (${viewer.unit})`,
      format: (v) => `${displayNumber(v, 'volume')} ${viewer.unit}`,
      bars: sessions.map((s) => ({ date: s.date, value: weightInUnit(s.volumeKg, viewer.unit, 'volume') })),
    }),
  ]
}

/** Rows of the exercise page's sessions table per page: a year of sessions stays a short page. */
export const SESSIONS_PER_PAGE = 20

/**
 * One page of the sessions table, newest first (page 1 = the latest SESSIONS_PER_PAGE sessions); a page
 * past the end shows the last one. The charts still plot every session in the range.
 */
export function sessionRows(progression: Progression, viewer: Viewer, page = 1) {
  const w = (kg: number | null, figure: Figure = 'weight') =>
    kg === null ? '—' : formatWeight(kg, viewer.unit, figure)
  const total = progression.sessions.length
  const pages = Math.max(1, Math.ceil(total / SESSIONS_PER_PAGE))
  const current = Math.min(page, pages)
  const newestFirst = [...progression.sessions].reverse()
  const rows = newestFirst.slice((current - 1) * SESSIONS_PER_PAGE, current * SESSIONS_PER_PAGE).map((s) => ({
    date: formatChartDate(s.date, true),
    workoutId: s.workoutId,
    heaviest: w(s.heaviestKg),
    bestReps: s.bestReps,
    e1rm: w(s.e1rmKg, 'e1rm'),
    volume: w(s.volumeKg, 'volume'),
    sets: s.sets,
  }))
  return { rows, total, page: current, pages }
}

export function recordTable(records: Records, viewer: Viewer) {
  const record = records.records[0]
  if (!record) return null
  const w = (kg: number) => formatWeight(kg, viewer.unit)
  const rows = [
    record.heaviest && {
      label: 'Heaviest weight',
      value: `${w(record.heaviest.valueKg)}${record.heaviest.reps ? ` × ${record.heaviest.reps}` : ''}`,
      date: record.heaviest.date,
    },
    record.bestE1rm && {
      label: 'Best estimated 1RM (Epley)',
      value: formatWeight(record.bestE1rm.valueKg, viewer.unit, 'e1rm'),
      date: record.bestE1rm.date,
    },
    record.mostReps && {
      label: 'Most reps in a set',
      value: `${record.mostReps.reps} reps${record.mostReps.weightKg ? ` at ${w(record.mostReps.weightKg)}` : ''}`,
      date: record.mostReps.date,
    },
    record.bestSessionVolume && {
      label: 'Best session volume',
      value: formatWeight(record.bestSessionVolume.valueKg, viewer.unit, 'volume'),
      date: record.bestSessionVolume.date,
    },
  ]
    .filter((r): r is { label: string; value: string; date: string } => Boolean(r))
    .map((r) => ({ ...r, date: formatChartDate(r.date, true) }))
  const repsAtWeight = [...record.repsAtWeight]
    .sort((a, b) => b.weightKg - a.weightKg)
    .map((r) => ({
      weight: record.isBodyweight && r.weightKg === 0 ? 'bodyweight' : w(r.weightKg),
      reps: r.reps,
      date: formatChartDate(r.date, true),
    }))
  return { rows, repsAtWeight }
}

export const RANGES = [
  { value: '3m', label: 'Last 3 months', months: 3 },
  { value: '6m', label: 'Last 6 months', months: 6 },
  { value: '1y', label: 'Last 12 months', months: 12 },
  { value: 'all', label: 'All time', months: null },
] as const
export type RangeValue = (typeof RANGES)[number]['value']

/** The first local date of a range ending today (`now`) in the lifter's zone (undefined: all time). */
export function rangeStart(range: RangeValue, timeZone: string, now: Date): string | undefined {
  const months = RANGES.find((r) => r.value === range)?.months
  if (!months) return undefined
  return DateTime.fromJSDate(now, { zone: timeZone }).minus({ months }).toISODate() ?? undefined
}

/** Monday twelve weeks before this week (`now`), in the lifter's zone: the dashboard's weekly chart. */
export function twelveWeeksAgo(timeZone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('week').minus({ weeks: 11 }).toISODate()!
}
