// The migrations folder, the schema and the seed agree, and applying them is repeatable.
import fs from 'node:fs'
import t from 'tap'
import { seedDatabase } from '../../src/db/database.ts'
import { applyMigrations, pendingSchemaChange, schemaPath } from '../../src/db/schema-engine.ts'
import { createTestDatabase, queryDatabase } from '../support/database.ts'

const db = await createTestDatabase()
t.teardown(db.drop)

t.test(
  'schema.prisma and prisma/migrations describe the same database (run db:migration when this fails)',
  async (t) => {
    const pending = await pendingSchemaChange(db.url)
    t.equal(pending, '', `schema.prisma has changes no migration covers:\n${pending}`)
  },
)

t.test('a schema change without a migration is detected as drift', async (t) => {
  const schema = fs.readFileSync(schemaPath, 'utf8')
  const changed = schema.replace(
    '  notes     String?  @db.VarChar(4000)',
    '  notes     String?  @db.VarChar(4000)\n  mood      Int?',
  )
  t.not(changed, schema, 'the test edit applies')
  const pending = await pendingSchemaChange(db.url, changed)
  t.match(pending, /ALTER TABLE "workouts" ADD COLUMN\s+"mood" INTEGER/)
})

t.test('applying migrations again is a no-op and records them as the Prisma CLI does', async (t) => {
  t.same(await applyMigrations(db.url), [])
  const rows = await queryDatabase<{ migration_name: string; finished_at: Date | null }>(
    db.url,
    'SELECT migration_name, finished_at FROM _prisma_migrations',
  )
  t.ok(rows.length >= 1)
  for (const row of rows) {
    t.match(row.migration_name, /^\d{14}_[a-z0-9_]+$/, 'bare folder name')
    t.ok(row.finished_at, 'finished')
  }
})

t.test('the catalog seed is idempotent and has at least 60 built-in exercises', async (t) => {
  const before = await queryDatabase<{ n: number; newest: Date }>(
    db.url,
    'SELECT count(*)::int AS n, max(updated_at) AS newest FROM exercises WHERE owner_id IS NULL',
  )
  const result = await seedDatabase(db.url)
  t.equal(result.created, 0)
  t.equal(result.updated, 0)
  const after = await queryDatabase<{ n: number; newest: Date }>(
    db.url,
    'SELECT count(*)::int AS n, max(updated_at) AS newest FROM exercises WHERE owner_id IS NULL',
  )
  t.ok(before[0]!.n >= 60, `${before[0]!.n} built-ins`)
  t.same(after, before, 'nothing written')
})

t.test('the database refuses impossible sets and duplicate names whatever the code does', async (t) => {
  const [user] = await queryDatabase<{ id: string }>(
    db.url,
    `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES (gen_random_uuid(), 'Check_User', 'x', 'C', now()) RETURNING id`,
  )
  await t.rejects(
    queryDatabase(
      db.url,
      `INSERT INTO users (id, username, password_hash, display_name, updated_at)
      VALUES (gen_random_uuid(), 'check_user', 'x', 'C', now())`,
    ),
    /users_username_key/,
    'usernames are case-insensitive',
  )
  await queryDatabase(
    db.url,
    `INSERT INTO exercises (id, owner_id, name, category, muscle_group, equipment, updated_at)
    VALUES (gen_random_uuid(), $1, 'Zercher Squat', 'legs', 'quadriceps', 'barbell', now())`,
    [user!.id],
  )
  await t.rejects(
    queryDatabase(
      db.url,
      `INSERT INTO exercises (id, owner_id, name, category, muscle_group, equipment, updated_at)
      VALUES (gen_random_uuid(), $1, 'zercher squat', 'legs', 'quadriceps', 'barbell', now())`,
      [user!.id],
    ),
    /exercises_owner_id_name_key/,
  )
  const [workout] = await queryDatabase<{ id: string }>(
    db.url,
    `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
     VALUES (gen_random_uuid(), $1, now(), current_date, now()) RETURNING id`,
    [user!.id],
  )
  const insertSet = (reps: number, weight: number, rpe: number | null) =>
    queryDatabase(
      db.url,
      `INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, rpe)
      SELECT gen_random_uuid(), $1, id, $2, now(), 0, $3, $4, $5 FROM exercises WHERE catalog_key = 'barbell-bench-press'`,
      [workout!.id, user!.id, reps, weight, rpe],
    )
  await t.rejects(insertSet(-1, 100, null), /workout_sets_reps_range/)
  await t.rejects(insertSet(5, -2.5, null), /workout_sets_weight_range/)
  await t.rejects(insertSet(5, 100, 7.3), /workout_sets_rpe_steps/)
  await insertSet(5, 100.25, 8.5)
  const [set] = await queryDatabase<{ weight_kg: string }>(db.url, 'SELECT weight_kg FROM workout_sets')
  t.equal(Number(set!.weight_kg), 100.25, 'weight stored exactly')
})

t.test('the read-only login can SELECT but not write', async (t) => {
  const rows = await queryDatabase<{ n: number }>(db.readonlyUrl, 'SELECT count(*)::int AS n FROM exercises')
  t.ok(rows[0]!.n >= 60)
  // Read-write on purpose: the login's read-only default refuses first; the privileges must refuse too.
  const readWrite = 'BEGIN READ WRITE; '
  await t.rejects(queryDatabase(db.readonlyUrl, `${readWrite}DELETE FROM exercises`), /permission denied/)
  await t.rejects(
    queryDatabase(db.readonlyUrl, `${readWrite}UPDATE users SET display_name = 'x'`),
    /permission denied/,
  )
  await t.rejects(queryDatabase(db.readonlyUrl, 'DELETE FROM exercises'), /read-only transaction/)
})
