// k8s/: the plain manifests are exactly what the chart renders for them, validate against the
// Kubernetes schemas, hold the deployment invariants, and the Secret template covers every key read.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '@liftlog/service-kit'
import t from 'tap'
import { parse } from 'yaml'
import { CoreConfigSchema } from '../../../core-service/src/config.ts'
import { invariantOptions } from '../../support/deploy-expectations.ts'
import { checkInvariants } from '../../support/invariants.ts'
import { k8sTool } from '../../support/k8s-tools.ts'
import { chartDir, k8sDir, k8sFiles, loadManifestFiles, validateManifest } from '../../support/manifests.ts'
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

t.test('k8s/kustomization.yaml lists every manifest and is the one place to set the images', async (t) => {
  const kustomization = parse(fs.readFileSync(path.join(k8sDir, 'kustomization.yaml'), 'utf8'))
  t.same(
    kustomization.resources,
    applied.map((file) => path.basename(file)),
    'every numbered file, in order',
  )
  const used = new Set<string>()
  for (const { object } of loadManifestFiles(applied)) {
    const spec = object.spec?.jobTemplate?.spec?.template?.spec ?? object.spec?.template?.spec
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])])
      used.add(c.image.split(':')[0])
  }
  const ours = [...used].filter((image) => image.includes('/liftlog-')).sort()
  t.same(
    kustomization.images.map((i: { name: string }) => i.name).sort(),
    ours,
    'images: names both LiftLog images as the manifests spell them',
  )
  const chart = parse(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'))
  for (const image of kustomization.images)
    t.equal(image.newTag, chart.appVersion, `${image.name}: the release's tag`)

  // kubectl's built-in kustomize renders it, with the images swapped in one place (k3s import case).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-kustomize-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    `resources: [${JSON.stringify(path.relative(dir, k8sDir))}]\nimages:\n  - name: ghcr.io/liftlog/liftlog-core\n    newName: localhost/liftlog-core\n    newTag: "9.9.9"\n`,
  )
  const out = spawnSync(k8sTool('kubectl'), ['kustomize', '--load-restrictor=LoadRestrictionsNone', dir], {
    encoding: 'utf8',
  })
  t.equal(out.status, 0, out.stderr)
  t.notMatch(out.stdout, /ghcr\.io\/liftlog\/liftlog-core/, 'no core image left under its old name')
  t.equal(out.stdout.match(/image: localhost\/liftlog-core:9\.9\.9/g)?.length, 4, 'all four core containers')
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
