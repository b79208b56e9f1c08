// The computation of src/stats/breakdown.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Exercise breakdown: working sets and volume per exercise and per muscle group over local dates.
import sql from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import type { ExerciseShare, MuscleShare } from '../../../src/stats/breakdown.ts'
import { instantWindow } from '../../../src/stats/local-dates.ts'

export async function breakdown(
  db: Db,
  userId: string,
  from: string,
  to: string,
): Promise<{ exercises: ExerciseShare[]; muscleGroups: MuscleShare[] }> {
  const { lo, hi } = instantWindow(from, to)
  const exercises = await db.rows<Omit<ExerciseShare, 'volumeKg'> & { volume: string; volumeKg: number }>(sql`
    WITH per_exercise AS (
      SELECT s.exercise_id, count(*) AS sets, sum(s.reps * s.weight_kg) AS volume
      FROM workout_sets s JOIN workouts w ON w.id = s.workout_id
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup
        AND s.started_at >= ${lo}::timestamptz AND s.started_at < ${hi}::timestamptz
        AND w.local_date BETWEEN ${from}::date AND ${to}::date
      GROUP BY s.exercise_id
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
