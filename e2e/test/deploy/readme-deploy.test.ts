// The README's deployment section names only things that exist: files it tells operators to apply and
// the Kubernetes objects its kubectl commands address.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { repoRoot } from '../../support/k8s-tools.ts'
import { k8sDir, k8sFiles, loadManifestFiles } from '../../support/manifests.ts'

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('<!-- deploy:start -->'), readme.indexOf('<!-- deploy:end -->'))
const objects = loadManifestFiles([
  ...k8sFiles(),
  ...k8sFiles(path.join(k8sDir, 'optional')),
  ...k8sFiles(path.join(k8sDir, 'examples')),
]).map((m) => m.object)
const kinds: Record<string, string> = {
  deployment: 'Deployment',
  job: 'Job',
  cronjob: 'CronJob',
  svc: 'Service',
  service: 'Service',
  hpa: 'HorizontalPodAutoscaler',
  secret: 'Secret',
}

t.test('the deployment section is filled in', async (t) => {
  t.ok(section.length > 2000, 'README carries the deploy section between its markers')
  for (const topic of [
    'Compose',
    'k3s',
    'Helm',
    'Scale stats',
    'Backups and restore',
    'Upgrade and rollback',
  ])
    t.match(section, topic, topic)
})

t.test('every repository path it mentions exists', async (t) => {
  const paths = new Set(
    [...section.matchAll(/`((?:k8s|helm|e2e|core-service|stats-service)\/[\w./-]*?)`/g)].map(
      (m) => m[1] as string,
    ),
  )
  for (const mentioned of [...section.matchAll(/(k8s\/[\w./-]+\.ya?ml)/g)]) paths.add(mentioned[1] as string)
  t.ok(paths.size > 5, [...paths].join(', '))
  for (const p of paths) t.ok(fs.existsSync(path.join(repoRoot, p.replace(/[.,]$/, ''))), p)
})

t.test('every object its kubectl commands address exists in k8s/', async (t) => {
  const named = new Set<string>()
  for (const m of section.matchAll(/kubectl -n liftlog [^\n`]*/g)) {
    const command = m[0]
    // "<kind>/<name>" and "<verb> <kind> <name> [<name>…]" forms.
    for (const ref of command.matchAll(/\b(deployment|job|cronjob|svc|service|hpa)\/([a-z0-9-]+)/g))
      named.add(`${kinds[ref[1] as string]}/${ref[2]}`)
    const plain =
      /\b(?:scale|get|edit|delete|logs|rollout status|rollout undo|port-forward) (deployment|job|cronjob|svc|service|hpa|secret) ((?:[a-z0-9-]+ ?)+)/.exec(
        command,
      )
    if (plain)
      for (const name of (plain[2] as string).trim().split(' '))
        if (!name.startsWith('-')) named.add(`${kinds[plain[1] as string]}/${name}`)
  }
  t.ok(named.size >= 6, [...named].join(', '))
  const created = new Set(['Job/backup-now', 'Secret/liftlog-secrets'])
  for (const ref of named) {
    const [kind, name] = ref.split('/')
    const exists = objects.some((o) => o.kind === kind && o.metadata.name === name)
    t.ok(exists || created.has(ref), `${ref} exists`)
  }
})
