// The backup CronJob's script exactly as k8s/ ships it (ConfigMap backup-scripts), run here against the
// real PostgreSQL: a compressed dump, pruning past the retention, and the documented restore (the
// k8s/examples/restore-job.yaml command) over the live database and into an empty one.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { withDatabase } from '@liftlog/core-service/db'
import { createTestDatabase, queryDatabase, testServerUrl } from '@liftlog/core-service/testing'
import pg from 'pg'
import t from 'tap'
import { type K8sObject, k8sDir, loadManifestFiles } from '../../support/manifests.ts'

const manifests = loadManifestFiles([
  path.join(k8sDir, '60-backup.yaml'),
  path.join(k8sDir, 'examples', 'restore-job.yaml'),
]).map((m) => m.object)
const byKind = (kind: string, name: string) =>
  manifests.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject
const backupContainer = byKind('CronJob', 'backup').spec.jobTemplate.spec.template.spec.containers[0]
const restoreContainer = byKind('Job', 'restore').spec.template.spec.containers[0]
const scripts = byKind('ConfigMap', 'backup-scripts').data as Record<string, string>

const db = await createTestDatabase()
const restoredName = `${db.name}_restored`
t.teardown(async () => {
  await db.drop()
  const client = new pg.Client({ connectionString: testServerUrl })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`)
  await client.end()
})

function run(argv: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(argv[0] as string, argv.slice(1), { env: { PATH: process.env.PATH ?? '', ...env } })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

const commandOf = (container: K8sObject): string[] => [
  ...(container.command ?? []),
  ...(container.args ?? []),
]

t.test('the backup CronJob script dumps and prunes; the documented restore brings data back', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-backups-'))
  const scriptsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-scripts-'))
  t.teardown(() => {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(scriptsDir, { recursive: true, force: true })
  })
  for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(scriptsDir, name), body)
  // The containers run /scripts/… (the ConfigMap's mount); here its files live in scriptsDir.
  const localCommand = (container: K8sObject) =>
    commandOf(container).map((arg) => arg.replace('/scripts/', `${scriptsDir}/`))
  const cronEnv = Object.fromEntries(
    backupContainer.env.filter((e: K8sObject) => 'value' in e).map((e: K8sObject) => [e.name, e.value]),
  )
  t.equal(cronEnv.BACKUP_RETENTION_DAYS, '7', 'seven days of backups are kept')

  await queryDatabase(
    db.url,
    `INSERT INTO users (id, username, password_hash, display_name, updated_at)
     VALUES (gen_random_uuid(), 'backup-lifter', 'x', 'Backup Lifter', now())`,
  )
  const old = path.join(dir, 'liftlog-20200101T030000Z.dump')
  const recent = path.join(dir, 'liftlog-20200102T030000Z.dump')
  for (const [file, days] of [
    [old, 8],
    [recent, 3],
  ] as const) {
    fs.writeFileSync(file, 'stale')
    const when = new Date(Date.now() - days * 86_400_000)
    fs.utimesSync(file, when, when)
  }

  const backup = await run(localCommand(backupContainer), {
    ...cronEnv,
    BACKUP_DIR: dir,
    DATABASE_URL: db.url,
  })
  t.equal(backup.code, 0, backup.output)
  const dumps = fs.readdirSync(dir).sort()
  t.notOk(dumps.includes(path.basename(old)), 'a dump older than 7 days is removed')
  t.ok(dumps.includes(path.basename(recent)), 'a 3-day-old dump is kept')
  const fresh = dumps.find((f) => /^liftlog-\d{8}T\d{6}Z\.dump$/.test(f) && f !== path.basename(recent))
  t.ok(fresh, `today's dump is written (${fresh})`)
  t.notOk(
    dumps.some((f) => f.endsWith('.partial')),
    'no half-written file is left',
  )
  t.equal(
    fs
      .readFileSync(path.join(dir, fresh as string))
      .subarray(0, 5)
      .toString(),
    'PGDMP',
    'custom (compressed) format',
  )

  // The restore procedure (README): with core and stats stopped, the restore Job runs restore.sh over
  // the live database; by default it picks the newest dump.
  await queryDatabase(db.url, `DELETE FROM users WHERE username = 'backup-lifter'`)
  const restored = await run(localCommand(restoreContainer), { BACKUP_DIR: dir, DATABASE_URL: db.url })
  t.equal(restored.code, 0, restored.output)
  t.match(restored.output, new RegExp(`restored .*${fresh}`), 'the newest dump is chosen by default')
  const users = await queryDatabase(db.url, `SELECT 1 FROM users WHERE username = 'backup-lifter'`)
  t.equal(users.length, 1, 'the deleted lifter is back')
  const readable = await queryDatabase<{ count: string }>(db.readonlyUrl, 'SELECT count(*) FROM users')
  t.equal(readable[0]?.count, '1', "stats' read-only access survives the restore")

  // …and into a new, empty database (disaster recovery), naming the dump explicitly.
  const client = new pg.Client({ connectionString: testServerUrl })
  await client.connect()
  await client.query(`CREATE DATABASE ${restoredName}`)
  await client.end()
  const target = withDatabase(testServerUrl, restoredName)
  const intoEmpty = await run([...localCommand(restoreContainer), path.join(dir, fresh as string)], {
    BACKUP_DIR: dir,
    DATABASE_URL: target,
  })
  t.equal(intoEmpty.code, 0, intoEmpty.output)
  const [restoredCount] = await queryDatabase<{ count: string }>(target, 'SELECT count(*) FROM exercises')
  const [originalCount] = await queryDatabase<{ count: string }>(db.url, 'SELECT count(*) FROM exercises')
  t.equal(restoredCount?.count, originalCount?.count, 'every exercise is restored')
  const lifters = await queryDatabase(target, `SELECT 1 FROM users WHERE username = 'backup-lifter'`)
  t.equal(lifters.length, 1, 'and every lifter')
})
