// The aggregates PostgreSQL keeps (exercise_sessions, exercise_months, day_totals, lifter_totals, exercise_rungs; the
// stats_aggregates migration) give every endpoint exactly what the old set-by-set SQL gave (kept in
// test/support/oracle), over a generated history of more than 10k sets — four lifters in four zones,
// warm-ups, 0-rep and 0-kg sets, lb weights, several workouts a day, two workouts with the same start — and
// after the edits every writer makes: a replace that moves the date and changes the sets, a replace that
// keeps the start, a workout delete, an exercise's sets deleted, an import-like bulk insert FROM unnest,
// set and workout updates, concurrent writes of one lifter, and an account deletion. After each phase the
// aggregate tables also equal a full recompute from workouts and workout_sets, written independently here.
import { randomUUID } from 'node:crypto'
import { aggregateDifferences } from '@liftlog/core-service/testing'
import type { Formula } from '@liftlog/stats-contract'
import pg from 'pg'
import t, { type Test } from 'tap'
import { breakdown } from '../../src/stats/breakdown.ts'
import { calendarDays } from '../../src/stats/calendar.ts'
import { addDays, addMonths, type Bucket, bucketStart, daysInMonth } from '../../src/stats/local-dates.ts'
import { progression } from '../../src/stats/progression.ts'
import { recentRecords, records } from '../../src/stats/records.ts'
import { summary } from '../../src/stats/summary.ts'
import { firstWorkoutDate, volumeSeries } from '../../src/stats/volume.ts'
import * as oldBreakdown from '../support/oracle/breakdown.ts'
import * as oldCalendar from '../support/oracle/calendar.ts'
import * as oldProgression from '../support/oracle/progression.ts'
import * as oldRecords from '../support/oracle/records.ts'
import * as oldSummary from '../support/oracle/summary.ts'
import * as oldVolume from '../support/oracle/volume.ts'
import { buildTestStats } from '../support/stats-app.ts'

const EXERCISES = [
  'barbell-bench-press',
  'barbell-back-squat',
  'barbell-deadlift',
  'barbell-overhead-press',
  'dumbbell-curl',
  'barbell-bent-over-row',
  'machine-leg-press',
  'barbell-hip-thrust',
]

interface Lifter {
  id: string
  zone: string
  unit: 'kg' | 'lb'
  exercises: string[]
}

// Thousands of old-vs-new comparisons on a shared machine: more than tap's default two minutes.
t.setTimeout(600_000)
const { app, fixtures } = await buildTestStats(t)
const owner = fixtures.client
const db = app.db
const catalogIds: string[] = []
for (const key of EXERCISES) catalogIds.push(await fixtures.exerciseId(key))

/**
 * `workouts` workouts about every 20 hours from `start` (so some days have two), 0–24 sets each: about 1 in
 * 7 a warm-up, 1 in 16 a missed attempt (0 reps), 1 in 20 at 0 kg, 1 in 20 with 16–30 reps; lb lifters type
 * multiples of 2.5 lb (exact kilograms with up to 9 decimals), with a kg set now and then.
 */
async function history(lifter: Lifter, start: string, workouts: number, seed: number) {
  await owner.query('SELECT setseed($1)', [seed])
  const ids = await owner.query<{ id: string }>(
    `INSERT INTO workouts (id, user_id, started_at, local_date, time_zone, updated_at)
     SELECT gen_random_uuid(), $1::uuid, t, (t AT TIME ZONE $2)::date, $2, now()
     FROM (SELECT $3::timestamptz + i * interval '20 hours' + random() * interval '10 hours' AS t
           FROM generate_series(0, $4 - 1) AS i) g
     RETURNING id`,
    [lifter.id, lifter.zone, start, workouts],
  )
  await owner.query(
    `WITH w AS (SELECT id, started_at, floor(random() * 25)::int AS n FROM workouts WHERE id = ANY ($2::uuid[])),
     raw AS (
       SELECT w.id AS workout_id, w.started_at, p AS position,
              $3::uuid[] AS ex, random() AS r_ex, random() AS r_reps, random() AS r_reps2, random() AS r_w,
              random() AS r_zero, random() AS r_warm, random() AS r_unit
       FROM w CROSS JOIN LATERAL generate_series(0, w.n - 1) AS p
     ), typed AS (
       SELECT *, ex[1 + floor(r_ex * cardinality(ex))::int] AS exercise_id,
              CASE WHEN r_reps < 0.0625 THEN 0 WHEN r_reps < 0.1125 THEN 16 + floor(r_reps2 * 15)::int
                   ELSE 1 + floor(r_reps2 * 12)::int END AS reps,
              CASE WHEN $4 = 'lb' AND r_unit < 0.9 THEN 'lb' ELSE 'kg' END AS unit,
              CASE WHEN r_zero < 0.05 THEN 0 ELSE 20 + floor(r_w * 40) * 2.5 END AS typed
       FROM raw
     )
     INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, weight_unit, is_warmup)
     SELECT gen_random_uuid(), workout_id, exercise_id, $1::uuid, started_at, position, reps,
            CASE unit WHEN 'lb' THEN typed * 0.45359237 ELSE typed END, unit::"WeightUnit", r_warm < 0.14
     FROM typed`,
    [lifter.id, ids.rows.map((r) => r.id), lifter.exercises, lifter.unit],
  )
}

