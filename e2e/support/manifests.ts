// Loads Kubernetes objects for the deployment checks: rendered from the Helm chart with the real
// `helm` binary, or read from k8s/; and validates each against the Kubernetes OpenAPI schemas.
import fs from 'node:fs'
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import { helm, repoRoot } from './k8s-tools.ts'

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML; checks narrow what they read.
export type K8sObject = Record<string, any>

export interface Manifest {
  /** Template (for rendered charts) or file (for k8s/) the object came from. */
  source: string
  object: K8sObject
}

export const chartDir = path.join(repoRoot, 'helm', 'liftlog')
export const k8sDir = path.join(repoRoot, 'k8s')
export const NAMESPACE = 'liftlog'

export function parseManifests(text: string, source: string): Manifest[] {
  const manifests: Manifest[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0]?.message}`)
    const object = doc.toJS() as K8sObject | null
    if (object) manifests.push({ source, object })
  }
  return manifests
}

export interface RenderOptions {
  valuesFiles?: string[]
  set?: string[]
  skipTests?: boolean
  /** Render as `helm upgrade` would (.Release.IsUpgrade). */
  isUpgrade?: boolean
  release?: string
}

/** `helm template` output, split by the template each object came from (the "# Source:" comments). */
export async function renderChartText(options: RenderOptions = {}): Promise<string> {
  const args = ['template', options.release ?? 'liftlog', chartDir, '--namespace', NAMESPACE]
  for (const file of options.valuesFiles ?? []) args.push('--values', path.resolve(chartDir, file))
  for (const value of options.set ?? []) args.push('--set', value)
  if (options.skipTests) args.push('--skip-tests')
  if (options.isUpgrade) args.push('--is-upgrade')
  return (await helm(args)).stdout
}

export async function renderChart(options: RenderOptions = {}): Promise<Manifest[]> {
  const text = await renderChartText(options)
  const manifests: Manifest[] = []
  for (const chunk of text.split(/^---\s*$/m)) {
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1] ?? 'unknown'
    manifests.push(...parseManifests(chunk, source))
  }
  return manifests
}

/** Every manifest file directly in k8s/ (what `kubectl apply -f k8s/` applies), in name order. */
/** The manifest files of a k8s/ folder (kustomization.yaml is kustomize's, not an object to apply). */
export function k8sFiles(dir = k8sDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'kustomization.yaml')
    .sort()
    .map((name) => path.join(dir, name))
}

export function loadManifestFiles(files: string[]): Manifest[] {
  return files.flatMap((file) => parseManifests(fs.readFileSync(file, 'utf8'), path.relative(repoRoot, file)))
}

// apiVersion → the kubernetes-models module holding its kinds ("v1" is the core group).
async function modelsFor(apiVersion: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>
  } catch {
    return null
  }
}

/**
 * Validates against the Kubernetes OpenAPI schemas (kubernetes-models). Kinds outside Kubernetes
 * itself (the Prometheus Operator's ServiceMonitor) get a structural check instead. Returns problems.
 */
export async function validateManifest({ source, object }: Manifest): Promise<string[]> {
  const where = `${source}: ${object.kind}/${object.metadata?.name}`
  if (object.apiVersion === 'monitoring.coreos.com/v1' && object.kind === 'ServiceMonitor') {
    const endpoints = object.spec?.endpoints
    const ok =
      object.metadata?.name &&
      object.spec?.selector?.matchLabels &&
      Array.isArray(endpoints) &&
      endpoints.length > 0 &&
      endpoints.every((e: K8sObject) => typeof e.port === 'string' && typeof e.path === 'string')
    return ok
      ? []
      : [`${where}: ServiceMonitor needs metadata.name, spec.selector.matchLabels and endpoints[].port/path`]
  }
  const models = await modelsFor(object.apiVersion)
  const Model = models?.[object.kind] as (new (data: unknown) => { validate(): void }) | undefined
  if (!Model) return [`${where}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`]
  try {
    new Model(object).validate()
    return []
  } catch (error) {
    return [`${where}: ${error instanceof Error ? error.message : String(error)}`]
  }
}
