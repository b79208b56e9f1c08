// Personal records per exercise (heaviest weight, best estimated 1RM, most reps in a set, best session
// volume, most reps at each weight) and the PRs set recently. Values compare exactly; ties go to the
// earliest workout, and within one workout to the set with the most reps (for "most reps": the heaviest).
// A set with 0 reps is a missed attempt: it is never a record or a PR.
import sql, { empty, raw, type Sql } from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { instantWindow } from './local-dates.ts'
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

/*
 * Everything here reads the aggregates PostgreSQL keeps from the sets (the stats_aggregates migration):
 * - exercise_rungs: one row per (exercise, weight, reps ≥ 1) ever done in a working set, with the first
 *   time it was done (earliest start, then lowest workout id). Every set-level record (heaviest, estimate,
 *   reps, reps at a weight) is the first occurrence of some rung, so the board reads a few thousand rungs —
 *   bounded by the lifter's variety of weights and reps, not by the number of sets;
 * - exercise_sessions: one row per (workout, exercise) with its start and exact volume; the best session
 *   volume of an exercise is the first entry of its (user_id, exercise_id, volume DESC, started_at,
 *   workout_id) index.
 * Recent PRs still read the sets of the window itself (range-bounded by the window, not the history).
 */
const VOLUME_UNIT_KG = raw('10000000000.0')

/**
 * An exact numeric volume as kilograms, printed exactly as the earlier sums in integer units of 1e-10 kg
 * were: weights have at most ten decimals, so volume × 1e10 is an integer, and trunc() gives it the same
 * scale (0) a sum of bigints had, so the numeric division and the float8 after it are the same.
 */
function volumeKgSql(column: string): Sql {
  return sql`(trunc(${raw(column)} * 10000000000) / ${VOLUME_UNIT_KG})::float8`
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
  v_value: number | null
  v_date: string | null
  v_workout: string | null
}

function rungRecords(db: Db, userId: string, exerciseId: string | undefined) {
  const e1rm = e1rmSql(RECORD_FORMULA)
  const byExercise = exerciseId ? sql`AND r.exercise_id = ${exerciseId}::uuid` : empty
  return db.rows<RungRecordRow>(sql`
    WITH
    -- Each record is "the best value" (from the heaviest weight at each rep count: an estimate grows with
    -- the weight at a fixed rep count), then "its first rung", one index probe per exercise. The two
    -- passes over the lifter's rungs are ordered index scans — (exercise, reps, weight DESC) for the
    -- heaviest weight at each rep count, the primary key backwards for the most reps at each weight — so
    -- nothing is hashed or sorted by the number of rungs.
    per_reps AS (
      SELECT DISTINCT ON (r.exercise_id, r.reps) r.exercise_id, r.reps, r.weight_kg
      FROM exercise_rungs r WHERE r.user_id = ${userId}::uuid ${byExercise}
      ORDER BY r.exercise_id, r.reps, r.weight_kg DESC
    ), scored AS (
      SELECT s.*, CASE WHEN s.weight_kg > 0 AND s.reps BETWEEN 1 AND ${RECORD_REP_CAP}::int THEN ${e1rm} END AS e1rm
      FROM per_reps s
    ), tops AS (
      SELECT exercise_id, max(weight_kg) FILTER (WHERE weight_kg > 0) AS heavy, max(e1rm) AS best,
             max(reps) FILTER (WHERE reps > 0) AS most
      FROM scored GROUP BY exercise_id
    ), picked AS (
      SELECT t.exercise_id,
             h.weight_kg AS h_value, h.reps AS h_reps, h.workout_id AS h_workout,
             t.best AS b_value, b.reps AS b_reps, b.workout_id AS b_workout,
             m.reps AS m_reps, m.weight_kg AS m_weight, m.workout_id AS m_workout
      FROM tops t
      -- Ties go to the earliest first time; at the same start, to the most reps (for "most reps": the heaviest).
      LEFT JOIN LATERAL (
        SELECT r.weight_kg, r.reps, r.workout_id FROM exercise_rungs r
        WHERE r.user_id = ${userId}::uuid AND r.exercise_id = t.exercise_id AND r.weight_kg = t.heavy
        ORDER BY r.started_at, r.reps DESC LIMIT 1
      ) h ON true
      LEFT JOIN LATERAL (
        SELECT r.reps, r.workout_id
        FROM scored c JOIN exercise_rungs r
          ON r.user_id = ${userId}::uuid AND r.exercise_id = c.exercise_id AND r.reps = c.reps AND r.weight_kg = c.weight_kg
        WHERE c.exercise_id = t.exercise_id AND c.e1rm = t.best
        ORDER BY r.started_at, r.reps DESC LIMIT 1
      ) b ON true
      LEFT JOIN LATERAL (
        SELECT r.reps, r.weight_kg, r.workout_id FROM exercise_rungs r
        WHERE r.user_id = ${userId}::uuid AND r.exercise_id = t.exercise_id AND r.reps = t.most
        ORDER BY r.started_at, r.weight_kg DESC LIMIT 1
      ) m ON true
    ), ladder AS (
      -- The most reps at each weight: one rung (the key is exercise, weight, reps), so its first time is its own.
      SELECT DISTINCT ON (r.exercise_id, r.weight_kg) r.exercise_id, r.weight_kg, r.reps, r.workout_id
      FROM exercise_rungs r WHERE r.user_id = ${userId}::uuid ${byExercise}
      ORDER BY r.exercise_id DESC, r.weight_kg DESC, r.reps DESC
    ), ladders AS (
      SELECT l.exercise_id,
             json_agg(json_build_object('weightKg', l.weight_kg::float8, 'reps', l.reps,
               'date', to_char(w.local_date, 'YYYY-MM-DD'), 'workoutId', l.workout_id) ORDER BY l.weight_kg) AS ladder
      FROM ladder l JOIN workouts w ON w.id = l.workout_id GROUP BY l.exercise_id
    )
    SELECT p.exercise_id, e.name::text AS name, e.is_bodyweight,
           p.h_value::float8 AS h_value, p.h_reps, to_char(hw.local_date, 'YYYY-MM-DD') AS h_date, p.h_workout,
           round(p.b_value, 2)::float8 AS b_value, p.b_reps, to_char(bw.local_date, 'YYYY-MM-DD') AS b_date, p.b_workout,
           p.m_reps, p.m_weight::float8 AS m_weight, to_char(mw.local_date, 'YYYY-MM-DD') AS m_date, p.m_workout,
           l.ladder, v.value AS v_value, to_char(vw.local_date, 'YYYY-MM-DD') AS v_date, v.workout_id AS v_workout
    FROM picked p
    JOIN exercises e ON e.id = p.exercise_id
    LEFT JOIN workouts hw ON hw.id = p.h_workout
    LEFT JOIN workouts bw ON bw.id = p.b_workout
    LEFT JOIN workouts mw ON mw.id = p.m_workout
    LEFT JOIN ladders l ON l.exercise_id = p.exercise_id
    -- Best session volume: the first entry of the (user_id, exercise_id, volume DESC, started_at, workout_id)
    -- index — ties go to the earliest session, then the lowest workout id.
    LEFT JOIN LATERAL (
      SELECT ${volumeKgSql('x.volume')} AS value, x.workout_id
      FROM exercise_sessions x
      WHERE x.user_id = ${userId}::uuid AND x.exercise_id = p.exercise_id AND x.volume > 0
      ORDER BY x.volume DESC, x.started_at, x.workout_id LIMIT 1
    ) v ON true
    LEFT JOIN workouts vw ON vw.id = v.workout_id
    ORDER BY e.name, e.id`)
}