async function lifter(zone: string, unit: 'kg' | 'lb', exercises: string[]): Promise<Lifter> {
  return { id: await fixtures.user({ timeZone: zone, unit }), zone, unit, exercises }
}

const alice = await lifter('America/New_York', 'kg', catalogIds.slice(0, 6))
const bob = await lifter('Pacific/Auckland', 'lb', catalogIds.slice(2, 8))
const chandra = await lifter('Asia/Kolkata', 'kg', [...catalogIds.slice(0, 3)])
chandra.exercises.push(await fixtures.customExercise(chandra.id, 'Wrist Roller', 'forearms'))
const dana = await lifter('Pacific/Honolulu', 'lb', catalogIds.slice(4, 7))
const lifters = [alice, bob, chandra, dana]

await history(alice, '2023-01-03T00:00:00Z', 500, 0.11)
await history(bob, '2023-06-01T00:00:00Z', 300, 0.22)
await history(chandra, '2024-02-01T00:00:00Z', 160, 0.33)
await history(dana, '2024-09-01T00:00:00Z', 60, 0.44)
// A workout with the same start as another, with the same sets: ties go to the lower workout id.
await owner.query(
  `WITH src AS (SELECT id, started_at, local_date FROM workouts WHERE user_id = $1::uuid ORDER BY started_at OFFSET 100 LIMIT 1),
   copy AS (INSERT INTO workouts (id, user_id, started_at, local_date, time_zone, updated_at)
            SELECT $2::uuid, $1::uuid, started_at, local_date, 'America/New_York', now() FROM src RETURNING id)
   INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, weight_unit, is_warmup)
   SELECT gen_random_uuid(), (SELECT id FROM copy), s.exercise_id, s.user_id, s.started_at, s.position, s.reps, s.weight_kg, s.weight_unit, s.is_warmup
   FROM workout_sets s WHERE s.workout_id = (SELECT id FROM src)`,
  [alice.id, randomUUID()],
)

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(sql, params)
  return rows[0]!.n
}

/** Every aggregate table equals a recompute from the base rows (core's test support), written apart from the migration. */
async function matchesRecompute(t: Test, label: string) {
  for (const { table, missing, extra, rows } of await aggregateDifferences((text) => owner.query(text)))
    t.equal(missing + extra, 0, `${label}: ${table} (${rows} rows) equals a full recompute`)
}

const sorted = <T>(xs: T[]) => [...xs].map((x) => JSON.stringify(x)).sort()

