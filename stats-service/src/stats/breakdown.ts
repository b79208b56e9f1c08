// Exercise breakdown: working sets and volume per exercise and per muscle group over local dates, from the
// aggregates PostgreSQL keeps: whole calendar months from exercise_months, the partial months at either end
// of the range from exercise_sessions (one row per workout and exercise). O(exercises × months + sessions
// in the two edge months), never a set.
import sql from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { addDays, addMonths, bucketStart } from './local-dates.ts'

/**
 * The range split into whole months [monthsFrom, monthsUntil) and the rest of the days, which lie in
 * [from, monthsFrom) and [max(monthsFrom, monthsUntil), to]; when there is no whole month the first part
 * is all of [from, to] and the second is empty.
 */
export function monthSplit(from: string, to: string) {
  const monthsFrom = bucketStart(from, 'month') === from ? from : addMonths(bucketStart(from, 'month'), 1)
  const after = addDays(to, 1)
  const monthsUntil = bucketStart(after, 'month')
  // ISO dates compare as strings.
  const tailFrom = [monthsFrom, monthsUntil].sort()[1]!
  return { monthsFrom, monthsUntil, tailFrom }
}

export interface ExerciseShare {
  exerciseId: string
  name: string
  muscleGroup: string
  sets: number
  volumeKg: number
}

export interface MuscleShare {
  muscleGroup: string
  sets: number
  volumeKg: number
}

export async function breakdown(
  db: Db,
  userId: string,
  from: string,
  to: string,
): Promise<{ exercises: ExerciseShare[]; muscleGroups: MuscleShare[] }> {
  const split = monthSplit(from, to)
  const exercises = await db.rows<Omit<ExerciseShare, 'volumeKg'> & { volume: string; volumeKg: number }>(sql`
    WITH per_exercise AS (
      SELECT p.exercise_id, sum(p.sets) AS sets, sum(p.volume) AS volume
      FROM (
        SELECT m.exercise_id, m.sets, m.volume FROM exercise_months m
        WHERE m.user_id = ${userId}::uuid AND m.month >= ${split.monthsFrom}::date AND m.month < ${split.monthsUntil}::date
        UNION ALL
        SELECT x.exercise_id, x.sets, x.volume FROM exercise_sessions x
        WHERE x.user_id = ${userId}::uuid AND x.local_date >= ${from}::date AND x.local_date < ${split.monthsFrom}::date
          AND x.local_date <= ${to}::date
        UNION ALL
        SELECT x.exercise_id, x.sets, x.volume FROM exercise_sessions x
        WHERE x.user_id = ${userId}::uuid AND x.local_date >= ${split.tailFrom}::date AND x.local_date <= ${to}::date
      ) p
      GROUP BY p.exercise_id
    )
    SELECT e.id AS "exerciseId", e.name::text AS name, e.muscle_group AS "muscleGroup", p.sets::int AS sets,
           round(p.volume, 2)::float8 AS "volumeKg", p.volume::text AS volume
    FROM per_exercise p JOIN exercises e ON e.id = p.exercise_id
    ORDER BY p.volume DESC, p.sets DESC, e.name`)
  // Muscle groups add up the exact (unrounded) exercise volumes.
  const groups = new Map<string, { sets: number; volume: number }>()
  for (const e of exercises) {
    const g = groups.get(e.muscleGroup) ?? { sets: 0, volume: 0 }
    g.sets += e.sets
    g.volume += Number(e.volume)
    groups.set(e.muscleGroup, g)
  }
  const muscleGroups = [...groups]
    .map(([muscleGroup, g]) => ({ muscleGroup, sets: g.sets, volumeKg: Math.round(g.volume * 100) / 100 }))
    .sort((a, b) => b.volumeKg - a.volumeKg || b.sets - a.sets || a.muscleGroup.localeCompare(b.muscleGroup))
  return { exercises: exercises.map(({ volume: _exact, ...e }) => e), muscleGroups }
}
