import sql from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
// Calendar counts: per local date of one month, the workouts, working sets and volume (days with
// workouts only), keyed by workouts.local_date exactly like core's calendar. Reads day_totals (kept by
// PostgreSQL's triggers from the sets and workouts): at most 31 rows whatever the history.

export interface CalendarDay {
  date: string
  workouts: number
  sets: number
  volumeKg: number
}

export async function calendarDays(
  db: Db,
  userId: string,
  first: string,
  last: string,
): Promise<CalendarDay[]> {
  return db.rows<CalendarDay>(sql`
    SELECT to_char(local_date, 'YYYY-MM-DD') AS date, workouts, sets, round(volume, 2)::float8 AS "volumeKg"
    FROM day_totals
    WHERE user_id = ${userId}::uuid AND local_date BETWEEN ${first}::date AND ${last}::date
    ORDER BY local_date`)
}