/** Every endpoint's computation, old and new, for every lifter, on `todays`: equal, exactly. */
async function endpointsAgree(t: Test, label: string, todays: string[]) {
  let compared = 0
  const same = (a: unknown, b: unknown, what: string) => {
    compared++
    // One assertion per mismatch only, so a bug reads as a few lines, not thousands.
    if (JSON.stringify(a) !== JSON.stringify(b)) t.strictSame(a, b, `${label}: ${what}`)
  }
  const muscleGroups = ['chest', 'forearms', 'Lower Back']
  for (const l of lifters) {
    const u = l.id
    const first = (await oldVolume.firstWorkoutDate(db, u)) ?? todays[0]!
    same(await firstWorkoutDate(db, u), first, `first workout date ${u}`)
    for (const today of todays) {
      same(await summary(db, u, today), await oldSummary.summary(db, u, today), `summary ${u} ${today}`)
      for (const bucket of ['day', 'week', 'month'] as Bucket[]) {
        const ranges = [
          { from: bucketStart(first, bucket), to: today },
          { from: bucketStart(addMonths(today, -12), bucket), to: today },
        ]
        for (const range of ranges) {
          const r = { ...range, bucket }
          same(
            await volumeSeries(db, u, r, {}),
            await oldVolume.volumeSeries(db, u, r, {}),
            `volume ${bucket}`,
          )
          for (const exerciseId of l.exercises.slice(0, 2)) {
            same(
              await volumeSeries(db, u, r, { exerciseId }),
              await oldVolume.volumeSeries(db, u, r, { exerciseId }),
              `volume ${bucket} ${exerciseId}`,
            )
          }
          for (const muscleGroup of muscleGroups) {
            same(
              await volumeSeries(db, u, r, { muscleGroup }),
              await oldVolume.volumeSeries(db, u, r, { muscleGroup }),
              `volume ${bucket} ${muscleGroup}`,
            )
          }
        }
      }
      for (const [from, to] of [
        [first, today],
        [addDays(today, -365), today],
        [addDays(today, -30), today],
      ] as const) {
        same(
          await breakdown(db, u, from, to),
          await oldBreakdown.breakdown(db, u, from, to),
          `breakdown ${from}`,
        )
      }
      for (const days of [1, 30, 365]) {
        const since = addDays(today, 1 - days)
        same(
          sorted(await recentRecords(db, u, since, today)),
          sorted(await oldRecords.recentRecords(db, u, since, today)),
          `recent ${days} ${today}`,
        )
      }
    }
    for (
      let month = first.slice(0, 7);
      month <= todays[0]!.slice(0, 7);
      month = addMonths(`${month}-01`, 1).slice(0, 7)
    ) {
      const { first: a, last: b } = daysInMonth(month)
      same(await calendarDays(db, u, a, b), await oldCalendar.calendarDays(db, u, a, b), `calendar ${month}`)
    }
    same(await records(db, u), await oldRecords.records(db, u), `records ${u}`)
    for (const exerciseId of l.exercises) {
      same(
        await records(db, u, exerciseId),
        await oldRecords.records(db, u, exerciseId),
        `records ${exerciseId}`,
      )
      for (const [formula, caps] of [
        ['epley', [1, 12]],
        ['brzycki', [5, 30]],
      ] as [Formula, number[]][]) {
        for (const repCap of caps) {
          for (const bounds of [{}, { from: addDays(todays[0]!, -400), to: addDays(todays[0]!, -30) }]) {
            const options = { formula, repCap, ...bounds }
            same(
              await progression(db, u, exerciseId, options),
              await oldProgression.progression(db, u, exerciseId, options),
              `progression ${exerciseId} ${formula} ${repCap}`,
            )
          }
        }
      }
    }
  }
  t.ok(compared > 400, `${label}: ${compared} answers compared, all equal`)
}

const TODAYS = ['2026-01-15', '2024-11-20']

t.test('the generated history', async (t) => {
  const sets = await count('SELECT count(*)::int AS n FROM workout_sets')
  t.ok(sets >= 10_000, `${sets} sets`)
  t.ok((await count('SELECT count(*)::int AS n FROM workout_sets WHERE reps = 0')) > 100, 'missed attempts')
  t.ok(
    (await count(`SELECT count(*)::int AS n FROM workout_sets WHERE weight_unit = 'lb'`)) > 1000,
    'lb sets',
  )
  t.ok((await count('SELECT count(*)::int AS n FROM workout_sets WHERE is_warmup')) > 1000, 'warm-ups')
  t.ok(
    (await count(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM workouts GROUP BY user_id, local_date HAVING count(*) > 1) d',
    )) > 50,
    'days with two workouts',
  )
  await matchesRecompute(t, 'generated')
  await endpointsAgree(t, 'generated', TODAYS)
})

/** Runs `work` in one transaction that first bumps and locks the owner's users row, as core's writes do. */
async function asCore(userId: string, work: (c: pg.Client) => Promise<void>) {
  await owner.query('BEGIN')
  try {
    await owner.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [userId])
    await work(owner)
    await owner.query('COMMIT')
  } catch (error) {
    await owner.query('ROLLBACK')
    throw error
  }
}

