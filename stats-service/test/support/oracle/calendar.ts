// The computation of src/stats/calendar.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Calendar counts: per local date of one month, the workouts, working sets and volume (days with
// workouts only), keyed by workouts.local_date exactly like core's calendar.
import sql from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import type { CalendarDay } from '../../../src/stats/calendar.ts'
import { instantWindow } from '../../../src/stats/local-dates.ts'

export async function calendarDays(
  db: Db,
  userId: string,
  first: string,
  last: string,
): Promise<CalendarDay[]> {
  const { lo, hi } = instantWindow(first, last)
  return db.rows<CalendarDay>(sql`
    WITH per_workout AS (
      SELECT s.workout_id, count(*) AS sets, sum(s.reps * s.weight_kg) AS volume
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup
        AND s.started_at >= ${lo}::timestamptz AND s.started_at < ${hi}::timestamptz
      GROUP BY s.workout_id
    )
    SELECT to_char(w.local_date, 'YYYY-MM-DD') AS date, count(*)::int AS workouts,
           coalesce(sum(p.sets), 0)::int AS sets, coalesce(round(sum(p.volume), 2), 0)::float8 AS "volumeKg"
    FROM workouts w LEFT JOIN per_workout p ON p.workout_id = w.id
    WHERE w.user_id = ${userId}::uuid AND w.local_date BETWEEN ${first}::date AND ${last}::date
    GROUP BY w.local_date
    ORDER BY w.local_date`)
}
