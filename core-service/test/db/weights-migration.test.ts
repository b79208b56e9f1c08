// The weights-as-typed migration on a database made with the previous migration: every set survives,
// lb lifters' kilograms are recognised as the lb weights they typed, and nothing else moves.
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import t from 'tap'
import { parseDatabaseUrl, withDatabase } from '../../src/db/connection.ts'
import { withAdminClient } from '../../src/db/database.ts'
import { migrationsDir } from '../../src/db/schema-engine.ts'
import { testServerUrl } from '../support/database.ts'

const sql = (folder: string) => fs.readFileSync(path.join(migrationsDir, folder, 'migration.sql'), 'utf8')
const name = `liftlog_wm_${process.pid}_${Math.random().toString(36).slice(2, 8)}`

t.test(
  'existing sets move over: 83.91 kg of a lb lifter becomes 185 lb, everything else stays',
  async (t) => {
    await withAdminClient(testServerUrl, (admin) =>
      admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`),
    )
    t.teardown(() =>
      withAdminClient(testServerUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      ),
    )
    const client = new pg.Client(parseDatabaseUrl(withDatabase(testServerUrl, name)))
    await client.connect()
    t.teardown(() => client.end())
    await client.query(sql('20261123183950_init'))

    const user = async (unit: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO users (id, username, password_hash, display_name, unit, updated_at)
         VALUES (gen_random_uuid(), $1, 'x', 'L', $2, now()) RETURNING id`,
          [`lifter_${unit}`, unit],
        )
      ).rows[0]!.id
    const lb = await user('lb')
    const kg = await user('kg')
    const [exercise] = (
      await client.query<{ id: string }>(
        `INSERT INTO exercises (id, owner_id, name, category, muscle_group, equipment, updated_at)
       VALUES (gen_random_uuid(), $1, 'Squat', 'legs', 'quadriceps', 'barbell', now()) RETURNING id`,
        [lb],
      )
    ).rows
    // Kilograms as the previous code stored them (typed value × 0.45359237, rounded to 0.01 kg).
    const stored: Record<string, string[]> = {
      [lb]: ['83.91', '62.37', '61.23', '102.06', '0.00', '100.00', '7.94'],
      [kg]: ['83.91', '61.25', '100.00'],
    }
    for (const [userId, weights] of Object.entries(stored)) {
      const [workout] = (
        await client.query<{ id: string }>(
          `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
         VALUES (gen_random_uuid(), $1, now(), current_date, now()) RETURNING id`,
          [userId],
        )
      ).rows
      for (const [position, weight] of weights.entries()) {
        await client.query(
          `INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg)
         VALUES (gen_random_uuid(), $1, $2, $3, now(), $4, 5, $5)`,
          [workout!.id, exercise!.id, userId, position, weight],
        )
      }
    }

    await client.query(sql('20261202131420_weights_as_typed'))

    const rows = async (userId: string) =>
      (
        await client.query<{ weight_kg: string; weight_unit: string; lb: string }>(
          `SELECT weight_kg::text, weight_unit::text, round(weight_kg / 0.45359237, 2)::text AS lb
         FROM workout_sets WHERE user_id = $1 ORDER BY position`,
          [userId],
        )
      ).rows.map((r) =>
        r.weight_unit === 'lb'
          ? `${Number(r.lb)} lb = ${Number(r.weight_kg)} kg`
          : `${Number(r.weight_kg)} kg`,
      )
    t.same(await rows(lb), [
      '185 lb = 83.91458845 kg',
      '137.5 lb = 62.368950875 kg',
      '135 lb = 61.23496995 kg',
      '225 lb = 102.05828325 kg',
      '0 lb = 0 kg',
      '100 kg', // no plate-like lb weight rounds to 100.00 kg: kept as stored
      '17.5 lb = 7.937866475 kg',
    ])
    t.same(await rows(kg), ['83.91 kg', '61.25 kg', '100 kg'], 'a kg lifter’s sets stay exactly as stored')
    const versions = await client.query<{ unit: string; data_version: number }>(
      'SELECT unit::text, data_version FROM users ORDER BY unit',
    )
    t.same(
      versions.rows,
      [
        { unit: 'kg', data_version: 0 },
        { unit: 'lb', data_version: 1 },
      ],
      'stats caches of lb lifters are invalidated',
    )
    await t.rejects(
      client.query(`UPDATE workout_sets SET weight_unit = 'lb', weight_kg = 83.91 WHERE user_id = $1`, [kg]),
      /workout_sets_weight_as_typed/,
      '83.91 kg is no lb weight with two decimals',
    )
    await t.rejects(
      client.query(`UPDATE workout_sets SET weight_kg = 61.255 WHERE user_id = $1`, [kg]),
      /workout_sets_weight_as_typed/,
      'three decimals of kg are refused',
    )
  },
)

t.test('workouts learn the zone they were logged in where their local date shows it', async (t) => {
  const other = `${name}_tz`
  await withAdminClient(testServerUrl, (admin) =>
    admin.query(`CREATE DATABASE ${pg.escapeIdentifier(other)}`),
  )
  t.teardown(() =>
    withAdminClient(testServerUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(other)} WITH (FORCE)`),
    ),
  )
  const client = new pg.Client(parseDatabaseUrl(withDatabase(testServerUrl, other)))
  await client.connect()
  t.teardown(() => client.end())
  await client.query(sql('20261123183950_init'))
  await client.query(sql('20261202131420_weights_as_typed'))
  const [user] = (
    await client.query<{ id: string }>(
      `INSERT INTO users (id, username, password_hash, display_name, time_zone, updated_at)
       VALUES (gen_random_uuid(), 'mover', 'x', 'M', 'Pacific/Honolulu', now()) RETURNING id`,
    )
  ).rows
  // 20:00 UTC on 3 Apr: 3 Apr in Honolulu (logged there), or 4 Apr (logged in Chatham before a move).
  for (const localDate of ['2026-04-03', '2026-04-04']) {
    await client.query(
      `INSERT INTO workouts (id, user_id, started_at, local_date, title, updated_at)
       VALUES (gen_random_uuid(), $1, '2026-04-03T20:00:00Z', $2::date, $2::text, now())`,
      [user!.id, localDate],
    )
  }
  await client.query(sql('20261202134635_workout_time_zone'))
  const rows = await client.query<{ title: string; time_zone: string | null }>(
    'SELECT title, time_zone FROM workouts ORDER BY title',
  )
  t.same(rows.rows, [
    { title: '2026-04-03', time_zone: 'Pacific/Honolulu' },
    { title: '2026-04-04', time_zone: null },
  ])
})
