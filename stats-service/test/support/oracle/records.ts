// The computation of src/stats/records.ts before the aggregates (issue 15), straight from the sets: the oracle
// test/stats/aggregates.test.ts compares the new path with. Its SQL is kept verbatim; types and pure helpers come from src.
// Personal records per exercise (heaviest weight, best estimated 1RM, most reps in a set, best session
// volume, most reps at each weight) and the PRs set recently. Values compare exactly; ties go to the
// earliest workout, and within one workout to the set with the most reps (for "most reps": the heaviest).
// A set with 0 reps is a missed attempt: it is never a record or a PR.
import sql, { empty, raw, type Sql } from 'sql-template-tag'
import type { Db } from '../../../src/plugins/database.ts'
import { instantWindow } from '../../../src/stats/local-dates.ts'
import { e1rmSql } from '../../../src/stats/one-rep-max.ts'
import {
  type ExerciseRecords,
  newestFirst,
  RECORD_FORMULA,
  RECORD_REP_CAP,
  type RecentRecord,
  type RecentRow,
} from '../../../src/stats/records.ts'

/*
 * Everything here comes from two passes over a lifter's working sets; at 100k sets numeric arithmetic
 * and hashing are the cost, so each set is touched by as few expressions as possible, and the two passes
 * are separate statements that run at the same time on two pooled connections:
 * - sessions: one row per (exercise, workout) with its start and volume (session-volume records),
 *   summed in integer units of 1e-10 kg (weights are exact to ten decimals): exact like numeric (ties
 *   stay ties), but an integer sum instead of 20k numeric aggregate states that spilled past work_mem;
 * - rungs: one row per (exercise, weight, reps) with the first time it was done. Every set-level record
 *   (heaviest, estimate, reps, reps at a weight) is the first occurrence of some rung, so those records
 *   and PRs are read from a few thousand rungs rather than from the sets.
 */
/**
 * A set's volume in 1e-10 kg: weights have at most ten decimals (lb × 0.45359237), so this is exact;
 * 1000 reps × 2000 kg is 2e16 units, inside a bigint.
 */
const VOLUME_UNITS = sql`s.reps * (s.weight_kg * 10000000000)::bigint`
const VOLUME_UNIT_KG = raw('10000000000.0')

function sessionsSql(userId: string, exerciseId: string | undefined): Sql {
  const byExercise = exerciseId ? sql`AND s.exercise_id = ${exerciseId}::uuid` : empty
  return sql`sessions AS MATERIALIZED (
      SELECT s.exercise_id, s.workout_id, min(s.started_at) AS started_at,
             sum(${VOLUME_UNITS}) AS volume
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup ${byExercise}
      GROUP BY s.exercise_id, s.workout_id
    )`
}

function rungsSql(userId: string, exerciseId: string | undefined): Sql {
  const byExercise = exerciseId ? sql`AND s.exercise_id = ${exerciseId}::uuid` : empty
  return sql`rungs AS MATERIALIZED (
      SELECT s.exercise_id, s.weight_kg, s.reps, min(s.started_at) AS started_at
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.reps > 0 ${byExercise}
      GROUP BY s.exercise_id, s.weight_kg, s.reps
    )`
}

/**
 * The workout in which a rung (exercise, weight, reps) first happened: an equality probe on the
 * (user_id, exercise_id, started_at) index.
 */
function rungWorkoutSql(userId: string, alias: string): Sql {
  const r = raw(alias)
  return sql`(SELECT x.workout_id FROM workout_sets x
     WHERE x.user_id = ${userId}::uuid AND x.exercise_id = ${r}.exercise_id AND x.started_at = ${r}.started_at
       AND x.weight_kg = ${r}.weight_kg AND x.reps = ${r}.reps AND NOT x.is_warmup
     ORDER BY x.workout_id LIMIT 1)`
}

interface RungRecordRow {
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
  ladder: { weightKg: number; reps: number; date: string; workoutId: string }[] | null
}

interface VolumeRecordRow {
  exercise_id: string
  value: number
  date: string
  workout_id: string
}

