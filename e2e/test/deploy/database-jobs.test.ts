// The database jobs exactly as k8s/ ships them, run here against the real PostgreSQL: the migration
// Job (migrate + seed + stats' read-only login) in the core image's file tree and the pods'
// wait-for-schema init container.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { withDatabase, withUser } from '@liftlog/core-service/db'
import { queryDatabase, testServerUrl } from '@liftlog/core-service/testing'
import pg from 'pg'
import t from 'tap'
import { finalStage, layOutImage, parseDockerfile } from '../../support/dockerfile.ts'
import { repoRoot } from '../../support/k8s-tools.ts'
import { type K8sObject, k8sDir, loadManifestFiles } from '../../support/manifests.ts'

const manifests = loadManifestFiles([
  path.join(k8sDir, '20-migrate-job.yaml'),
  path.join(k8sDir, '30-stats.yaml'),
]).map((m) => m.object)
const byKind = (kind: string, name: string) =>
  manifests.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject
const migrateContainer = byKind('Job', 'migrate').spec.template.spec.containers[0]
const waitContainer = byKind('Deployment', 'stats').spec.template.spec.initContainers[0]

// The core image's files (the migration Job and the init container use the core image).
const dockerfile = fs.readFileSync(path.join(repoRoot, 'core-service/Dockerfile'), 'utf8')
const image = finalStage(dockerfile)
const tree = layOutImage(image, parseDockerfile(dockerfile).stages)
t.teardown(() => tree.remove())
const cwd = tree.hostPath(image.workdir)

const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 7)}`
const dbName = `liftlog_deploy_${suffix}`
const statsUser = `liftlog_stats_deploy_${suffix}`
const statsPassword = `pw-${suffix}`
const ownerUrl = withDatabase(testServerUrl, dbName)
const statsUrl = withUser(ownerUrl, statsUser, statsPassword)

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: testServerUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
t.teardown(async () => {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin(`DROP ROLE IF EXISTS ${statsUser}`)
})

interface Run {
  code: number | null
  output: string
}
function run(
  argv: string[],
  env: Record<string, string>,
  workdir = cwd,
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: workdir,
    env: { PATH: process.env.PATH ?? '', ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const done = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, output })))
  return { child, done }
}
const commandOf = (container: K8sObject) => [...(container.command ?? []), ...(container.args ?? [])]

t.test('pods wait in wait-for-schema while the database is not migrated', async (t) => {
  const waiting = run(commandOf(waitContainer), { DATABASE_URL: statsUrl })
  await new Promise((r) => setTimeout(r, 3_000))
  t.equal(waiting.child.exitCode, null, 'still waiting after 3 s')
  waiting.child.kill('SIGKILL')
  t.match((await waiting.done).output, /waiting for the database/)
})

t.test('the migration Job migrates, seeds and provisions the read-only login', async (t) => {
  const env = { DATABASE_URL: ownerUrl, STATS_DATABASE_URL: statsUrl }
  const first = await run(commandOf(migrateContainer), env).done
  t.equal(first.code, 0, first.output)
  t.match(first.output, /created the database/)
  t.match(first.output, /applied: 20\d+_init/)
  t.match(first.output, /exercise catalog: \d+ created/)
  t.match(first.output, new RegExp(`read-only login ${statsUser} is ready`))

  const [catalog] = await queryDatabase<{ count: string }>(statsUrl, 'SELECT count(*) FROM exercises')
  const count = Number(catalog?.count)
  t.ok(count > 50, `stats' login reads the seeded catalog (${count} exercises)`)
  await t.rejects(
    queryDatabase(statsUrl, `UPDATE exercises SET name = name || '!'`),
    /read-only transaction/,
    'and cannot write',
  )
  await t.rejects(
    queryDatabase(statsUrl, `BEGIN READ WRITE; UPDATE exercises SET name = name || '!'`),
    /permission denied/,
    'not even in a transaction it asks to be read-write: it has no UPDATE privilege',
  )

  // Recorded exactly as `prisma migrate deploy` would: the CLI compares these checksums.
  const rows = await queryDatabase<{ migration_name: string; checksum: string }>(
    ownerUrl,
    'SELECT migration_name, checksum FROM _prisma_migrations',
  )
  for (const row of rows) {
    const sql = fs.readFileSync(
      path.join(repoRoot, 'core-service/prisma/migrations', row.migration_name, 'migration.sql'),
    )
    t.equal(row.checksum, createHash('sha256').update(sql).digest('hex'), `${row.migration_name} checksum`)
  }
})

t.test('wait-for-schema lets pods start once every migration is applied', async (t) => {
  const waited = await run(commandOf(waitContainer), { DATABASE_URL: statsUrl }).done
  t.equal(waited.code, 0, waited.output)
  t.match(waited.output, /database schema is current/)
})