/** core's insertSets: one multi-row INSERT of a workout's sets. */
async function insertSets(
  c: pg.Client,
  userId: string,
  workoutId: string,
  startedAt: string,
  sets: { exercise: string; reps: number; kg: number; warmup?: boolean }[],
) {
  const values = sets.map(
    (_, i) =>
      `(gen_random_uuid(), $1::uuid, $${4 + i * 4}::uuid, $2::uuid, $3::timestamptz, ${i}, $${5 + i * 4}::int, $${6 + i * 4}::numeric, $${7 + i * 4}::boolean)`,
  )
  await c.query(
    `INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, is_warmup)
     VALUES ${values.join(', ')}`,
    [workoutId, userId, startedAt, ...sets.flatMap((s) => [s.exercise, s.reps, s.kg, s.warmup ?? false])],
  )
}

async function workoutAt(userId: string, offset: number) {
  const { rows } = await owner.query<{ id: string; started_at: Date }>(
    'SELECT id, started_at FROM workouts WHERE user_id = $1 ORDER BY started_at, id OFFSET $2 LIMIT 1',
    [userId, offset],
  )
  return rows[0]!
}

t.test('after every kind of write', async (t) => {
  const [bench, squat, deadlift] = catalogIds as [string, string, string]

  // core's replace, moving the start three days later (a new local date, re-derived) with new sets.
  const moved = await workoutAt(alice.id, 40)
  await asCore(alice.id, async (c) => {
    const start = new Date(moved.started_at.getTime() + 3 * 86_400_000).toISOString()
    await c.query(
      `UPDATE workouts SET started_at = $2, local_date = ($2::timestamptz AT TIME ZONE 'America/New_York')::date,
              updated_at = now() WHERE id = $1`,
      [moved.id, start],
    )
    await c.query('DELETE FROM workout_sets WHERE workout_id = $1 AND user_id = $2', [moved.id, alice.id])
    await insertSets(c, alice.id, moved.id, start, [
      { exercise: bench, reps: 5, kg: 300 },
      { exercise: bench, reps: 0, kg: 400 },
      { exercise: squat, reps: 3, kg: 350, warmup: true },
      { exercise: squat, reps: 8, kg: 200 },
    ])
  })

  // core's replace keeping the start: same date, other sets (one exercise dropped).
  const kept = await workoutAt(alice.id, 200)
  await asCore(alice.id, async (c) => {
    await c.query('UPDATE workouts SET title = $2, updated_at = now() WHERE id = $1', [kept.id, 'edited'])
    await c.query('DELETE FROM workout_sets WHERE workout_id = $1 AND user_id = $2', [kept.id, alice.id])
    await insertSets(c, alice.id, kept.id, kept.started_at.toISOString(), [
      { exercise: deadlift, reps: 1, kg: 250 },
    ])
  })

  // core's delete: the workout, its sets by the cascade; and the first of the two same-start workouts.
  for (const offset of [10, 100]) {
    const gone = await workoutAt(alice.id, offset)
    await asCore(alice.id, async (c) => {
      await c.query('DELETE FROM workouts WHERE id = $1 AND user_id = $2', [gone.id, alice.id])
    })
  }

  // One exercise's sets deleted from every workout of a lifter (some workouts are left without sets).
  await asCore(bob.id, async (c) => {
    await c.query('DELETE FROM workout_sets WHERE user_id = $1 AND exercise_id = $2', [
      bob.id,
      bob.exercises[0],
    ])
  })

  // The import: workouts in one multi-row INSERT, then every set in one INSERT … FROM unnest — including
  // history before the lifter's first workout (their first date and first-time rungs move earlier).
  await asCore(chandra.id, async (c) => {
    const workouts = Array.from({ length: 120 }, (_, i) => ({
      id: randomUUID(),
      startedAt: new Date(Date.parse('2023-09-01T03:00:00Z') + i * 5 * 86_400_000 + (i % 7) * 3_600_000),
    }))
    await c.query(
      `INSERT INTO workouts (id, user_id, started_at, local_date, time_zone, updated_at)
       SELECT w, $1::uuid, s, (s AT TIME ZONE 'Asia/Kolkata')::date, 'Asia/Kolkata', now()
       FROM unnest($2::uuid[], $3::timestamptz[]) AS t(w, s)`,
      [chandra.id, workouts.map((w) => w.id), workouts.map((w) => w.startedAt.toISOString())],
    )
    const sets = workouts.flatMap((w, i) =>
      Array.from({ length: 30 }, (_, p) => ({
        w: w.id,
        e: chandra.exercises[(i + p) % chandra.exercises.length]!,
        s: w.startedAt.toISOString(),
        p,
        r: (i * 7 + p * 3) % 14,
        k: ((i * 13 + p * 5) % 50) * 2.5,
        warmup: p % 6 === 0,
      })),
    )
    await c.query(
      `INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, weight_unit, rpe, is_warmup)
       SELECT gen_random_uuid(), w, e, $1::uuid, s, p, r, k, 'kg'::"WeightUnit", NULL, warmup
       FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::int[], $7::numeric[], $8::boolean[])
         AS t(w, e, s, p, r, k, warmup)`,
      [
        chandra.id,
        sets.map((x) => x.w),
        sets.map((x) => x.e),
        sets.map((x) => x.s),
        sets.map((x) => x.p),
        sets.map((x) => x.r),
        sets.map((x) => x.k),
        sets.map((x) => x.warmup),
      ],
    )
    t.equal(sets.length, 3600, 'one statement of 3600 sets')
  })

  // Updates no writer makes today, handled all the same: sets changed in place, a workout's date alone.
  await asCore(bob.id, async (c) => {
    await c.query(
      `UPDATE workout_sets SET reps = CASE WHEN reps = 0 THEN 4 ELSE reps - 1 END, is_warmup = NOT is_warmup
       WHERE user_id = $1 AND position % 5 = 1`,
      [bob.id],
    )
    const w = await workoutAt(bob.id, 50)
    await c.query(`UPDATE workouts SET local_date = local_date - 9 WHERE id = $1`, [w.id])
  })
  await matchesRecompute(t, 'edited')
  await endpointsAgree(t, 'edited', TODAYS)
})

