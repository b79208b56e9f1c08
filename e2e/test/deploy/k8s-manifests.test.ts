// k8s/: the plain manifests are exactly what the chart renders for them, validate against the
// Kubernetes schemas, hold the deployment invariants, and the Secret template covers every key read.
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '@liftlog/service-kit'
import t from 'tap'
import { CoreConfigSchema } from '../../../core-service/src/config.ts'
import { invariantOptions } from '../../support/deploy-expectations.ts'
import { checkInvariants } from '../../support/invariants.ts'
import { k8sDir, k8sFiles, loadManifestFiles, validateManifest } from '../../support/manifests.ts'
import { renderK8sFiles } from '../../support/render-k8s.ts'

const applied = k8sFiles()
const optional = k8sFiles(path.join(k8sDir, 'optional'))
const examples = k8sFiles(path.join(k8sDir, 'examples'))
const secretTemplate = loadManifestFiles([path.join(k8sDir, 'examples', 'secret.yaml')])[0]?.object

t.test('k8s/ is what the chart renders (npm run render:k8s -w e2e)', async (t) => {
  const rendered = await renderK8sFiles()
  const committed = [...applied, ...optional].map((file) => path.relative(k8sDir, file)).sort()
  t.same(committed, [...rendered.keys()].sort(), 'the same files')
  for (const [file, content] of rendered) {
    t.equal(fs.readFileSync(path.join(k8sDir, file), 'utf8'), content, `k8s/${file} is up to date`)
  }
})

t.test('every file in k8s/ validates against the Kubernetes schemas', async (t) => {
  const manifests = loadManifestFiles([...applied, ...optional, ...examples])
  t.ok(manifests.length > 20, `${manifests.length} objects`)
  const problems = (await Promise.all(manifests.map(validateManifest))).flat()
  t.same(problems, [])
})

t.test('k8s/ applies in a workable order and holds the invariants', async (t) => {
  const manifests = loadManifestFiles([
    ...applied,
    ...optional,
    path.join(k8sDir, 'examples', 'restore-job.yaml'),
  ])
  t.equal(manifests[0]?.object.kind, 'Namespace', 'the Namespace comes first')
  const secretKeys = Object.keys(secretTemplate?.stringData ?? {})
  t.same(checkInvariants(manifests, invariantOptions({ 'liftlog-secrets': secretKeys })), [])
  const job = manifests.find((m) => m.object.kind === 'Job' && m.object.metadata.name === 'migrate')?.object
  t.notOk(job?.metadata.annotations, 'a plain Job, not a Helm hook')
  t.notOk(
    manifests.some((m) => m.object.metadata.labels?.['app.kubernetes.io/managed-by'] === 'Helm'),
    'managed by kubectl, not Helm',
  )
})

t.test('the Secret template names every key and, left unchanged, is refused at start-up', async (t) => {
  t.equal(secretTemplate?.kind, 'Secret')
  t.equal(secretTemplate?.metadata.name, 'liftlog-secrets')
  const values = secretTemplate?.stringData as Record<string, string>
  for (const [key, value] of Object.entries(values)) t.match(value, /CHANGE-ME/, `${key} is a placeholder`)
  t.throws(
    () => loadConfig(CoreConfigSchema, { ...values, HOST: '0.0.0.0' }),
    /SECRET_KEY/,
    'core refuses the placeholder SECRET_KEY instead of running with it',
  )
  t.equal(
    decodeURIComponent(new URL(values.DATABASE_URL as string).password),
    values.POSTGRES_PASSWORD,
    'DATABASE_URL uses the POSTGRES_PASSWORD placeholder',
  )
})
