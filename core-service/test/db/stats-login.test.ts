// The stats login can read training data and nothing else: each write, each secret and each side door
// (temporary tables, functions, large objects, its own role) fails when tried as that login.
import pg from 'pg'
import t from 'tap'
import { parseDatabaseUrl } from '../../src/db/connection.ts'
import { createTestDatabase, queryDatabase } from '../support/database.ts'

t.test('as the stats login: reads work, writes, secrets and side doors fail', async (t) => {
  const db = await createTestDatabase()
  t.teardown(() => db.drop())
  const [user] = await queryDatabase<{ id: string }>(
    db.url,
    `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES (gen_random_uuid(), 'stats_login_probe', 'argon2-hash', 'Probe', now()) RETURNING id`,
  )
  await queryDatabase(
    db.url,
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix) VALUES (gen_random_uuid(), $1, 't', $2, 'll_x')`,
    [user!.id, 'a'.repeat(64)],
  )
  const client = new pg.Client(parseDatabaseUrl(db.readonlyUrl))
  await client.connect()
  t.teardown(() => client.end())
  const run = (sql: string) => client.query(sql)

  t.equal((await run('SHOW default_transaction_read_only')).rows[0].default_transaction_read_only, 'on')
  const read = await run(
    `SELECT time_zone, unit, data_version FROM users WHERE username = 'stats_login_probe'`,
  )
  t.same(read.rows, [{ time_zone: 'UTC', unit: 'kg', data_version: 0 }], 'what stats needs stays readable')
  t.ok((await run('SELECT count(*) FROM workout_sets')).rows[0], 'training data is readable')
  t.ok((await run('SELECT count(*) FROM body_weights')).rows[0], 'body weights are readable (the trend)')

  const refused: [string, string, RegExp][] = [
    ['password hashes', 'SELECT password_hash FROM users', /permission denied/],
    ['whole user rows', 'SELECT * FROM users', /permission denied/],
    ['token hashes', 'SELECT token_hash FROM api_tokens', /permission denied/],
    ['any token column', 'SELECT id FROM api_tokens', /permission denied/],
    ['UPDATE', 'UPDATE users SET data_version = data_version + 1', /permission denied|read-only/],
    [
      'INSERT',
      `INSERT INTO exercises (id, name) VALUES (gen_random_uuid(), 'x')`,
      /permission denied|read-only/,
    ],
    ['DELETE of body weights', 'DELETE FROM body_weights', /permission denied|read-only/],
    ['DELETE', 'DELETE FROM workout_sets', /permission denied|read-only/],
    ['TRUNCATE', 'TRUNCATE workouts', /permission denied|read-only/],
    ['temporary tables', 'CREATE TEMP TABLE loot (x int)', /permission denied|read-only/],
    [
      'functions in public',
      'CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      /permission denied|read-only/,
    ],
    [
      'functions in pg_temp',
      'CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      /permission denied|read-only/,
    ],
    ['large objects', 'SELECT lo_create(0)', /permission denied|read-only/],
    ['large objects from bytes', `SELECT lo_from_bytea(0, 'x')`, /permission denied|read-only/],
    ['its own password', `ALTER ROLE CURRENT_USER PASSWORD 'taken-over'`, /read-only/],
    ['its own settings', `ALTER ROLE CURRENT_USER SET work_mem = '1GB'`, /read-only/],
  ]
  for (const [what, sql, error] of refused) await t.rejects(run(sql), error, what)

  // The read-only default is only a default; what must never work does not depend on it.
  await run('SET default_transaction_read_only = off')
  for (const [what, sql] of [
    ['password hashes', 'SELECT password_hash FROM users'],
    ['token hashes', 'SELECT token_hash FROM api_tokens'],
    ['UPDATE', 'UPDATE users SET data_version = data_version + 1'],
    ['DELETE', 'DELETE FROM workout_sets'],
    ['temporary tables', 'CREATE TEMP TABLE loot (x int)'],
    ['functions in pg_temp', 'CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'],
    ['large objects', 'SELECT lo_create(0)'],
  ] as const) {
    await t.rejects(run(sql), /permission denied/, `${what}, even in a read-write transaction`)
  }
})
