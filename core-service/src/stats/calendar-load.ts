// Training load per calendar day from stats, as shading levels 1–4 for the calendar month view.

import { withTimeout } from '@liftlog/service-kit'
import type { Calendar } from '@liftlog/stats-contract'
import type { StatsClient } from './client.ts'

/** The months ("2026-11") a from..to date range touches, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number]
  const last = to.slice(0, 7)
  for (let i = 0; i < 24; i++) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > last) break
    months.push(key)
    month++
    if (month > 12) {
      month = 1
      year++
    }
  }
  return months
}

/**
 * Level 1–4 per day: the larger of the day's volume and its set count, each relative to the busiest day in
 * view (sets keep bodyweight days, with no volume in kg, from looking empty). Any workout is at least 1.
 */
export function loadLevels(days: Calendar['days']): Record<string, number> {
  const maxVolume = Math.max(0, ...days.map((d) => d.volumeKg))
  const maxSets = Math.max(0, ...days.map((d) => d.sets))
  const levels: Record<string, number> = {}
  for (const day of days) {
    if (day.workouts === 0) continue
    const share = Math.max(maxVolume ? day.volumeKg / maxVolume : 0, maxSets ? day.sets / maxSets : 0)
    levels[day.date] = Math.min(4, Math.max(1, Math.ceil(share * 4)))
  }
  return levels
}

/**
 * Shading is a nicety: the calendar waits at most this long for it, not the full stats deadline. (A call
 * still running goes on in the background, and its answer is kept for the next view.)
 */
export const SHADING_BUDGET_MS = 800

/**
 * The calendar's `dayLoad` hook: asks stats for each month in view (live or stale data both shade); when
 * stats has nothing, or not within the budget, returns no levels and the calendar shows its own plain marks.
 */
export function calendarDayLoad(client: StatsClient, budgetMs = SHADING_BUDGET_MS) {
  return async (user: { id: string }, from: string, to: string): Promise<Record<string, number>> => {
    const lookups = Promise.all(monthsBetween(from, to).map((month) => client.calendar(user.id, month)))
    const results = await withTimeout(
      budgetMs,
      () => lookups,
      () => null,
    )
    if (!results) return {}
    const days = results.flatMap((r) => (r.state === 'unavailable' ? [] : r.data.days))
    return loadLevels(days.filter((d) => d.date >= from && d.date <= to))
  }
}
