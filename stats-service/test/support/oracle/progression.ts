// The computation of src/stats/progression.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Estimated-1RM progression of one exercise: per workout containing it, the best estimate over working
// sets with 1 ≤ reps ≤ repCap and a load, the heaviest weight lifted (reps ≥ 1; 0 when none), the best reps,
// the volume and the set count.

import type { Formula } from '@liftlog/stats-contract'
import sql, { empty, join, type Sql } from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import { instantWindow } from '../../../src/stats/local-dates.ts'
import { e1rmSql } from '../../../src/stats/one-rep-max.ts'
import type { Session } from '../../../src/stats/progression.ts'

export async function progression(
  db: Db,
  userId: string,
  exerciseId: string,
  options: { formula: Formula; repCap: number; from?: string; to?: string },
): Promise<Session[]> {
  const bounds: Sql[] = []
  if (options.from !== undefined) {
    bounds.push(sql`AND s.started_at >= ${instantWindow(options.from, options.from).lo}::timestamptz`)
    bounds.push(sql`AND w.local_date >= ${options.from}::date`)
  }
  if (options.to !== undefined) {
    bounds.push(sql`AND s.started_at < ${instantWindow(options.to, options.to).hi}::timestamptz`)
    bounds.push(sql`AND w.local_date <= ${options.to}::date`)
  }
  // Reads one range of the (user_id, exercise_id, started_at) index.
  return db.rows<Session>(sql`
    SELECT w.id AS "workoutId", to_char(w.local_date, 'YYYY-MM-DD') AS date,
           round(max(CASE WHEN s.reps BETWEEN 1 AND ${options.repCap}::int AND s.weight_kg > 0 THEN ${e1rmSql(options.formula)} END), 2)::float8
             AS "e1rmKg",
           -- A missed attempt (0 reps) is not a weight lifted.
           coalesce(max(s.weight_kg) FILTER (WHERE s.reps > 0), 0)::float8 AS "heaviestKg", max(s.reps)::int AS "bestReps",
           round(sum(s.reps * s.weight_kg), 2)::float8 AS "volumeKg", count(*)::int AS sets
    FROM workout_sets s JOIN workouts w ON w.id = s.workout_id
    WHERE s.user_id = ${userId}::uuid AND s.exercise_id = ${exerciseId}::uuid AND NOT s.is_warmup
      ${bounds.length ? join(bounds, ' ') : empty}
    GROUP BY w.id, w.local_date, w.started_at
    ORDER BY w.started_at, w.id`)
}
