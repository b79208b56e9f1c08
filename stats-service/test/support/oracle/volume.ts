// The computation of src/stats/volume.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Volume and frequency over time: workouts, working sets, reps and volume per local day, ISO week or
// month, every bucket present (zeros included) so charts get a continuous axis.
import sql, { empty } from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import { type Bucket, instantWindow } from '../../../src/stats/local-dates.ts'
import type { VolumeFilter, VolumePoint } from '../../../src/stats/volume.ts'

const STEP: Record<Bucket, string> = { day: '1 day', week: '1 week', month: '1 month' }

/** from must already be a bucket start (the series starts there); to is the last local date counted. */
export async function volumeSeries(
  db: Db,
  userId: string,
  range: { from: string; to: string; bucket: Bucket },
  filter: VolumeFilter,
): Promise<VolumePoint[]> {
  const { lo, hi } = instantWindow(range.from, range.to)
  const filtered = filter.exerciseId !== undefined || filter.muscleGroup !== undefined
  const byExercise = filter.exerciseId ? sql`AND s.exercise_id = ${filter.exerciseId}::uuid` : empty
  const byMuscle = filter.muscleGroup
    ? sql`AND s.exercise_id IN (SELECT id FROM exercises WHERE lower(muscle_group) = lower(${filter.muscleGroup}))`
    : empty
  // Unfiltered, a workout counts even without working sets (as on core's calendar); filtered, a workout
  // counts when it has a working set of that exercise or muscle group.
  const join = filtered ? sql`JOIN` : sql`LEFT JOIN`
  return db.rows<VolumePoint>(sql`
    WITH per_workout AS (
      SELECT s.workout_id, count(*) AS sets, sum(s.reps) AS reps, sum(s.reps * s.weight_kg) AS volume
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup
        AND s.started_at >= ${lo}::timestamptz AND s.started_at < ${hi}::timestamptz
        ${byExercise} ${byMuscle}
      GROUP BY s.workout_id
    ), per_bucket AS (
      SELECT date_trunc(${range.bucket}::text, w.local_date::timestamp)::date AS start, count(*) AS workouts,
             coalesce(sum(p.sets), 0) AS sets, coalesce(sum(p.reps), 0) AS reps, coalesce(sum(p.volume), 0) AS volume
      FROM workouts w ${join} per_workout p ON p.workout_id = w.id
      WHERE w.user_id = ${userId}::uuid AND w.local_date BETWEEN ${range.from}::date AND ${range.to}::date
      GROUP BY 1
    )
    SELECT to_char(g.day, 'YYYY-MM-DD') AS start, coalesce(b.workouts, 0)::int AS workouts,
           coalesce(b.sets, 0)::int AS sets, coalesce(b.reps, 0)::int AS reps,
           coalesce(round(b.volume, 2), 0)::float8 AS "volumeKg"
    FROM generate_series(${range.from}::date::timestamp, ${range.to}::date::timestamp, ${STEP[range.bucket]}::interval) AS g(day)
    LEFT JOIN per_bucket b ON b.start = g.day::date
    ORDER BY g.day`)
}

export async function firstWorkoutDate(db: Db, userId: string): Promise<string | null> {
  const rows = await db.rows<{ first: string | null }>(sql`
    SELECT to_char(min(local_date), 'YYYY-MM-DD') AS first FROM workouts WHERE user_id = ${userId}::uuid`)
  return rows[0]?.first ?? null
}
