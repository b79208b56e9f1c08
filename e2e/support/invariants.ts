// Deployment invariants checked over a set of Kubernetes objects (a rendered chart or k8s/): probes,
// resources and security on every container, Services/HPAs/PDBs/NetworkPolicies pointing at real pods,
// ports that agree, and each service's environment matching its config schema. Returns problems.

import { loadConfig } from '@liftlog/service-kit'
import type { TObject } from 'typebox'
import type { K8sObject, Manifest } from './manifests.ts'

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'Pod']
const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
]

export interface Workload {
  kind: string
  name: string
  /** The pod template (or the Pod itself). */
  pod: K8sObject
  labels: Record<string, string>
  component: string
  object: K8sObject
}

export interface ServiceSchema {
  /** Value of app.kubernetes.io/component of the service's pods. */
  component: string
  schema: TObject
}

export interface InvariantOptions {
  schemas: ServiceSchema[]
  /** Secrets referenced but not part of the objects (created by the operator): name → keys. */
  externalSecrets?: Record<string, string[]>
  /** NetworkPolicy intent: component of the protected pods → components allowed in ('*' = anyone). */
  allowedIngress: Record<string, string[]>
  namespace: string
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o.kind))
    .map((o) => {
      const pod =
        o.kind === 'Pod' ? o : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template
      const labels = (pod?.metadata?.labels ?? {}) as Record<string, string>
      return {
        kind: o.kind,
        name: o.metadata?.name,
        pod,
        labels,
        component: labels['app.kubernetes.io/component'] ?? '',
        object: o,
      }
    })
}

interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

/** Kubernetes label-selector semantics (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels
    if (operator === 'In' && !(has && values.includes(labels[key] as string))) return false
    if (operator === 'NotIn' && has && values.includes(labels[key] as string)) return false
    if (operator === 'Exists' && !has) return false
    if (operator === 'DoesNotExist' && has) return false
  }
  return true
}

function containersOf(pod: K8sObject): { container: K8sObject; init: boolean }[] {
  return [
    ...(pod?.spec?.initContainers ?? []).map((container: K8sObject) => ({ container, init: true })),
    ...(pod?.spec?.containers ?? []).map((container: K8sObject) => ({ container, init: false })),
  ]
}

/** A port reference (number or name) → the container port it means, or undefined. */
function resolvePort(containers: K8sObject[], port: number | string): number | undefined {
  for (const container of containers) {
    for (const p of container.ports ?? []) {
      if (typeof port === 'number' ? p.containerPort === port : p.name === port) return p.containerPort
    }
  }
  return undefined
}

/** The environment a container sees, by name → value (undefined value: from a Secret not in view). */
export function containerEnvironment(
  container: K8sObject,
  objects: K8sObject[],
  options: Pick<InvariantOptions, 'externalSecrets'>,
  problems: string[],
  where: string,
): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>()
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata?.name === name)
  const secretKeys = (name: string): Record<string, string | undefined> | null => {
    const secret = find('Secret', name)
    if (secret) {
      const decoded = Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString()]),
      )
      return { ...decoded, ...(secret.stringData ?? {}) }
    }
    const keys = options.externalSecrets?.[name]
    return keys ? Object.fromEntries(keys.map((k) => [k, undefined])) : null
  }
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const cm = find('ConfigMap', source.configMapRef.name)
      if (!cm) problems.push(`${where}: envFrom ConfigMap ${source.configMapRef.name} does not exist`)
      for (const [k, v] of Object.entries(cm?.data ?? {})) env.set(k, String(v))
    }
    if (source.secretRef) {
      const keys = secretKeys(source.secretRef.name)
      if (!keys) problems.push(`${where}: envFrom Secret ${source.secretRef.name} does not exist`)
      for (const [k, v] of Object.entries(keys ?? {})) env.set(k, v)
    }
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom
    if (!ref) {
      env.set(variable.name, variable.value)
    } else if (ref.configMapKeyRef) {
      const cm = find('ConfigMap', ref.configMapKeyRef.name)
      const value = cm?.data?.[ref.configMapKeyRef.key]
      if (value === undefined && !ref.configMapKeyRef.optional)
        problems.push(
          `${where}: ${variable.name} reads missing ConfigMap key ${ref.configMapKeyRef.name}/${ref.configMapKeyRef.key}`,
        )
      if (value !== undefined) env.set(variable.name, value)
    } else if (ref.secretKeyRef) {
      const keys = secretKeys(ref.secretKeyRef.name)
      const present = keys ? ref.secretKeyRef.key in keys : false
      if (!present && !ref.secretKeyRef.optional)
        problems.push(
          `${where}: ${variable.name} reads missing Secret key ${ref.secretKeyRef.name}/${ref.secretKeyRef.key}`,
        )
      if (present) env.set(variable.name, keys?.[ref.secretKeyRef.key])
    } else {
      env.set(variable.name, undefined)
    }
  }
  return env
}

