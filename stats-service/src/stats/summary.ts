// Summary: all-time totals, this/last ISO week and month, weekly streaks, first and last workout date.
// Periods and streaks use workouts.local_date (the same dates core's calendar shows).
import sql, { join } from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { addDays, addMonths, bucketEnd, bucketStart } from './local-dates.ts'

export interface Period {
  start: string
  end: string
  workouts: number
  sets: number
  reps: number
  volumeKg: number
}

export interface Summary {
  totals: { workouts: number; sets: number; reps: number; volumeKg: number }
  thisWeek: Period
  lastWeek: Period
  thisMonth: Period
  lastMonth: Period
  streaks: { currentWeeks: number; longestWeeks: number }
  firstWorkoutDate: string | null
  lastWorkoutDate: string | null
}

type Span = { start: string; end: string }

export function summaryPeriods(
  today: string,
): Record<'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth', Span> {
  const weekStart = bucketStart(today, 'week')
  const monthStart = bucketStart(today, 'month')
  const lastMonthStart = addMonths(monthStart, -1)
  return {
    thisWeek: { start: weekStart, end: addDays(weekStart, 6) },
    lastWeek: { start: addDays(weekStart, -7), end: addDays(weekStart, -1) },
    thisMonth: { start: monthStart, end: bucketEnd(monthStart, 'month') },
    lastMonth: { start: lastMonthStart, end: bucketEnd(lastMonthStart, 'month') },
  }
}

interface PeriodRow {
  key: string
  workouts: number
  sets: number
  reps: number
  volume_kg: number
}

export async function summary(db: Db, userId: string, today: string): Promise<Summary> {
  const spans = summaryPeriods(today)
  const from = [spans.lastMonth.start, spans.lastWeek.start].sort()[0]!
  const to = [spans.thisMonth.end, spans.thisWeek.end].sort()[1]!
  const periodValues = join(
    Object.entries(spans).map(([key, s]) => sql`(${key}::text, ${s.start}::date, ${s.end}::date)`),
  )
  // Everything comes from the aggregates PostgreSQL keeps (see the stats_aggregates migration): totals from
  // the lifter's one lifter_totals row, first and last dates from the ends of the day_totals index, periods
  // from the ~70 days around today, and streaks from the days with a workout (O(days), not O(sets)).
  const [totals, periods, weeks] = await Promise.all([
    db.rows<{
      workouts: number
      sets: number
      reps: number
      volume_kg: number
      first: string | null
      last: string | null
    }>(sql`
      SELECT coalesce(l.workouts, 0)::int AS workouts, coalesce(l.sets, 0)::int AS sets,
             coalesce(l.reps, 0)::int AS reps, coalesce(round(l.volume, 2), 0)::float8 AS volume_kg,
             (SELECT to_char(min(local_date), 'YYYY-MM-DD') FROM day_totals WHERE user_id = ${userId}::uuid) AS first,
             (SELECT to_char(max(local_date), 'YYYY-MM-DD') FROM day_totals WHERE user_id = ${userId}::uuid) AS last
      FROM (SELECT ${userId}::uuid AS user_id) u LEFT JOIN lifter_totals l ON l.user_id = u.user_id`),
    db.rows<PeriodRow>(sql`
      WITH spans(key, first_day, last_day) AS (VALUES ${periodValues})
      SELECT sp.key, coalesce(sum(d.workouts), 0)::int AS workouts, coalesce(sum(d.sets), 0)::int AS sets,
             coalesce(sum(d.reps), 0)::int AS reps, coalesce(round(sum(d.volume), 2), 0)::float8 AS volume_kg
      FROM spans sp
      LEFT JOIN day_totals d ON d.user_id = ${userId}::uuid AND d.local_date BETWEEN sp.first_day AND sp.last_day
        AND d.local_date BETWEEN ${from}::date AND ${to}::date
      GROUP BY sp.key`),
    db.rows<{ week: string }>(sql`
      SELECT to_char(w.week, 'YYYY-MM-DD') AS week
      FROM (SELECT DISTINCT date_trunc('week', local_date::timestamp) AS week
            FROM day_totals WHERE user_id = ${userId}::uuid AND local_date <= ${today}::date) w
      ORDER BY w.week`),
  ])
  const t = totals[0]!
  const period = (key: keyof typeof spans): Period => {
    const row = periods.find((p) => p.key === key)
    return {
      ...spans[key],
      workouts: row?.workouts ?? 0,
      sets: row?.sets ?? 0,
      reps: row?.reps ?? 0,
      volumeKg: row?.volume_kg ?? 0,
    }
  }
  return {
    totals: { workouts: t.workouts, sets: t.sets, reps: t.reps, volumeKg: t.volume_kg },
    thisWeek: period('thisWeek'),
    lastWeek: period('lastWeek'),
    thisMonth: period('thisMonth'),
    lastMonth: period('lastMonth'),
    streaks: weeklyStreaks(
      weeks.map((w) => w.week),
      spans.thisWeek.start,
    ),
    firstWorkoutDate: t.first,
    lastWorkoutDate: t.last,
  }
}

/**
 * Runs of consecutive ISO weeks (given as ascending Monday dates) with a workout. The current streak
 * includes this week when it has a workout; otherwise it is the run that ended last week (or 0).
 */
export function weeklyStreaks(
  weekStarts: string[],
  thisWeekStart: string,
): { currentWeeks: number; longestWeeks: number } {
  let longest = 0
  let run = 0
  let previous: string | undefined
  for (const week of weekStarts) {
    run = previous !== undefined && addDays(previous, 7) === week ? run + 1 : 1
    longest = Math.max(longest, run)
    previous = week
  }
  const lastWeekStart = addDays(thisWeekStart, -7)
  const current = previous === thisWeekStart || previous === lastWeekStart ? run : 0
  return { currentWeeks: current, longestWeeks: longest }
}
