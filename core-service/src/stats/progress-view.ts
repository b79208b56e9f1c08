// What the progress pages show, built from stats answers (live, stale or missing): cards, charts and tables
// in the lifter's unit and zone, and the banner saying how fresh the numbers are.

import type { Progression, RecentRecords, Records, Summary, Volume } from '@liftlog/stats-contract'
import { DateTime } from 'luxon'
import { barChart, formatChartDate, lineChart } from '../charts/svg-chart.ts'
import { exerciseName } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import { formatCount } from '../i18n/numbers.ts'
import { translator } from '../i18n/translate.ts'
import { displayNumber, type Figure, formatWeight, type WeightUnit, weightInUnit } from '../units.ts'
import { formatLocal } from '../workouts/local-time.ts'
import type { StatsResult } from './client.ts'

export interface Viewer {
  timeZone: string
  unit: WeightUnit
  /** The pages' language (English when not given). */
  locale?: Locale
}

/** The viewer's translate function, locale and a date formatter in it. */
function wordsFor(viewer: Viewer) {
  const locale = viewer.locale ?? 'en'
  return { locale, t: translator(locale), day: (date: string) => formatChartDate(date, true, locale) }
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
  const locale = viewer.locale ?? 'en'
  return {
    stale: oldest
      ? {
          asOf: formatLocal(oldest, viewer.timeZone, twelveHour, locale),
          ago: DateTime.fromJSDate(oldest).setLocale(locale).toRelative() ?? '',
        }
      : null,
    allUnavailable: unavailable === results.length,
    someUnavailable: unavailable > 0 && unavailable < results.length,
  }
}

/** Catalog keys of each PR kind's name. */
const KIND_LABEL: Record<RecentRecords['records'][number]['kind'], string> = {
  heaviest: 'progress.kind.heaviest',
  e1rm: 'progress.kind.e1rm',
  reps: 'progress.kind.reps',
  volume: 'progress.kind.volume',
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
  const { locale, t, day } = wordsFor(viewer)
  const w = (kg: number) => formatWeight(kg, viewer.unit, 'volume', locale)
  const n = (value: number) => formatCount(value, locale)
  return [
    {
      label: t('nav.workouts'),
      value: n(summary.totals.workouts),
      detail: `${t('progress.cards.sets', { count: summary.totals.sets, n: n(summary.totals.sets) })} · ${t('progress.cards.reps', { count: summary.totals.reps, n: n(summary.totals.reps) })}`,
    },
    {
      label: t('progress.cards.thisWeek'),
      value: t('calendar.dayWorkouts', { count: summary.thisWeek.workouts }),
      detail: `${w(summary.thisWeek.volumeKg)} · ${t('progress.cards.lastWeek', { n: summary.lastWeek.workouts, change: signed(summary.thisWeek.workouts - summary.lastWeek.workouts) })}`,
    },
    {
      label: t('progress.cards.thisMonth'),
      value: t('calendar.dayWorkouts', { count: summary.thisMonth.workouts }),
      detail: `${w(summary.thisMonth.volumeKg)} · ${t('progress.cards.lastMonth', { n: summary.lastMonth.workouts })}`,
    },
    {
      label: t('progress.cards.streak'),
      value: t('progress.cards.weeks', { count: summary.streaks.currentWeeks }),
      detail: t('progress.cards.longest', { n: summary.streaks.longestWeeks }),
    },
    {
      label: t('progress.cards.totalVolume'),
      value: w(summary.totals.volumeKg),
      detail: summary.firstWorkoutDate
        ? t('progress.cards.since', { date: day(summary.firstWorkoutDate) })
        : t('progress.cards.noWorkouts'),
    },
  ]
}

export function weeklyVolumeChart(volume: Volume, viewer: Viewer) {
  const { locale, t } = wordsFor(viewer)
  return barChart({
    id: 'weekly-volume',
    title: t('progress.weeklyVolume'),
    unit: viewer.unit,
    locale,
    seriesName: t('progress.volumeIn', { unit: viewer.unit }),
    format: (v) => `${displayNumber(v, 'volume', locale)} ${viewer.unit}`,
    bars: volume.series.map((b) => ({
      date: b.start,
      value: weightInUnit(b.volumeKg, viewer.unit, 'volume'),
    })),
  })
}

/** "8 reps", or "8 reps at 60 kg". */
function repsAt(reps: number, weightKg: number | null | undefined, viewer: Viewer) {
  const { locale, t } = wordsFor(viewer)
  const text = t('progress.reps', { count: reps })
  return weightKg
    ? t('progress.repsAt', { reps: text, weight: formatWeight(weightKg, viewer.unit, 'weight', locale) })
    : text
}

