// Volume and frequency over time: workouts, working sets, reps and volume per local day, ISO week or
// month, every bucket present (zeros included) so charts get a continuous axis.
import sql, { empty } from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import type { Bucket } from './local-dates.ts'

export interface VolumePoint {
  start: string
  workouts: number
  sets: number
  reps: number
  volumeKg: number
}

export interface VolumeFilter {
  exerciseId?: string
  muscleGroup?: string
}

const STEP: Record<Bucket, string> = { day: '1 day', week: '1 week', month: '1 month' }

/**
 * from must already be a bucket start (the series starts there); to is the last local date counted.
 * Unfiltered, the buckets add up day_totals (O(days in range)); filtered by exercise or muscle group,
 * exercise_sessions (O(sessions of those exercises in range)). Neither reads a set.
 */
export async function volumeSeries(
  db: Db,
  userId: string,
  range: { from: string; to: string; bucket: Bucket },
  filter: VolumeFilter,
): Promise<VolumePoint[]> {
  const filtered = filter.exerciseId !== undefined || filter.muscleGroup !== undefined
  const byExercise = filter.exerciseId ? sql`AND x.exercise_id = ${filter.exerciseId}::uuid` : empty
  const byMuscle = filter.muscleGroup
    ? sql`AND x.exercise_id IN (SELECT id FROM exercises WHERE lower(muscle_group) = lower(${filter.muscleGroup}))`
    : empty
  // Unfiltered, a workout counts even without working sets (as on core's calendar): day_totals counts
  // every workout of the day. Filtered, a workout counts when it has a working set of that exercise or
  // muscle group, i.e. a session of one.
  const days = filtered
    ? sql`SELECT x.local_date, 1 AS workouts, sum(x.sets) AS sets, sum(x.reps) AS reps, sum(x.volume) AS volume
        FROM exercise_sessions x
        WHERE x.user_id = ${userId}::uuid AND x.local_date BETWEEN ${range.from}::date AND ${range.to}::date
          ${byExercise} ${byMuscle}
        GROUP BY x.workout_id, x.local_date`
    : sql`SELECT d.local_date, d.workouts, d.sets, d.reps, d.volume
        FROM day_totals d
        WHERE d.user_id = ${userId}::uuid AND d.local_date BETWEEN ${range.from}::date AND ${range.to}::date`
  return db.rows<VolumePoint>(sql`
    WITH per_bucket AS (
      SELECT date_trunc(${range.bucket}::text, p.local_date::timestamp)::date AS start, sum(p.workouts) AS workouts,
             sum(p.sets) AS sets, sum(p.reps) AS reps, sum(p.volume) AS volume
      FROM (${days}) p
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
    SELECT to_char(min(local_date), 'YYYY-MM-DD') AS first FROM day_totals WHERE user_id = ${userId}::uuid`)
  return rows[0]?.first ?? null
}