function rungRecords(db: Db, userId: string, exerciseId: string | undefined) {
  const e1rm = e1rmSql(RECORD_FORMULA)
  return db.rows<RungRecordRow>(sql`
    WITH ${rungsSql(userId, exerciseId)},
    -- Each record is "the best value" (a hash aggregate), then "its first rung" (a join on that value),
    -- which sorts a handful of rows instead of all rungs once per record. An estimate grows with the
    -- weight at a fixed rep count, so only the heaviest rung at each rep count is scored.
    per_reps AS (
      SELECT exercise_id, reps, max(weight_kg) AS weight_kg FROM rungs GROUP BY exercise_id, reps
    ), scored AS (
      SELECT s.*, CASE WHEN s.weight_kg > 0 AND s.reps BETWEEN 1 AND ${RECORD_REP_CAP}::int THEN ${e1rm} END AS e1rm
      FROM per_reps s
    ), tops AS (
      SELECT exercise_id, max(weight_kg) FILTER (WHERE weight_kg > 0) AS heavy, max(e1rm) AS best,
             max(reps) FILTER (WHERE reps > 0) AS most
      FROM scored GROUP BY exercise_id
    ), heaviest AS (
      SELECT DISTINCT ON (r.exercise_id) r.* FROM rungs r JOIN tops t ON t.exercise_id = r.exercise_id AND r.weight_kg = t.heavy
      ORDER BY r.exercise_id, r.started_at, r.reps DESC
    ), best AS (
      SELECT DISTINCT ON (r.exercise_id) r.*, t.best AS e1rm
      FROM scored c
      JOIN tops t ON t.exercise_id = c.exercise_id AND c.e1rm = t.best
      JOIN rungs r ON r.exercise_id = c.exercise_id AND r.reps = c.reps AND r.weight_kg = c.weight_kg
      ORDER BY r.exercise_id, r.started_at, r.reps DESC
    ), most AS (
      SELECT DISTINCT ON (r.exercise_id) r.* FROM rungs r JOIN tops t ON t.exercise_id = r.exercise_id AND r.reps = t.most
      ORDER BY r.exercise_id, r.started_at, r.weight_kg DESC
    ), ladder_tops AS (
      SELECT exercise_id, weight_kg, max(reps) AS reps FROM rungs WHERE reps > 0 GROUP BY exercise_id, weight_kg
    ), ladder AS (
      SELECT DISTINCT ON (r.exercise_id, r.weight_kg) r.*
      FROM rungs r JOIN ladder_tops t ON t.exercise_id = r.exercise_id AND t.weight_kg = r.weight_kg AND t.reps = r.reps
      ORDER BY r.exercise_id, r.weight_kg, r.started_at
    ), ladder_at AS MATERIALIZED (
      -- Materialized so the workout probe runs once per rung, not again for the join and the JSON.
      SELECT l.exercise_id, l.weight_kg, l.reps, ${rungWorkoutSql(userId, 'l')} AS workout_id FROM ladder l
    ), ladders AS (
      SELECT l.exercise_id,
             json_agg(json_build_object('weightKg', l.weight_kg::float8, 'reps', l.reps,
               'date', to_char(w.local_date, 'YYYY-MM-DD'), 'workoutId', l.workout_id) ORDER BY l.weight_kg) AS ladder
      FROM ladder_at l JOIN workouts w ON w.id = l.workout_id GROUP BY l.exercise_id
    ), picked AS (
      SELECT t.exercise_id,
             h.weight_kg AS h_value, h.reps AS h_reps, ${rungWorkoutSql(userId, 'h')} AS h_workout,
             b.e1rm AS b_value, b.reps AS b_reps, ${rungWorkoutSql(userId, 'b')} AS b_workout,
             m.reps AS m_reps, m.weight_kg AS m_weight, ${rungWorkoutSql(userId, 'm')} AS m_workout
      FROM tops t
      LEFT JOIN heaviest h ON h.exercise_id = t.exercise_id
      LEFT JOIN best b ON b.exercise_id = t.exercise_id
      LEFT JOIN most m ON m.exercise_id = t.exercise_id
    )
    SELECT p.exercise_id, e.name::text AS name, e.is_bodyweight,
           p.h_value::float8 AS h_value, p.h_reps, to_char(hw.local_date, 'YYYY-MM-DD') AS h_date, p.h_workout,
           round(p.b_value, 2)::float8 AS b_value, p.b_reps, to_char(bw.local_date, 'YYYY-MM-DD') AS b_date, p.b_workout,
           p.m_reps, p.m_weight::float8 AS m_weight, to_char(mw.local_date, 'YYYY-MM-DD') AS m_date, p.m_workout,
           l.ladder
    FROM picked p
    JOIN exercises e ON e.id = p.exercise_id
    LEFT JOIN workouts hw ON hw.id = p.h_workout
    LEFT JOIN workouts bw ON bw.id = p.b_workout
    LEFT JOIN workouts mw ON mw.id = p.m_workout
    LEFT JOIN ladders l ON l.exercise_id = p.exercise_id
    ORDER BY e.name, e.id`)
}

