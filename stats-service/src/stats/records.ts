// Personal records per exercise (heaviest weight, best estimated 1RM, most reps in a set, best session
// volume, most reps at each weight) and the PRs set recently. Ties go to the earliest workout.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import { e1rmSql } from './one-rep-max.ts'

/** Records use Epley with the default rep cap; the progression endpoint lets callers choose. */
export const RECORD_FORMULA = 'epley'
export const RECORD_REP_CAP = 12

export interface Rec {
  valueKg: number
  reps?: number
  date: string
  workoutId: string
}

export interface ExerciseRecords {
  exerciseId: string
  exerciseName: string
  isBodyweight: boolean
  heaviest: Rec | null
  bestE1rm: Rec | null
  mostReps: { reps: number; weightKg: number; date: string; workoutId: string } | null
  bestSessionVolume: Rec | null
  repsAtWeight: { weightKg: number; reps: number; date: string; workoutId: string }[]
}

/**
 * One row per (exercise, workout): the session's best set by weight, by estimate and by reps (each as
 * [value, companion] arrays, so max() keeps the companion of the winning set), and its volume.
 */
function sessionsSql(userId: string, exerciseId: string | undefined): Prisma.Sql {
  const byExercise = exerciseId ? Prisma.sql`AND s.exercise_id = ${exerciseId}::uuid` : Prisma.empty
  return Prisma.sql`
    SELECT s.exercise_id, s.workout_id, min(s.started_at) AS started_at,
           max(ARRAY[s.weight_kg, s.reps]) FILTER (WHERE s.weight_kg > 0) AS heavy,
           max(ARRAY[${e1rmSql(RECORD_FORMULA)}, s.reps])
             FILTER (WHERE s.weight_kg > 0 AND s.reps BETWEEN 1 AND ${RECORD_REP_CAP}::int) AS best,
           max(ARRAY[s.reps, s.weight_kg]) FILTER (WHERE s.reps > 0) AS most,
           sum(s.reps * s.weight_kg) AS volume
    FROM workout_sets s
    WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup ${byExercise}
    GROUP BY s.exercise_id, s.workout_id`
}

interface RecordRow {
  exercise_id: string
  name: string
  is_bodyweight: boolean
  h_value: number | null
  h_reps: number | null
  h_date: string | null
  h_workout: string | null
  b_value: number | null
  b_reps: number | null
  b_date: string | null
  b_workout: string | null
  m_reps: number | null
  m_weight: number | null
  m_date: string | null
  m_workout: string | null
  v_value: number | null
  v_date: string | null
  v_workout: string | null
}

