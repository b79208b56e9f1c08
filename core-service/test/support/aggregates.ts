// The stats aggregates recomputed straight from workouts and workout_sets, written independently of the
// migration's triggers. Both services' aggregate tests (core: through core's writers; stats: over a
// generated history) check the stored tables against these, row for row both ways (EXCEPT ALL).
export const RECOMPUTED: Record<string, string> = {
  exercise_sessions: `
    SELECT s.workout_id, s.exercise_id, s.user_id, min(s.started_at) AS started_at, w.local_date,
           count(*)::int AS sets, sum(s.reps)::int AS reps, sum(s.reps * s.weight_kg)::numeric(30,10) AS volume,
           max(s.weight_kg) FILTER (WHERE s.reps > 0) AS heaviest, max(s.reps) AS best_reps,
           coalesce((SELECT array_agg(r ORDER BY r) FROM (SELECT DISTINCT x.reps AS r FROM workout_sets x
                      WHERE x.workout_id = s.workout_id AND x.exercise_id = s.exercise_id AND NOT x.is_warmup
                        AND x.reps BETWEEN 1 AND 30 AND x.weight_kg > 0) d), '{}') AS e1rm_reps,
           coalesce((SELECT array_agg(m ORDER BY r) FROM (SELECT x.reps AS r, max(x.weight_kg) AS m FROM workout_sets x
                      WHERE x.workout_id = s.workout_id AND x.exercise_id = s.exercise_id AND NOT x.is_warmup
                        AND x.reps BETWEEN 1 AND 30 AND x.weight_kg > 0 GROUP BY x.reps) d), '{}') AS e1rm_weights
    FROM workout_sets s JOIN workouts w ON w.id = s.workout_id
    WHERE NOT s.is_warmup GROUP BY s.workout_id, s.exercise_id, s.user_id, w.local_date`,
  exercise_months: `
    SELECT s.user_id, date_trunc('month', w.local_date)::date AS month, s.exercise_id, count(*)::int AS sets,
           sum(s.reps * s.weight_kg)::numeric(30,10) AS volume
    FROM workout_sets s JOIN workouts w ON w.id = s.workout_id
    WHERE NOT s.is_warmup GROUP BY 1, 2, 3`,
  day_totals: `
    SELECT w.user_id, w.local_date, count(DISTINCT w.id)::int AS workouts, count(s.id)::int AS sets,
           coalesce(sum(s.reps), 0)::int AS reps, coalesce(sum(s.reps * s.weight_kg), 0)::numeric(30,10) AS volume
    FROM workouts w LEFT JOIN workout_sets s ON s.workout_id = w.id AND NOT s.is_warmup
    GROUP BY w.user_id, w.local_date`,
  lifter_totals: `
    SELECT w.user_id, w.workouts, coalesce(s.sets, 0) AS sets, coalesce(s.reps, 0) AS reps,
           coalesce(s.volume, 0)::numeric(30,10) AS volume
    FROM (SELECT user_id, count(*)::int AS workouts FROM workouts GROUP BY user_id) w
    LEFT JOIN (SELECT user_id, count(*)::int AS sets, sum(reps)::bigint AS reps, sum(reps * weight_kg) AS volume
               FROM workout_sets WHERE NOT is_warmup GROUP BY user_id) s ON s.user_id = w.user_id`,
  exercise_rungs: `
    SELECT DISTINCT ON (user_id, exercise_id, weight_kg, reps) user_id, exercise_id, weight_kg, reps, started_at, workout_id
    FROM workout_sets WHERE NOT is_warmup AND reps > 0
    ORDER BY user_id, exercise_id, weight_kg, reps, started_at, workout_id`,
}

export interface TableDifference {
  table: string
  /** Rows the recompute has and the table lacks, and the other way round. */
  missing: number
  extra: number
  rows: number
}

/** Each aggregate table against its recompute, through `query` (any client on the test database). */
export async function aggregateDifferences(
  query: (text: string) => Promise<{ rows: { missing: number; extra: number; rows: number }[] }>,
): Promise<TableDifference[]> {
  const out: TableDifference[] = []
  for (const [table, recompute] of Object.entries(RECOMPUTED)) {
    const { rows } = await query(
      `SELECT (SELECT count(*)::int FROM ((${recompute}) EXCEPT ALL (SELECT * FROM ${table})) d) AS missing,
              (SELECT count(*)::int FROM ((SELECT * FROM ${table}) EXCEPT ALL (${recompute})) d) AS extra,
              (SELECT count(*)::int FROM ${table}) AS rows`,
    )
    out.push({ table, ...rows[0]! })
  }
  return out
}
