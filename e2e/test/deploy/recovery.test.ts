// The bad day, against a brand-new PostgreSQL server this test starts: restore a backup into an empty
// server (roles and stats' login included, via the documented restore-then-migrate), roll back an
// upgrade whose migration added a foreign key by restoring the pre-upgrade dump, and a failed migration
// reported with PostgreSQL's error and cleared with `migrate status` / `migrate resolve`.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  applyMigrations,
  ensureReadonlyLogin,
  migrationStatus,
  migrationsDir,
  seedDatabase,
  withDatabase,
  withUser,
} from '@liftlog/core-service/db'
import { createTestDatabase, queryDatabase } from '@liftlog/core-service/testing'
import t from 'tap'
import { startEmptyServer } from '../../support/empty-postgres.ts'
import { repoRoot } from '../../support/k8s-tools.ts'
import { type K8sObject, k8sDir, loadManifestFiles } from '../../support/manifests.ts'

const scripts = loadManifestFiles([path.join(k8sDir, '60-backup.yaml')])
  .map((m) => m.object)
  .find((o: K8sObject) => o.kind === 'ConfigMap' && o.metadata.name === 'backup-scripts')?.data as Record<
  string,
  string
>
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-recovery-'))
const backups = path.join(work, 'backups')
fs.mkdirSync(backups)
for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(work, name), body)

// Port 44010 is this project's (issue 13's) range for scratch servers.
const server = startEmptyServer(Number(process.env.RECOVERY_PG_PORT ?? 44010))
t.teardown(() => {
  server.stop()
  fs.rmSync(work, { recursive: true, force: true })
})

function run(argv: string[], env: Record<string, string>, cwd = work) {
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd,
    env: { PATH: process.env.PATH ?? '', BACKUP_DIR: backups, ...env },
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  )
}
const backup = (databaseUrl: string) =>
  run(['sh', path.join(work, 'backup.sh')], { DATABASE_URL: databaseUrl })
const restore = (databaseUrl: string, ...args: string[]) =>
  run(['sh', path.join(work, 'restore.sh'), ...args], { DATABASE_URL: databaseUrl })
const newestDump = () =>
  fs
    .readdirSync(backups)
    .filter((f) => f.endsWith('.dump'))
    .sort()
    .at(-1) as string

async function createDatabase(name: string): Promise<string> {
  await queryDatabase(server.url, `CREATE DATABASE ${name}`)
  return withDatabase(server.url, name)
}

/** What the migrate Job does (its command is run as shipped by database-jobs.test.ts). */
async function migrateJob(databaseUrl: string, statsUser: string, dir = migrationsDir) {
  const applied = await applyMigrations(databaseUrl, dir)
  await seedDatabase(databaseUrl)
  await ensureReadonlyLogin(databaseUrl, statsUser, 'stats-password')
  return applied
}

/** A copy of the migrations folder plus one more migration, as the next release would ship it. */
function upgradeDir(name: string, sql: string): string {
  const dir = fs.mkdtempSync(path.join(work, 'migrations-'))
  fs.cpSync(migrationsDir, dir, { recursive: true })
  fs.mkdirSync(path.join(dir, name))
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql)
  return dir
}

const tables = async (url: string) =>
  (
    await queryDatabase<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
  ).map((r) => r.tablename)

t.test('a backup restores into an empty server; the migrate Job then gives stats its login', async (t) => {
  const source = await createTestDatabase()
  t.teardown(source.drop)
  await queryDatabase(
    source.url,
    `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES (gen_random_uuid(), 'disaster-lifter', 'x', 'Disaster Lifter', now())`,
  )
  const dumped = await backup(source.url)
  t.equal(dumped.code, 0, dumped.output)

  // The new server has nothing but its superuser and an empty database: no liftlog_readonly, no stats login.
  const target = await createDatabase('liftlog_dr')
  const [role] = await queryDatabase(server.url, "SELECT 1 FROM pg_roles WHERE rolname = 'liftlog_readonly'")
  t.notOk(role, 'the read-only role does not exist yet')

  // A bare file name is looked up in BACKUP_DIR.
  const restored = await restore(target, newestDump())
  t.equal(restored.code, 0, restored.output)
  t.match(restored.output, /now run the migrate Job/, 'the script says what comes next')
  const lifters = await queryDatabase(target, "SELECT 1 FROM users WHERE username = 'disaster-lifter'")
  t.equal(lifters.length, 1, 'the lifter is back')

  t.same(await migrateJob(target, 'liftlog_stats'), [], 'the restored schema is current: nothing to apply')
  const statsUrl = withUser(target, 'liftlog_stats', 'stats-password')
  const [count] = await queryDatabase<{ n: number }>(statsUrl, 'SELECT count(*)::int AS n FROM users')
  t.equal(count?.n, 1, "stats' login reads the restored rows")
  await t.rejects(
    queryDatabase(statsUrl, "UPDATE users SET display_name = 'x'"),
    /read-only transaction/,
    'and still only reads',
  )
  await t.rejects(
    queryDatabase(statsUrl, "BEGIN READ WRITE; UPDATE users SET display_name = 'x'"),
    /permission denied/,
    'not even in a transaction it asks to be read-write',
  )
})