export function recentRecordRows(recent: RecentRecords, viewer: Viewer) {
  const { locale, t, day } = wordsFor(viewer)
  return recent.records.map((r) => ({
    date: day(r.date),
    exerciseId: r.exerciseId,
    exerciseName: exerciseName(r.exerciseName, locale),
    kind: t(KIND_LABEL[r.kind]),
    value:
      r.kind === 'reps'
        ? repsAt(r.reps ?? 0, r.valueKg, viewer)
        : `${r.valueKg === null ? '—' : formatWeight(r.valueKg, viewer.unit, FIGURE_OF[r.kind], locale)}${r.reps ? ` × ${r.reps}` : ''}`,
  }))
}

export function progressionCharts(progression: Progression, viewer: Viewer) {
  const { sessions, metric, formula } = progression
  const { locale, t } = wordsFor(viewer)
  // The y axis and point labels carry e1RM and logged weights: show each figure with its own precision.
  const weight = (v: number) => `${displayNumber(v, 'weight', locale)} ${viewer.unit}`
  if (metric === 'reps') {
    return [
      lineChart({
        id: 'reps-progression',
        title: t('progress.bestRepsPerSession'),
        unit: t('progress.repsUnit'),
        locale,
        format: (v) => t('progress.reps', { count: v }),
        series: [
          {
            name: t('common.bestReps'),
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
      title: t('progress.e1rmChart', { formula: formula === 'epley' ? 'Epley' : 'Brzycki' }),
      unit: viewer.unit,
      locale,
      format: weight,
      series: [
        {
          name: t('progress.kind.e1rm'),
          className: 'series-1',
          points: sessions.map((s) => ({
            date: s.date,
            value: s.e1rmKg === null ? null : weightInUnit(s.e1rmKg, viewer.unit, 'e1rm'),
          })),
        },
        {
          name: t('progress.kind.heaviest'),
          className: 'series-2',
          points: sessions.map((s) => ({ date: s.date, value: weightInUnit(s.heaviestKg, viewer.unit) })),
        },
      ],
    }),
    barChart({
      id: 'session-volume',
      title: t('progress.volumePerSession'),
      unit: viewer.unit,
      locale,
      seriesName: t('progress.volumeIn', { unit: viewer.unit }),
      format: (v) => `${displayNumber(v, 'volume', locale)} ${viewer.unit}`,
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
  const { locale, day } = wordsFor(viewer)
  const w = (kg: number | null, figure: Figure = 'weight') =>
    kg === null ? '—' : formatWeight(kg, viewer.unit, figure, locale)
  const total = progression.sessions.length
  const pages = Math.max(1, Math.ceil(total / SESSIONS_PER_PAGE))
  const current = Math.min(page, pages)
  const newestFirst = [...progression.sessions].reverse()
  const rows = newestFirst.slice((current - 1) * SESSIONS_PER_PAGE, current * SESSIONS_PER_PAGE).map((s) => ({
    date: day(s.date),
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
  const { locale, t, day } = wordsFor(viewer)
  const w = (kg: number) => formatWeight(kg, viewer.unit, 'weight', locale)
  const rows = [
    record.heaviest && {
      label: t('progress.kind.heaviest'),
      value: `${w(record.heaviest.valueKg)}${record.heaviest.reps ? ` × ${record.heaviest.reps}` : ''}`,
      date: record.heaviest.date,
    },
    record.bestE1rm && {
      label: t('progress.bestE1rm'),
      value: formatWeight(record.bestE1rm.valueKg, viewer.unit, 'e1rm', locale),
      date: record.bestE1rm.date,
    },
    record.mostReps && {
      label: t('progress.mostRepsInSet'),
      value: repsAt(record.mostReps.reps, record.mostReps.weightKg, viewer),
      date: record.mostReps.date,
    },
    record.bestSessionVolume && {
      label: t('progress.bestSessionVolume'),
      value: formatWeight(record.bestSessionVolume.valueKg, viewer.unit, 'volume', locale),
      date: record.bestSessionVolume.date,
    },
  ]
    .filter((r): r is { label: string; value: string; date: string } => Boolean(r))
    .map((r) => ({ ...r, date: day(r.date) }))
  const repsAtWeight = [...record.repsAtWeight]
    .sort((a, b) => b.weightKg - a.weightKg)
    .map((r) => ({
      weight: record.isBodyweight && r.weightKg === 0 ? t('sets.bodyweight') : w(r.weightKg),
      reps: r.reps,
      date: day(r.date),
    }))
  return { rows, repsAtWeight }
}

/** The progress ranges; `label` is a catalog key (rangeOptions translates it). */
export const RANGES = [
  { value: '3m', label: 'progress.range.3m', months: 3 },
  { value: '6m', label: 'progress.range.6m', months: 6 },
  { value: '1y', label: 'progress.range.1y', months: 12 },
  { value: 'all', label: 'progress.range.all', months: null },
] as const
export type RangeValue = (typeof RANGES)[number]['value']

/** The range select's options in the viewer's language, `selected` on the chosen one. */
export function rangeOptions(locale: Locale, selected?: RangeValue) {
  const t = translator(locale)
  return RANGES.map((r) => ({ value: r.value, label: t(r.label), selected: r.value === selected }))
}

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