export async function records(db: Db, userId: string, exerciseId?: string): Promise<ExerciseRecords[]> {
  const rows = await rungRecords(db, userId, exerciseId)
  return rows.map((r) => {
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
      bestSessionVolume:
        r.v_value === null ? null : { valueKg: r.v_value, date: r.v_date!, workoutId: r.v_workout! },
      repsAtWeight: r.ladder ?? [],
    }
  })
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

export type RecentRow = RecentRecord & { startedAt: Date }

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

const KIND_ORDER: Record<PrKind, number> = { e1rm: 0, heaviest: 1, reps: 2, volume: 3 }

/** Recent PRs newest first; within one workout by exercise name, then e1RM, heaviest, reps, volume. */
export function newestFirst(rows: RecentRow[]): RecentRecord[] {
  return rows
    .sort(
      (a, b) =>
        b.date.localeCompare(a.date) ||
        b.startedAt.getTime() - a.startedAt.getTime() ||
        a.exerciseName.localeCompare(b.exerciseName) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    )
    .map(({ startedAt: _startedAt, ...record }) => record)
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
    -- count (an estimate grows with the weight at a fixed rep count): a rung first done before the window
    -- is exactly a (weight, reps) done before it, so exercise_rungs answers without reading a set.
    ladder AS (
      SELECT s.exercise_id, s.reps, max(s.weight_kg) AS weight_kg
      FROM exercise_rungs s
      WHERE s.user_id = ${userId}::uuid AND s.started_at < ${lo}::timestamptz
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
  // Sessions from exercise_sessions: those of the window (a range of its (user_id, started_at) index) and,
  // per exercise among them, the best before the window — the first entry of the (user_id, exercise_id,
  // volume DESC, …) index that starts before it. A workout's sets share its start, so "before the window"
  // splits whole sessions.
  return db.rows<RecentRow>(sql`
    WITH recent AS (
      SELECT x.exercise_id, x.workout_id, x.started_at, x.volume, x.local_date
      FROM exercise_sessions x
      WHERE x.user_id = ${userId}::uuid AND x.started_at >= ${lo}::timestamptz
    ), before AS (
      SELECT r.exercise_id,
             (SELECT x.volume FROM exercise_sessions x
              WHERE x.user_id = ${userId}::uuid AND x.exercise_id = r.exercise_id AND x.started_at < ${lo}::timestamptz
              ORDER BY x.volume DESC LIMIT 1) AS volume
      FROM (SELECT DISTINCT exercise_id FROM recent) r
    ), judged AS (
      SELECT s.*, greatest(b.volume, max(s.volume) OVER earlier) AS prev
      FROM recent s LEFT JOIN before b ON b.exercise_id = s.exercise_id
      WINDOW earlier AS (PARTITION BY s.exercise_id ORDER BY s.started_at, s.workout_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT j.exercise_id AS "exerciseId", e.name::text AS "exerciseName", 'volume' AS kind,
           ${volumeKgSql('j.volume')} AS "valueKg", NULL::int AS reps, to_char(j.local_date, 'YYYY-MM-DD') AS date,
           j.workout_id AS "workoutId", j.started_at AS "startedAt"
    FROM judged j
    JOIN exercises e ON e.id = j.exercise_id
    WHERE j.volume > 0 AND j.volume > j.prev AND j.local_date >= ${since}::date
      AND j.local_date <= ${until}::date`)
}