function volumeRecords(db: Db, userId: string, exerciseId: string | undefined) {
  return db.rows<VolumeRecordRow>(sql`
    WITH ${sessionsSql(userId, exerciseId)},
    best AS (SELECT exercise_id, max(volume) AS volume FROM sessions GROUP BY exercise_id),
    first_best AS (
      SELECT DISTINCT ON (s.exercise_id) s.exercise_id, s.workout_id, s.volume
      FROM sessions s JOIN best b ON b.exercise_id = s.exercise_id AND s.volume = b.volume
      WHERE b.volume > 0 ORDER BY s.exercise_id, s.started_at, s.workout_id
    )
    SELECT f.exercise_id, (f.volume / ${VOLUME_UNIT_KG})::float8 AS value, to_char(w.local_date, 'YYYY-MM-DD') AS date, f.workout_id
    FROM first_best f JOIN workouts w ON w.id = f.workout_id`)
}

export async function records(db: Db, userId: string, exerciseId?: string): Promise<ExerciseRecords[]> {
  const [rows, volumes] = await Promise.all([
    rungRecords(db, userId, exerciseId),
    volumeRecords(db, userId, exerciseId),
  ])
  const volumeOf = new Map(volumes.map((v) => [v.exercise_id, v]))
  return rows.map((r) => {
    const v = volumeOf.get(r.exercise_id)
    return {
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
      bestSessionVolume: v ? { valueKg: v.value, date: v.date, workoutId: v.workout_id } : null,
      repsAtWeight: r.ladder ?? [],
    }
  })
}

/**
 * PRs set on local dates from `since` to `until` (today: a workout dated after today — possible after a
 * move west — is not "recent" yet): workouts whose best beats every earlier workout of the same
 * exercise. A first-ever session beats nothing, so it is not a PR. Bests before the window come from
 * one small aggregate; inside the window a running maximum orders the recent sessions.
 */
export async function recentRecords(
  db: Db,
  userId: string,
  since: string,
  until: string,
): Promise<RecentRecord[]> {
  const { lo } = instantWindow(since, since)
  const [setPrs, volumePrs] = await Promise.all([
    recentSetRecords(db, userId, since, until, lo),
    recentVolumeRecords(db, userId, since, until, lo),
  ])
  return newestFirst([...setPrs, ...volumePrs])
}

