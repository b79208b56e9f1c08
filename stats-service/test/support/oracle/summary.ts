// The computation of src/stats/summary.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Summary: all-time totals, this/last ISO week and month, weekly streaks, first and last workout date.
// Periods and streaks use workouts.local_date (the same dates core's calendar shows).
import sql, { join } from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import { instantWindow } from '../../../src/stats/local-dates.ts'
import { type Period, type Summary, summaryPeriods, weeklyStreaks } from '../../../src/stats/summary.ts'

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
  const { lo, hi } = instantWindow(from, to)
  const periodValues = join(
    Object.entries(spans).map(([key, s]) => sql`(${key}::text, ${s.start}::date, ${s.end}::date)`),
  )
  // Totals read the sets alone (no join); periods read only the weeks around today, through the
  // (user_id, started_at) index with a day of margin either side of the local dates (UTC±14h).
  const [totals, periods, weeks] = await Promise.all([
    db.rows<{
      workouts: number
      sets: number
      reps: number
      volume_kg: number
      first: string | null
      last: string | null
    }>(sql`
      SELECT w.workouts, s.sets, s.reps, s.volume_kg, w.first, w.last
      FROM (SELECT count(*)::int AS workouts, to_char(min(local_date), 'YYYY-MM-DD') AS first,
                   to_char(max(local_date), 'YYYY-MM-DD') AS last
            FROM workouts WHERE user_id = ${userId}::uuid) w,
           (SELECT count(*)::int AS sets, coalesce(sum(reps), 0)::int AS reps,
                   coalesce(round(sum(reps * weight_kg), 2), 0)::float8 AS volume_kg
            FROM workout_sets WHERE user_id = ${userId}::uuid AND NOT is_warmup) s`),
    db.rows<PeriodRow>(sql`
      WITH per_workout AS (
        SELECT w.id, w.local_date, count(s.id)::int AS sets, coalesce(sum(s.reps), 0)::int AS reps,
               coalesce(sum(s.reps * s.weight_kg), 0) AS volume
        FROM workouts w
        LEFT JOIN workout_sets s ON s.workout_id = w.id AND NOT s.is_warmup
          AND s.user_id = ${userId}::uuid
          AND s.started_at >= ${lo}::timestamptz AND s.started_at < ${hi}::timestamptz
        WHERE w.user_id = ${userId}::uuid AND w.local_date BETWEEN ${from}::date AND ${to}::date
        GROUP BY w.id, w.local_date
      ), spans(key, first_day, last_day) AS (VALUES ${periodValues})
      SELECT sp.key, count(p.id)::int AS workouts, coalesce(sum(p.sets), 0)::int AS sets,
             coalesce(sum(p.reps), 0)::int AS reps, coalesce(round(sum(p.volume), 2), 0)::float8 AS volume_kg
      FROM spans sp LEFT JOIN per_workout p ON p.local_date BETWEEN sp.first_day AND sp.last_day
      GROUP BY sp.key`),
    db.rows<{ week: string }>(sql`
      SELECT DISTINCT to_char(date_trunc('week', local_date::timestamp), 'YYYY-MM-DD') AS week
      FROM workouts WHERE user_id = ${userId}::uuid AND local_date <= ${today}::date ORDER BY week`),
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