/** Values that satisfy a schema property (for keys whose real value lives in a Secret out of view). */
function placeholderFor(schema: TObject, key: string): string {
  const property = schema.properties[key] as { pattern?: string; minLength?: number } | undefined
  if (property?.pattern?.startsWith('^postgres')) return 'postgres://user:password@db.invalid:5432/liftlog'
  if (property?.pattern?.startsWith('^redis')) return 'redis://redis.invalid:6379/0'
  return 'x'.repeat(Math.max(48, property?.minLength ?? 0))
}

/**
 * The config-key rule: every schema key WITHOUT a default (and not optional) must be provided; every key
 * provided must exist in the schema (a typo or a stale key fails); and the provided values must pass
 * the schema itself (loadConfig), with Secret values out of view replaced by valid placeholders.
 */
export function checkConfigKeys(
  schema: TObject,
  env: Map<string, string | undefined>,
  where: string,
  problems: string[],
): void {
  const required = new Set(schema.required ?? [])
  for (const key of Object.keys(schema.properties)) {
    const property = schema.properties[key] as { default?: unknown }
    if (required.has(key) && property.default === undefined && !env.has(key))
      problems.push(`${where}: ${key} is required by the config schema but not provided`)
  }
  for (const key of env.keys()) {
    if (!(key in schema.properties))
      problems.push(`${where}: ${key} is provided but the config schema has no such key`)
  }
  const values: Record<string, string> = {}
  for (const [key, value] of env) values[key] = value ?? placeholderFor(schema, key)
  try {
    loadConfig(schema, values)
  } catch (error) {
    problems.push(`${where}: the provided configuration is rejected: ${(error as Error).message}`)
  }
}