export async function records(
  prisma: PrismaClient,
  userId: string,
  exerciseId?: string,
): Promise<ExerciseRecords[]> {
  const byExercise = exerciseId ? Prisma.sql`AND s.exercise_id = ${exerciseId}::uuid` : Prisma.empty
  const [rows, atWeight] = await Promise.all([
    prisma.$queryRaw<RecordRow[]>`
      WITH ses AS MATERIALIZED (${sessionsSql(userId, exerciseId)}),
      heaviest AS (
        SELECT DISTINCT ON (exercise_id) exercise_id, heavy[1] AS value, heavy[2] AS reps, workout_id FROM ses
        WHERE heavy IS NOT NULL ORDER BY exercise_id, heavy[1] DESC, started_at, workout_id
      ), best AS (
        SELECT DISTINCT ON (exercise_id) exercise_id, best[1] AS value, best[2] AS reps, workout_id FROM ses
        WHERE best IS NOT NULL ORDER BY exercise_id, round(best[1], 2) DESC, started_at, workout_id
      ), most AS (
        SELECT DISTINCT ON (exercise_id) exercise_id, most[1] AS reps, most[2] AS weight, workout_id FROM ses
        WHERE most IS NOT NULL ORDER BY exercise_id, most[1] DESC, started_at, workout_id
      ), vol AS (
        SELECT DISTINCT ON (exercise_id) exercise_id, volume AS value, workout_id FROM ses
        WHERE volume > 0 ORDER BY exercise_id, volume DESC, started_at, workout_id
      )
      SELECT e.id AS exercise_id, e.name::text AS name, e.is_bodyweight,
             h.value::float8 AS h_value, h.reps::int AS h_reps, to_char(hw.local_date, 'YYYY-MM-DD') AS h_date, h.workout_id AS h_workout,
             round(b.value, 2)::float8 AS b_value, b.reps::int AS b_reps, to_char(bw.local_date, 'YYYY-MM-DD') AS b_date, b.workout_id AS b_workout,
             m.reps::int AS m_reps, m.weight::float8 AS m_weight, to_char(mw.local_date, 'YYYY-MM-DD') AS m_date, m.workout_id AS m_workout,
             round(v.value, 2)::float8 AS v_value, to_char(vw.local_date, 'YYYY-MM-DD') AS v_date, v.workout_id AS v_workout
      FROM (SELECT DISTINCT exercise_id FROM ses) x
      JOIN exercises e ON e.id = x.exercise_id
      LEFT JOIN heaviest h ON h.exercise_id = x.exercise_id LEFT JOIN workouts hw ON hw.id = h.workout_id
      LEFT JOIN best b ON b.exercise_id = x.exercise_id LEFT JOIN workouts bw ON bw.id = b.workout_id
      LEFT JOIN most m ON m.exercise_id = x.exercise_id LEFT JOIN workouts mw ON mw.id = m.workout_id
      LEFT JOIN vol v ON v.exercise_id = x.exercise_id LEFT JOIN workouts vw ON vw.id = v.workout_id
      ORDER BY e.name, e.id`,
    prisma.$queryRaw<
      { exercise_id: string; weightKg: number; reps: number; date: string; workoutId: string }[]
    >`
      WITH best AS (
        SELECT DISTINCT ON (s.exercise_id, s.weight_kg) s.exercise_id, s.weight_kg, s.reps, s.workout_id
        FROM workout_sets s
        WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.reps > 0 ${byExercise}
        ORDER BY s.exercise_id, s.weight_kg, s.reps DESC, s.started_at, s.workout_id
      )
      SELECT b.exercise_id, b.weight_kg::float8 AS "weightKg", b.reps, to_char(w.local_date, 'YYYY-MM-DD') AS date,
             b.workout_id AS "workoutId"
      FROM best b JOIN workouts w ON w.id = b.workout_id
      ORDER BY b.exercise_id, b.weight_kg`,
  ])
  const ladders = new Map<string, ExerciseRecords['repsAtWeight']>()
  for (const { exercise_id, ...rung } of atWeight) {
    const ladder = ladders.get(exercise_id) ?? []
    ladder.push(rung)
    ladders.set(exercise_id, ladder)
  }
  return rows.map((r) => ({
    exerciseId: r.exercise_id,
    exerciseName: r.name,
    isBodyweight: r.is_bodyweight,
    heaviest:
      r.h_value === null
        ? null
        : { valueKg: r.h_value, reps: r.h_reps!, date: r.h_date!, workoutId: r.h_workout! },
    bestE1rm:
      r.b_value === null
        ? null
        : { valueKg: r.b_value, reps: r.b_reps!, date: r.b_date!, workoutId: r.b_workout! },
    mostReps:
      r.m_reps === null
        ? null
        : { reps: r.m_reps, weightKg: r.m_weight!, date: r.m_date!, workoutId: r.m_workout! },
    bestSessionVolume:
      r.v_value === null ? null : { valueKg: r.v_value, date: r.v_date!, workoutId: r.v_workout! },
    repsAtWeight: ladders.get(r.exercise_id) ?? [],
  }))
}

export type PrKind = 'heaviest' | 'e1rm' | 'reps' | 'volume'

export interface RecentRecord {
  exerciseId: string
  exerciseName: string
  kind: PrKind
  valueKg: number | null
  reps: number | null
  date: string
  workoutId: string
}

/**
 * PRs set on local dates since `since`: sessions whose best beats every earlier session of the same
 * exercise. A first-ever session beats nothing, so it is not a PR.
 */
export async function recentRecords(
  prisma: PrismaClient,
  userId: string,
  since: string,
): Promise<RecentRecord[]> {
  return prisma.$queryRaw<RecentRecord[]>`
    WITH ses AS (${sessionsSql(userId, undefined)}),
    judged AS (
      SELECT ses.*,
             max(heavy[1]) OVER earlier AS prev_heavy, max(round(best[1], 2)) OVER earlier AS prev_best,
             max(most[1]) OVER earlier AS prev_most, max(volume) OVER earlier AS prev_volume
      FROM ses
      WINDOW earlier AS (PARTITION BY exercise_id ORDER BY started_at, workout_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT j.exercise_id AS "exerciseId", e.name::text AS "exerciseName", k.kind, k.value_kg::float8 AS "valueKg",
           k.reps::int AS reps, to_char(w.local_date, 'YYYY-MM-DD') AS date, j.workout_id AS "workoutId"
    FROM judged j
    JOIN workouts w ON w.id = j.workout_id
    JOIN exercises e ON e.id = j.exercise_id
    CROSS JOIN LATERAL (VALUES
      ('heaviest', j.heavy[1], j.heavy[2], j.heavy[1] > j.prev_heavy),
      ('e1rm', round(j.best[1], 2), j.best[2], round(j.best[1], 2) > j.prev_best),
      ('reps', j.most[2], j.most[1], j.most[1] > j.prev_most),
      ('volume', round(j.volume, 2), NULL, j.volume > 0 AND j.volume > j.prev_volume)
    ) AS k(kind, value_kg, reps, beats)
    WHERE w.local_date >= ${since}::date AND k.beats
    ORDER BY w.local_date DESC, j.started_at DESC, e.name, k.kind`
}