function recentSetRecords(db: Db, userId: string, since: string, until: string, lo: string) {
  const e1rm = e1rmSql(RECORD_FORMULA)
  const bests = sql`
    max(s.weight_kg) FILTER (WHERE s.weight_kg > 0) AS heavy,
    max(${e1rm}) FILTER (WHERE s.weight_kg > 0 AND s.reps BETWEEN 1 AND ${RECORD_REP_CAP}::int) AS best,
    max(s.reps) FILTER (WHERE s.reps > 0) AS most`
  return db.rows<RecentRow>(sql`
    WITH
    -- Before the window only the bests matter, and they all follow from the heaviest weight at each rep
    -- count (an estimate grows with the weight at a fixed rep count): a few hundred groups, so the
    -- estimate is computed per group, not per set.
    ladder AS (
      SELECT s.exercise_id, s.reps, max(s.weight_kg) AS weight_kg
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.reps > 0 AND s.started_at < ${lo}::timestamptz
      GROUP BY s.exercise_id, s.reps
    ),
    before AS (SELECT s.exercise_id, ${bests} FROM ladder s GROUP BY s.exercise_id),
    -- Inside the window a repeat of something already done changes no running best and beats nothing,
    -- so each (exercise, weight, reps) counts once, at its first time in the window: however long the
    -- window, the estimate is computed per rung, not per set.
    rungs AS (
      SELECT s.exercise_id, s.weight_kg, s.reps, min(s.started_at) AS started_at
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.reps > 0 AND s.started_at >= ${lo}::timestamptz
      GROUP BY s.exercise_id, s.weight_kg, s.reps
    ),
    recent AS (
      SELECT s.exercise_id, s.started_at, ${bests},
             max(ARRAY[s.weight_kg, s.reps]) FILTER (WHERE s.weight_kg > 0) AS heavy_set,
             max(ARRAY[${e1rm}, s.reps]) FILTER (WHERE s.weight_kg > 0 AND s.reps BETWEEN 1 AND ${RECORD_REP_CAP}::int) AS best_set,
             max(ARRAY[s.reps, s.weight_kg]) FILTER (WHERE s.reps > 0) AS most_set
      FROM rungs s GROUP BY s.exercise_id, s.started_at
    ),
    judged AS (
      SELECT r.*, greatest(b.heavy, max(r.heavy) OVER earlier) AS prev_heavy,
             greatest(b.best, max(r.best) OVER earlier) AS prev_best,
             greatest(b.most, max(r.most) OVER earlier) AS prev_most,
             (SELECT x.workout_id FROM workout_sets x
              WHERE x.user_id = ${userId}::uuid AND x.exercise_id = r.exercise_id AND x.started_at = r.started_at
                AND NOT x.is_warmup ORDER BY x.workout_id LIMIT 1) AS workout_id
      FROM recent r LEFT JOIN before b ON b.exercise_id = r.exercise_id
      WINDOW earlier AS (PARTITION BY r.exercise_id ORDER BY r.started_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT j.exercise_id AS "exerciseId", e.name::text AS "exerciseName", k.kind, k.value_kg::float8 AS "valueKg",
           k.reps::int AS reps, to_char(w.local_date, 'YYYY-MM-DD') AS date, j.workout_id AS "workoutId",
           j.started_at AS "startedAt"
    FROM judged j
    CROSS JOIN LATERAL (VALUES
      ('heaviest', j.heavy_set[1], j.heavy_set[2], j.heavy > j.prev_heavy),
      ('e1rm', round(j.best_set[1], 2), j.best_set[2], j.best > j.prev_best),
      ('reps', j.most_set[2], j.most_set[1], j.most > j.prev_most)
    ) AS k(kind, value_kg, reps, beats)
    JOIN workouts w ON w.id = j.workout_id
    JOIN exercises e ON e.id = j.exercise_id
    WHERE k.beats AND w.local_date >= ${since}::date AND w.local_date <= ${until}::date`)
}

function recentVolumeRecords(db: Db, userId: string, since: string, until: string, lo: string) {
  // A workout's sets share its start, so "before the window" splits whole sessions; before it only each
  // exercise's best volume matters, which needs no session start.
  return db.rows<RecentRow>(sql`
    WITH before AS (
      SELECT v.exercise_id, max(v.volume) AS volume
      FROM (
        SELECT s.exercise_id, s.workout_id, sum(${VOLUME_UNITS}) AS volume
        FROM workout_sets s
        WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.started_at < ${lo}::timestamptz
        GROUP BY s.exercise_id, s.workout_id
      ) v
      GROUP BY v.exercise_id
    ), recent AS (
      SELECT s.exercise_id, s.workout_id, min(s.started_at) AS started_at, sum(${VOLUME_UNITS}) AS volume
      FROM workout_sets s
      WHERE s.user_id = ${userId}::uuid AND NOT s.is_warmup AND s.started_at >= ${lo}::timestamptz
      GROUP BY s.exercise_id, s.workout_id
    ), judged AS (
      SELECT s.*, greatest(b.volume, max(s.volume) OVER earlier) AS prev
      FROM recent s LEFT JOIN before b ON b.exercise_id = s.exercise_id
      WINDOW earlier AS (PARTITION BY s.exercise_id ORDER BY s.started_at, s.workout_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT j.exercise_id AS "exerciseId", e.name::text AS "exerciseName", 'volume' AS kind,
           (j.volume / ${VOLUME_UNIT_KG})::float8 AS "valueKg", NULL::int AS reps, to_char(w.local_date, 'YYYY-MM-DD') AS date,
           j.workout_id AS "workoutId", j.started_at AS "startedAt"
    FROM judged j
    JOIN workouts w ON w.id = j.workout_id
    JOIN exercises e ON e.id = j.exercise_id
    WHERE j.volume > 0 AND j.volume > j.prev AND w.local_date >= ${since}::date
      AND w.local_date <= ${until}::date`)
}