export function checkInvariants(manifests: Manifest[], options: InvariantOptions): string[] {
  const problems: string[] = []
  const objects = manifests.map((m) => m.object)
  const pods = workloads(objects)
  const long = pods.filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet')
  const at = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`

  for (const { source, object } of manifests) {
    const where = `${source}: ${at(object)}`
    for (const label of STANDARD_LABELS)
      if (!object.metadata?.labels?.[label]) problems.push(`${where}: missing label ${label}`)
    if (object.kind !== 'Namespace' && object.metadata?.namespace !== options.namespace)
      problems.push(`${where}: metadata.namespace should be ${options.namespace}`)
  }

  for (const w of pods) {
    const where = `${w.kind}/${w.name}`
    const spec = w.pod?.spec ?? {}
    for (const label of STANDARD_LABELS)
      if (!w.labels[label]) problems.push(`${where}: pod template lacks label ${label}`)
    if (
      w.kind !== 'Pod' &&
      w.kind !== 'CronJob' &&
      !selects(w.object.spec?.selector, w.labels) &&
      w.kind !== 'Job'
    )
      problems.push(`${where}: spec.selector does not select its own pod template`)
    const podSecurity = spec.securityContext ?? {}
    // The "restricted" Pod Security Standard (the namespace enforces it) also wants a seccomp profile.
    if (podSecurity.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${where}: pod securityContext.seccompProfile.type should be RuntimeDefault`)
    const volumes = new Set(
      [
        ...(spec.volumes ?? []),
        ...(w.object.spec?.volumeClaimTemplates ?? []).map((v: K8sObject) => v.metadata),
      ].map((v: K8sObject) => v.name),
    )
    for (const v of spec.volumes ?? []) {
      if (
        v.configMap &&
        !objects.some((o) => o.kind === 'ConfigMap' && o.metadata?.name === v.configMap.name)
      )
        problems.push(`${where}: volume ${v.name} mounts missing ConfigMap ${v.configMap.name}`)
      if (
        v.persistentVolumeClaim &&
        !objects.some(
          (o) => o.kind === 'PersistentVolumeClaim' && o.metadata?.name === v.persistentVolumeClaim.claimName,
        )
      )
        problems.push(`${where}: volume ${v.name} claims missing PVC ${v.persistentVolumeClaim.claimName}`)
    }
    for (const { container, init } of containersOf(w.pod)) {
      const c = `${where} container ${container.name}`
      const sc = container.securityContext ?? {}
      if (!(sc.runAsNonRoot ?? podSecurity.runAsNonRoot)) problems.push(`${c}: runAsNonRoot is not set`)
      const uid = sc.runAsUser ?? podSecurity.runAsUser
      if (uid === 0) problems.push(`${c}: runs as uid 0`)
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${c}: allowPrivilegeEscalation must be false`)
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${c}: readOnlyRootFilesystem must be true`)
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${c}: capabilities must drop ALL`)
      if (sc.privileged) problems.push(`${c}: privileged`)
      for (const kind of ['requests', 'limits'])
        for (const resource of ['cpu', 'memory'])
          if (!container.resources?.[kind]?.[resource])
            problems.push(`${c}: resources.${kind}.${resource} missing`)
      for (const mount of container.volumeMounts ?? [])
        if (!volumes.has(mount.name)) problems.push(`${c}: mounts undeclared volume ${mount.name}`)
      if (/:latest$|^[^:]+$/.test(container.image ?? ''))
        problems.push(`${c}: image ${container.image} is not pinned to a tag`)
      const isLong = long.includes(w) && !init
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const p = container[probe]
        if (isLong && !p) problems.push(`${c}: ${probe} missing`)
        const port = p?.httpGet?.port ?? p?.tcpSocket?.port
        if (port !== undefined && resolvePort([container], port) === undefined)
          problems.push(`${c}: ${probe} port ${port} is not a port of the container`)
      }
    }
  }

  // The two services: environment against their config schemas, listening port, graceful rollout.
  for (const { component, schema } of options.schemas) {
    const deployments = long.filter((w) => w.kind === 'Deployment' && w.component === component)
    if (deployments.length !== 1)
      problems.push(`expected one Deployment with component ${component}, found ${deployments.length}`)
    for (const w of deployments) {
      const where = `Deployment/${w.name}`
      const main = w.pod.spec.containers[0]
      const env = containerEnvironment(main, objects, options, problems, where)
      checkConfigKeys(schema, env, where, problems)
      const listen = Number(env.get('PORT') ?? (schema.properties.PORT as { default?: number }).default)
      const http = (main.ports ?? []).find((p: K8sObject) => p.name === 'http')
      if (http?.containerPort !== listen)
        problems.push(`${where}: containerPort http ${http?.containerPort} ≠ PORT ${listen}`)
      if (env.get('HOST') !== '0.0.0.0') problems.push(`${where}: HOST must be 0.0.0.0 in a container`)
      if (main.readinessProbe?.httpGet?.path !== '/ready')
        problems.push(`${where}: readiness must probe /ready`)
      if (main.livenessProbe?.httpGet?.path !== '/health')
        problems.push(`${where}: liveness must probe /health`)
      const rolling = w.object.spec?.strategy?.rollingUpdate
      if (w.object.spec?.strategy?.type !== 'RollingUpdate' || rolling?.maxUnavailable !== 0)
        problems.push(`${where}: needs a RollingUpdate with maxUnavailable 0 (zero downtime)`)
      const sleep = Number(
        main.lifecycle?.preStop?.exec?.command?.[1] ?? main.lifecycle?.preStop?.sleep?.seconds ?? 0,
      )
      const grace = w.pod.spec.terminationGracePeriodSeconds ?? 30
      // close-with-grace gives in-flight requests 10 s after SIGTERM, which arrives after preStop.
      if (sleep < 3)
        problems.push(`${where}: preStop should sleep a few seconds so endpoints drop the pod first`)
      if (sleep + 10 >= grace)
        problems.push(`${where}: terminationGracePeriodSeconds ${grace} ≤ preStop ${sleep} s + 10 s grace`)
    }
  }

  for (const service of objects.filter((o) => o.kind === 'Service')) {
    const where = `Service/${service.metadata?.name}`
    const selector = service.spec?.selector
    const matched = long.filter(
      (w) => selector && Object.keys(selector).length && selects({ matchLabels: selector }, w.labels),
    )
    if (matched.length === 0) problems.push(`${where}: selector matches no pod template`)
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port
      for (const w of matched)
        if (resolvePort(w.pod.spec.containers, target) === undefined)
          problems.push(`${where}: targetPort ${target} is not a container port of ${w.kind}/${w.name}`)
    }
  }

  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef ?? {}
    const target = long.find((w) => w.kind === ref.kind && w.name === ref.name)
    if (!target) problems.push(`${at(hpa)}: targets ${ref.kind}/${ref.name}, which does not exist`)
    else if (target.object.spec?.replicas !== undefined)
      problems.push(
        `${at(hpa)}: ${ref.kind}/${ref.name} sets replicas, which would fight the HPA on every apply`,
      )
    if (!(hpa.spec?.minReplicas <= hpa.spec?.maxReplicas))
      problems.push(`${at(hpa)}: minReplicas > maxReplicas`)
    if (hpa.spec?.behavior?.scaleDown?.stabilizationWindowSeconds === undefined)
      problems.push(`${at(hpa)}: no scale-down stabilisation window`)
  }

  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    if (!long.some((w) => selects(pdb.spec?.selector, w.labels))) problems.push(`${at(pdb)}: selects no pods`)
  }

  for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const protectedPods = pods.filter((w) => selects(policy.spec?.podSelector, w.labels))
    const components = [...new Set(protectedPods.map((w) => w.component))]
    if (components.length !== 1) {
      problems.push(`${at(policy)}: should protect exactly one component, selects [${components.join(', ')}]`)
      continue
    }
    const component = components[0] as string
    const intent = options.allowedIngress[component]
    if (!intent) {
      problems.push(`${at(policy)}: no intended ingress declared for component ${component}`)
      continue
    }
    const allowed = new Set<string>()
    for (const rule of policy.spec?.ingress ?? []) {
      for (const port of rule.ports ?? [])
        if (protectedPods.every((w) => resolvePort(w.pod.spec.containers, port.port) === undefined))
          problems.push(`${at(policy)}: port ${port.port} is not a container port of ${component}`)
      if (!rule.from) allowed.add('*')
      for (const peer of rule.from ?? []) {
        // A namespaceSelector alone admits another namespace (monitoring), not pods of this release.
        if (!peer.podSelector) continue
        for (const w of pods) if (selects(peer.podSelector, w.labels)) allowed.add(w.component)
      }
    }
    const got = [...allowed].sort().join(', ')
    const want = [...intent]
      .filter((c) => c === '*' || pods.some((w) => w.component === c))
      .sort()
      .join(', ')
    if (got !== want) problems.push(`${at(policy)}: admits [${got}] into ${component}, intended [${want}]`)
  }
  for (const [component] of Object.entries(options.allowedIngress)) {
    const present = pods.some((w) => w.component === component)
    const guarded = objects.some(
      (o) =>
        o.kind === 'NetworkPolicy' &&
        pods.some((w) => w.component === component && selects(o.spec?.podSelector, w.labels)),
    )
    if (present && !guarded && objects.some((o) => o.kind === 'NetworkPolicy'))
      problems.push(`component ${component} has no NetworkPolicy`)
  }

  for (const monitor of objects.filter((o) => o.kind === 'ServiceMonitor')) {
    const services = objects.filter(
      (o) => o.kind === 'Service' && selects(monitor.spec?.selector, o.metadata?.labels ?? {}),
    )
    if (services.length === 0) problems.push(`${at(monitor)}: selects no Service`)
    for (const endpoint of monitor.spec?.endpoints ?? [])
      for (const s of services)
        if (!(s.spec?.ports ?? []).some((p: K8sObject) => p.name === endpoint.port))
          problems.push(`${at(monitor)}: Service/${s.metadata.name} has no port named ${endpoint.port}`)
  }

  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ingress.spec?.rules ?? [])
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service
        const service = objects.find((o) => o.kind === 'Service' && o.metadata?.name === backend?.name)
        if (!service) problems.push(`${at(ingress)}: backend Service ${backend?.name} does not exist`)
        else if (
          !(service.spec?.ports ?? []).some(
            (p: K8sObject) => p.name === backend.port?.name || p.port === backend.port?.number,
          )
        )
          problems.push(`${at(ingress)}: Service ${backend.name} has no port ${JSON.stringify(backend.port)}`)
      }
  }
  return problems
}