t.test(
  'restoring the pre-upgrade dump rolls back an upgrade whose migration added a foreign key',
  async (t) => {
    const url = await createDatabase('liftlog_upgrade')
    await migrateJob(url, 'liftlog_stats_upgrade')
    await queryDatabase(
      url,
      `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES ('00000000-0000-4000-8000-000000000001', 'upgrade-lifter', 'x', 'Upgrade Lifter', now())`,
    )
    const before = await backup(url)
    t.equal(before.code, 0, before.output)
    const preUpgrade = newestDump()

    const upgrade = upgradeDir(
      '29990101000000_waist_measurements',
      `CREATE TABLE "waist_measurements" (
       "id" UUID PRIMARY KEY, "user_id" UUID NOT NULL, "kg" DECIMAL(5,1) NOT NULL,
       CONSTRAINT "waist_measurements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE);
     INSERT INTO "waist_measurements" VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 80.5);`,
    )
    t.same(await applyMigrations(url, upgrade), ['29990101000000_waist_measurements'], 'the upgrade applies')
    t.ok((await tables(url)).includes('waist_measurements'))

    const rolledBack = await restore(url, path.join(backups, preUpgrade))
    t.equal(rolledBack.code, 0, rolledBack.output)
    t.notOk((await tables(url)).includes('waist_measurements'), 'the table the upgrade added is gone')
    const names = (await migrationStatus(url, upgrade)).map((m) => `${m.state} ${m.name}`)
    t.match(names.at(-1), 'pending 29990101000000_waist_measurements', 'and the upgrade is pending again')
    const statsUrl = withUser(url, 'liftlog_stats_upgrade', 'stats-password')
    t.equal((await queryDatabase(statsUrl, 'SELECT 1 FROM users')).length, 1, 'stats still reads')

    // The fixed release upgrades the rolled-back database cleanly.
    t.same(
      await applyMigrations(url, upgrade),
      ['29990101000000_waist_measurements'],
      'the upgrade applies again',
    )
  },
)

t.test('a restore that fails part-way changes nothing', async (t) => {
  const url = await createDatabase('liftlog_torn')
  await migrateJob(url, 'liftlog_stats_torn')
  await queryDatabase(
    url,
    `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES (gen_random_uuid(), 'kept-lifter', 'x', 'Kept', now())`,
  )
  const good = fs.readFileSync(path.join(backups, newestDump()))
  const torn = path.join(backups, 'liftlog-29990101T000000Z-torn.dump')
  fs.writeFileSync(torn, good.subarray(0, Math.floor(good.length * 0.6)))
  const result = await restore(url, torn)
  t.not(result.code, 0, result.output)
  t.equal((await queryDatabase(url, "SELECT 1 FROM users WHERE username = 'kept-lifter'")).length, 1)
  fs.rmSync(torn)
})

t.test('a failed migration is reported with its SQL error and resolved from the CLI', async (t) => {
  const url = await createDatabase('liftlog_failed')
  await migrateJob(url, 'liftlog_stats_failed')
  const broken = upgradeDir(
    '29990101000000_broken',
    'ALTER TABLE "workouts" ADD COLUMN "x" INT REFERENCES "nope"("id");',
  )
  await t.rejects(
    applyMigrations(url, broken),
    /migration 29990101000000_broken failed: relation "nope" does not exist.*migrate resolve/,
    'the error names the migration and carries PostgreSQL’s message',
  )
  await t.rejects(
    applyMigrations(url, broken),
    /failed migrations|P3009|29990101000000_broken/,
    'it blocks later runs',
  )

  // The image's CLI (core-service/src/db/cli.ts, as `migrate status` / `migrate resolve` in a pod).
  const cli = (...args: string[]) =>
    run(
      ['node', '--import', 'tsx', 'src/db/cli.ts', 'migrate', ...args],
      { DATABASE_URL: url },
      path.join(repoRoot, 'core-service'),
    )
  const status = await cli('status')
  t.equal(status.code, 1, 'status exits non-zero while a migration has failed')
  t.match(status.output, /failed\s+29990101000000_broken/)
  t.match(status.output, /nope/, 'with the error the engine recorded')
  const refused = await cli('resolve', '--rolled-back', '20261123183950_init')
  t.not(refused.code, 0, 'an applied migration is not "resolved"')
  const resolved = await cli('resolve', '--rolled-back', '29990101000000_broken')
  t.equal(resolved.code, 0, resolved.output)
  const after = await cli('status')
  t.equal(after.code, 0, after.output)
  t.match(after.output, /rolled back\s+29990101000000_broken[\s\S]*up to date/)
})