t.test(
  'two writers of one lifter at once, without core’s lock: the second waits for the first',
  async (t) => {
    const other = new pg.Client({
      host: fixtures.client.host,
      port: fixtures.client.port,
      user: fixtures.client.user,
      database: fixtures.client.database,
    })
    await other.connect()
    t.teardown(() => other.end())
    const write = async (c: pg.Client, start: string, kg: number) => {
      const id = randomUUID()
      await c.query(
        `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at) VALUES ($1, $2, $3, ($3::timestamptz AT TIME ZONE 'Pacific/Honolulu')::date, now())`,
        [id, dana.id, start],
      )
      await insertSets(c, dana.id, id, start, [
        { exercise: dana.exercises[0]!, reps: 5, kg },
        { exercise: dana.exercises[1]!, reps: 2, kg: kg + 10 },
      ])
    }
    await owner.query('BEGIN')
    await other.query('BEGIN')
    await write(owner, '2025-03-03T18:00:00Z', 500)
    const waiting = write(other, '2025-03-03T20:00:00Z', 600)
    await new Promise((resolve) => setTimeout(resolve, 200))
    await owner.query('COMMIT')
    await waiting
    await other.query('COMMIT')
    t.equal(
      await count(`SELECT workouts AS n FROM day_totals WHERE user_id = $1 AND local_date = '2025-03-03'`, [
        dana.id,
      ]),
      await count(
        `SELECT count(*)::int AS n FROM workouts WHERE user_id = $1 AND local_date = '2025-03-03'`,
        [dana.id],
      ),
      'both workouts counted on the day',
    )
    // A statement that writes for several lifters locks every one of them, not just the first.
    await owner.query('BEGIN')
    await owner.query(
      `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
     SELECT gen_random_uuid(), u, '2025-04-01T12:00:00Z', '2025-04-01', now() FROM unnest($1::uuid[]) AS u`,
      [[alice.id, bob.id, chandra.id]],
    )
    for (const l of [alice, bob, chandra]) {
      await t.rejects(
        other.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE NOWAIT', [l.id]),
        /could not obtain lock/,
        'the users row is locked by the writer',
      )
    }
    await owner.query('COMMIT')
    await matchesRecompute(t, 'concurrent')
    await endpointsAgree(t, 'concurrent', ['2026-01-15'])
  },
)

t.test('account deletion (sets, workouts, then the user) leaves no aggregate behind', async (t) => {
  await owner.query('BEGIN')
  await owner.query('DELETE FROM workout_sets WHERE user_id = $1', [dana.id])
  await owner.query('DELETE FROM workouts WHERE user_id = $1', [dana.id])
  await owner.query('DELETE FROM users WHERE id = $1', [dana.id])
  await owner.query('COMMIT')
  for (const table of [
    'exercise_sessions',
    'exercise_months',
    'day_totals',
    'lifter_totals',
    'exercise_rungs',
  ]) {
    t.equal(await count(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [dana.id]), 0, table)
  }
  lifters.pop()
  await matchesRecompute(t, 'after account deletion')
})
