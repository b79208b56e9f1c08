// Renders k8s/ from the Helm chart (values: helm/liftlog/ci/k8s-manifests-values.yaml), one file per
// concern, numbered in apply order. `npm run render:k8s -w e2e` writes them; a test fails when the
// committed files differ from what the chart renders, so the two can never drift.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { k8sDir, renderChartText } from './manifests.ts'

/** Chart template → k8s/ file. `kubectl apply -f k8s/` applies the top level in name order. */
export const k8sLayout: Record<string, string> = {
  'namespace.yaml': '00-namespace.yaml',
  'configmaps.yaml': '01-config.yaml',
  'postgresql.yaml': '10-postgresql.yaml',
  'redis.yaml': '11-redis.yaml',
  'migrate-job.yaml': '20-migrate-job.yaml',
  'stats.yaml': '30-stats.yaml',
  'core.yaml': '31-core.yaml',
  'autoscaling.yaml': '40-autoscaling.yaml',
  'network-policies.yaml': '50-network-policies.yaml',
  'backup.yaml': '60-backup.yaml',
  // Needs the Prometheus Operator CRDs, so it is not applied by default.
  'servicemonitors.yaml': 'optional/servicemonitors.yaml',
}

const header = (template: string) =>
  `# Generated from helm/liftlog/templates/${template} by \`npm run render:k8s -w e2e\` — edit the chart,\n` +
  '# then re-render; a test fails when this file and the chart disagree.\n'

export async function renderK8sFiles(): Promise<Map<string, string>> {
  const text = await renderChartText({ valuesFiles: ['ci/k8s-manifests-values.yaml'], skipTests: true })
  const byFile = new Map<string, string[]>()
  for (const chunk of text.split(/^---\s*$/m)) {
    const template = /^# Source: liftlog\/templates\/(.+)$/m.exec(chunk)?.[1]
    if (!template) continue
    const file = k8sLayout[template]
    if (!file) throw new Error(`template ${template} has no place in k8s/ (add it to k8sLayout)`)
    const body = chunk.replace(/^# Source: .*\n/m, '').trim()
    byFile.set(file, [...(byFile.get(file) ?? []), body])
  }
  const files = new Map<string, string>()
  for (const [file, docs] of byFile) {
    const template = Object.keys(k8sLayout).find((t) => k8sLayout[t] === file) ?? file
    files.set(file, `${header(template)}---\n${docs.join('\n---\n')}\n`)
  }
  return files
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, content] of await renderK8sFiles()) {
    const target = path.join(k8sDir, file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, content)
    console.log(`wrote k8s/${file}`)
  }
}
