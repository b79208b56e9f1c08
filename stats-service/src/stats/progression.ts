// Estimated-1RM progression of one exercise: per workout containing it, the best estimate over working
// sets with 1 ≤ reps ≤ repCap and a load, the heaviest weight lifted (reps ≥ 1; 0 when none), the best reps,
// the volume and the set count.

import type { Formula } from '@liftlog/stats-contract'
import sql, { empty, join, type Sql } from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { e1rmSql } from './one-rep-max.ts'

export interface Session {
  workoutId: string
  date: string
  e1rmKg: number | null
  heaviestKg: number
  bestReps: number
  volumeKg: number
  sets: number
}

export async function progression(
  db: Db,
  userId: string,
  exerciseId: string,
  options: { formula: Formula; repCap: number; from?: string; to?: string },
): Promise<Session[]> {
  const bounds: Sql[] = []
  if (options.from !== undefined) bounds.push(sql`AND x.local_date >= ${options.from}::date`)
  if (options.to !== undefined) bounds.push(sql`AND x.local_date <= ${options.to}::date`)
  // One row of exercise_sessions per workout (one range of its (user_id, exercise_id, started_at) index):
  // O(sessions of this exercise), not O(sets). The estimate is the best over the session's (reps, heaviest
  // weight at those reps) pairs, 1 ≤ reps ≤ 30 with a load: an estimate grows with the weight at a fixed rep
  // count, so it equals the best over the sets, for any rep cap and formula.
  return db.rows<Session>(sql`
    SELECT x.workout_id AS "workoutId", to_char(x.local_date, 'YYYY-MM-DD') AS date,
           (SELECT round(max(${e1rmSql(options.formula)}), 2)::float8
            FROM unnest(x.e1rm_weights, x.e1rm_reps) AS s(weight_kg, reps)
            WHERE s.reps <= ${options.repCap}::int) AS "e1rmKg",
           -- A missed attempt (0 reps) is not a weight lifted.
           coalesce(x.heaviest, 0)::float8 AS "heaviestKg", x.best_reps AS "bestReps",
           round(x.volume, 2)::float8 AS "volumeKg", x.sets
    FROM exercise_sessions x
    WHERE x.user_id = ${userId}::uuid AND x.exercise_id = ${exerciseId}::uuid
      ${bounds.length ? join(bounds, ' ') : empty}
    ORDER BY x.started_at, x.workout_id`)
}
