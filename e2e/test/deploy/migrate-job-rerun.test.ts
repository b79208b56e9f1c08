// The migration Job, exactly as k8s/ ships it, run again on a database that is already migrated and
// seeded (every upgrade does this): nothing to apply, nothing to seed, the stats login updated in place.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ensureReadonlyLogin, withUser } from '@liftlog/core-service/db'
import { createTestDatabase, queryDatabase, testServerUrl } from '@liftlog/core-service/testing'
import pg from 'pg'
import t from 'tap'
import { finalStage, layOutImage, parseDockerfile } from '../../support/dockerfile.ts'
import { repoRoot } from '../../support/k8s-tools.ts'
import { k8sDir, loadManifestFiles } from '../../support/manifests.ts'

const job = loadManifestFiles([path.join(k8sDir, '20-migrate-job.yaml')])[0]?.object
const container = job?.spec.template.spec.containers[0]
const dockerfile = fs.readFileSync(path.join(repoRoot, 'core-service/Dockerfile'), 'utf8')
const image = finalStage(dockerfile)
const tree = layOutImage(image, parseDockerfile(dockerfile).stages)
t.teardown(() => tree.remove())
const db = await createTestDatabase()
const statsUser = `liftlog_stats_rerun_${process.pid}`
t.teardown(async () => {
  await db.drop()
  const admin = new pg.Client({ connectionString: testServerUrl })
  await admin.connect()
  await admin.query(`DROP ROLE IF EXISTS ${statsUser}`)
  await admin.end()
})

t.test('re-running the migration Job on a current database changes nothing and succeeds', async (t) => {
  // The login exists already (from the previous release); the Job must update it in place.
  await ensureReadonlyLogin(db.url, statsUser, 'first-password')
  const statsUrl = withUser(db.url, statsUser, 'rotated-password')
  const child = spawn(container.command[0], container.command.slice(1), {
    cwd: tree.hostPath(image.workdir),
    env: { PATH: process.env.PATH ?? '', ...image.env, DATABASE_URL: db.url, STATS_DATABASE_URL: statsUrl },
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  t.equal(code, 0, output)
  t.match(output, /already up to date/)
  t.match(output, /exercise catalog: 0 created, 0 updated, \d+ unchanged/)
  t.match(output, new RegExp(`read-only login ${statsUser} is ready`))
  const rows = await queryDatabase<{ count: string }>(statsUrl, 'SELECT count(*) FROM exercises')
  t.ok(Number(rows[0]?.count) > 50, 'the login still reads')
})
