// The Helm chart: lints strictly, renders with default and production-like values, every object passes
// the Kubernetes schemas and the deployment invariants, and values.schema.json refuses bad values.
import fs from 'node:fs'
import path from 'node:path'
import { configKeys } from '@liftlog/service-kit'
import t from 'tap'
import { invariantOptions, serviceSchemas } from '../../support/deploy-expectations.ts'
import { checkInvariants } from '../../support/invariants.ts'
import { helm } from '../../support/k8s-tools.ts'
import {
  chartDir,
  type Manifest,
  renderChart,
  renderChartText,
  validateManifest,
} from '../../support/manifests.ts'

const secretKeys = ['SECRET_KEY', 'STATS_TOKEN', 'DATABASE_URL', 'STATS_DATABASE_URL', 'REDIS_URL']

async function schemaProblems(manifests: Manifest[]) {
  return (await Promise.all(manifests.map(validateManifest))).flat()
}

t.test('helm lint --strict passes with default and production-like values', async (t) => {
  for (const values of [[], ['--values', 'ci/production-values.yaml']]) {
    const { stdout } = await helm(['lint', '--strict', chartDir, ...values], { cwd: chartDir })
    t.match(stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/, `lint ${values.join(' ') || 'defaults'}`)
  }
})

t.test('default values render a complete, valid release', async (t) => {
  const manifests = await renderChart()
  const kinds = manifests.map((m) => `${m.object.kind}/${m.object.metadata.name}`).sort()
  for (const expected of [
    'Deployment/core',
    'Deployment/stats',
    'Service/core',
    'Service/stats',
    'StatefulSet/postgresql',
    'Deployment/redis',
    'Secret/liftlog-secrets',
    'ConfigMap/core-config',
    'ConfigMap/stats-config',
    'Job/migrate',
    'HorizontalPodAutoscaler/core',
    'HorizontalPodAutoscaler/stats',
    'PodDisruptionBudget/core',
    'PodDisruptionBudget/stats',
    'NetworkPolicy/stats',
    'NetworkPolicy/postgresql',
    'CronJob/backup',
    'PersistentVolumeClaim/backup',
    'Pod/helm-test',
  ])
    t.ok(kinds.includes(expected), `renders ${expected}`)
  t.same(await schemaProblems(manifests), [], 'every object validates against the Kubernetes schemas')
  t.same(checkInvariants(manifests, invariantOptions()), [], 'deployment invariants hold')

  const core = manifests.find((m) => m.object.kind === 'Service' && m.object.metadata.name === 'core')?.object
  const stats = manifests.find(
    (m) => m.object.kind === 'Service' && m.object.metadata.name === 'stats',
  )?.object
  t.equal(core?.spec.type, 'LoadBalancer', 'core is published through a LoadBalancer')
  t.same(
    core?.spec.ports.map((p: { port: number }) => p.port),
    [25590],
  )
  t.equal(stats?.spec.type, 'ClusterIP', 'stats stays inside the cluster')
  t.same(
    stats?.spec.ports.map((p: { port: number }) => p.port),
    [5000],
  )

  const job = manifests.find((m) => m.object.kind === 'Job')?.object
  t.equal(job?.metadata.name, 'migrate')
  t.notOk(
    job?.metadata.annotations,
    'on install the migration Job is created with the release (--wait works)',
  )
  const test = manifests.find((m) => m.object.kind === 'Pod')?.object
  t.equal(test?.metadata.annotations['helm.sh/hook'], 'test', 'helm test checks both services')
  t.match(
    test?.spec.containers[0].command.join(' '),
    /http:\/\/core:25590\/health http:\/\/stats:5000\/health/,
  )
})

t.test('on upgrade the migration Job is a pre-upgrade hook, and the release stays valid', async (t) => {
  const manifests = await renderChart({ isUpgrade: true })
  const job = manifests.find((m) => m.object.kind === 'Job')?.object
  t.equal(job?.metadata.name, 'migrate-upgrade', 'its own name: the install-time Job may still exist')
  t.equal(job?.metadata.annotations['helm.sh/hook'], 'pre-upgrade', 'schema first, then new pods')
  t.equal(job?.metadata.annotations['helm.sh/hook-delete-policy'], 'before-hook-creation')
  t.same(checkInvariants(manifests, invariantOptions()), [])
})

t.test('a production-like values file renders a valid release with external services', async (t) => {
  const manifests = await renderChart({ valuesFiles: ['ci/production-values.yaml'] })
  const kinds = manifests.map((m) => m.object.kind)
  t.notOk(kinds.includes('StatefulSet'), 'no bundled PostgreSQL')
  t.notOk(kinds.includes('Secret'), 'the Secret is the operator’s (existingSecret)')
  t.ok(kinds.includes('Ingress') && kinds.includes('ServiceMonitor'), 'ingress and ServiceMonitors are on')
  t.same(await schemaProblems(manifests), [])
  t.same(checkInvariants(manifests, invariantOptions({ 'liftlog-production': secretKeys })), [])
  const core = manifests.find(
    (m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'core',
  )?.object
  t.equal(core?.spec.template.spec.containers[0].image, 'ghcr.io/example-org/liftlog-core:1.4.2')
  t.same(core?.spec.template.spec.imagePullSecrets, [{ name: 'ghcr-pull' }])
})

t.test('the generated Secret builds URL-safe database URLs and keeps given values', async (t) => {
  const manifests = await renderChart({
    set: ['secrets.postgresPassword=p@ss/w:rd', 'secrets.secretKey=0123456789abcdef0123456789abcdef'],
  })
  const secret = manifests.find((m) => m.object.kind === 'Secret')?.object
  t.equal(secret?.stringData.SECRET_KEY, '0123456789abcdef0123456789abcdef')
  const url = new URL(secret?.stringData.DATABASE_URL)
  t.equal(decodeURIComponent(url.password), 'p@ss/w:rd', 'the password survives URL encoding')
  t.equal(url.host, 'postgresql:5432')
  t.ok(secret?.stringData.STATS_TOKEN.length >= 16, 'a stats token is generated')
})

t.test('values.schema.json and required values refuse bad configurations', async (t) => {
  const bad: [string[], RegExp][] = [
    [['core.service.port=http'], /core\/service\/port/],
    [['core.autoscaling.targetCPUUtilizationPercentage=150'], /targetCPUUtilizationPercentage/],
    [['secrets.secretKey=too-short'], /secretKey/],
    [['secrets.create=false'], /existingSecret/],
    [['core.env.lowercase_key=1'], /lowercase_key/],
    [['backup.schedule=daily'], /schedule/],
    [['unknownSetting=1'], /unknownSetting/],
    [['postgresql.enabled=false'], /externalDatabase.url is required/],
    [['images.tag=latest'], /tag/],
    [
      ['core.autoscaling.minReplicas=5', 'core.autoscaling.maxReplicas=3'],
      /minReplicas \(5\) is above maxReplicas \(3\)/,
    ],
    [['core.pdb.maxUnavailable=1'], /pdb/],
    [['core.env.STATS_TIMEOUT_MS=500'], /STATS_TIMEOUT_MS/],
  ]
  for (const [set, message] of bad) {
    await t.rejects(renderChartText({ set }), { message }, `refuses ${set.join(', ')}`)
  }
})

t.test('the invariant checks catch broken manifests', async (t) => {
  const fresh = async () => renderChart()
  const find = (ms: Manifest[], kind: string, name: string) =>
    ms.find((m) => m.object.kind === kind && m.object.metadata.name === name)?.object
  const cases: [string, (ms: Manifest[]) => void, RegExp][] = [
    [
      'no readiness probe',
      (ms) => delete find(ms, 'Deployment', 'stats')?.spec.template.spec.containers[0].readinessProbe,
      /readinessProbe missing/,
    ],
    [
      'a Service pointing at no pods',
      (ms) => {
        find(ms, 'Service', 'stats')!.spec.selector['app.kubernetes.io/component'] = 'statz'
      },
      /selector matches no pod template/,
    ],
    [
      'a wrong probe port',
      (ms) => {
        find(ms, 'Deployment', 'core')!.spec.template.spec.containers[0].livenessProbe.httpGet.port = 8080
      },
      /livenessProbe port 8080/,
    ],
    [
      'a config key the code does not read',
      (ms) => {
        find(ms, 'ConfigMap', 'core-config')!.data.STATS_TIMOUT_MS = '900'
      },
      /STATS_TIMOUT_MS is provided but/,
    ],
    [
      'a required key missing',
      (ms) => {
        find(ms, 'Deployment', 'core')!.spec.template.spec.containers[0].env.shift()
      },
      /DATABASE_URL is required/,
    ],
    [
      'an invalid config value',
      (ms) => {
        find(ms, 'ConfigMap', 'stats-config')!.data.LOG_LEVEL = 'loud'
      },
      /configuration is rejected: .*LOG_LEVEL/,
    ],
    [
      'an HPA on a missing Deployment',
      (ms) => {
        find(ms, 'HorizontalPodAutoscaler', 'stats')!.spec.scaleTargetRef.name = 'statistics'
      },
      /does not exist/,
    ],
    [
      'stats open to redis pods',
      (ms) =>
        find(ms, 'NetworkPolicy', 'stats')!.spec.ingress[0].from.push({
          podSelector: { matchLabels: { 'app.kubernetes.io/component': 'redis' } },
        }),
      /admits \[core, helm-test, redis\]/,
    ],
    [
      'a root container',
      (ms) => {
        find(ms, 'Deployment', 'core')!.spec.template.spec.containers[0].securityContext.runAsNonRoot = false
      },
      /core: runAsNonRoot is not set/,
    ],
    [
      'uid 0',
      (ms) => {
        find(ms, 'StatefulSet', 'postgresql')!.spec.template.spec.securityContext.runAsUser = 0
      },
      /postgresql: runs as uid 0/,
    ],
    [
      'port and PORT disagreeing',
      (ms) => {
        find(ms, 'ConfigMap', 'stats-config')!.data.PORT = '5001'
      },
      /containerPort http 5000 ≠ PORT 5001/,
    ],
  ]
  for (const [name, breakIt, expected] of cases) {
    const manifests = await fresh()
    breakIt(manifests)
    t.match(checkInvariants(manifests, invariantOptions()).join('\n'), expected, name)
  }
})

t.test('NOTES.txt tells the operator how to reach the app and scale stats', async (t) => {
  const install = (values: string[]) =>
    helm(['install', 'liftlog', chartDir, '--namespace', 'liftlog', '--dry-run=client', ...values], {
      cwd: chartDir,
    })
  const defaults = (await install([])).stdout.split('NOTES:')[1] ?? ''
  t.match(defaults, /kubectl -n liftlog get service core/, 'LoadBalancer address')
  t.match(defaults, /kubectl -n liftlog scale deployment stats --replicas=0/, 'scale stats down')
  t.match(defaults, /kubectl -n liftlog scale deployment stats --replicas=1/, 'and back')
  t.match(defaults, /helm test liftlog/)
  const production =
    (await install(['--values', 'ci/production-values.yaml'])).stdout.split('NOTES:')[1] ?? ''
  t.match(production, /https:\/\/lift\.example\.org\//, 'the Ingress URL when there is one')
})

t.test(
  'the values schema lists exactly the config keys the code reads and the chart leaves open',
  async (t) => {
    const schema = JSON.parse(fs.readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'))
    // Set by the chart itself (ConfigMap or Secret), so not offered under <service>.env.
    const chartSet = [
      'HOST',
      'PORT',
      'METRICS_PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'SECRET_KEY',
      'STATS_URL',
      'STATS_TOKEN',
    ]
    for (const { component, schema: config } of serviceSchemas) {
      const offered = schema.definitions[`${component}Env`].propertyNames.enum as string[]
      const open = configKeys(config).filter((k) => !chartSet.includes(k))
      t.same(
        [...offered].sort(),
        [...open].sort(),
        `${component}.env keys = ${component}'s config keys the chart does not set`,
      )
    }
  },
)

t.test(
  'a PodDisruptionBudget only where more than one replica can run and a drain can proceed',
  async (t) => {
    const pdbs = async (set: string[]) =>
      (await renderChart({ set }))
        .filter((m) => m.object.kind === 'PodDisruptionBudget')
        .map((m) => m.object.metadata.name)
        .sort()
    t.same(await pdbs([]), ['core', 'stats'], 'defaults: core min 2 replicas, stats up to 4')
    t.same(
      await pdbs(['core.autoscaling.enabled=false', 'core.replicaCount=1']),
      ['stats'],
      'no minAvailable: 1 PDB for a single core replica (it would block every drain)',
    )
    t.same(
      await pdbs(['core.autoscaling.minReplicas=1']),
      ['stats'],
      'nor when the autoscaler may leave one replica',
    )
    t.same(
      await pdbs(['stats.autoscaling.enabled=false', 'stats.replicaCount=1']),
      ['core'],
      'no PDB for a stats that can only ever have one replica',
    )
  },
)

t.test(
  'Prometheus scrapes the metrics port: ServiceMonitors with the release label, policies let it in',
  async (t) => {
    const manifests = await renderChart({ set: ['metrics.serviceMonitor.enabled=true'] })
    const find = (kind: string, name: string) =>
      manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name)?.object
    for (const component of ['core', 'stats']) {
      const monitor = find('ServiceMonitor', component)
      t.equal(
        monitor?.metadata.labels.release,
        'kube-prometheus-stack',
        `${component}: a default kube-prometheus-stack selects it`,
      )
      t.same(
        monitor?.spec.endpoints.map((e: { port: string }) => e.port),
        ['metrics'],
      )
      const service = find('Service', `${component}-metrics`)
      t.same(
        service?.spec.ports.map((p: { name: string; port: number }) => [p.name, p.port]),
        [['metrics', 9100]],
      )
      t.match(
        service?.metadata.labels,
        monitor?.spec.selector.matchLabels,
        'the monitor selects the metrics Service',
      )
      const container = find('Deployment', component)?.spec.template.spec.containers[0]
      t.ok(
        container.ports.some(
          (p: { name: string; containerPort: number }) => p.name === 'metrics' && p.containerPort === 9100,
        ),
        'a metrics containerPort',
      )
      const policy = find('NetworkPolicy', component)
      const metricsRule = policy?.spec.ingress.find((r: { ports: { port: string }[] }) =>
        r.ports.some((p) => p.port === 'metrics'),
      )
      t.ok(
        metricsRule?.from?.[0]?.namespaceSelector,
        `${component}: Prometheus's namespace may reach the metrics port`,
      )
    }
    const publicPorts = find('Service', 'core')?.spec.ports.map((p: { name: string }) => p.name)
    t.same(publicPorts, ['http'], 'the public core Service does not expose metrics')
  },
)

t.test('GitOps: with secrets.generate=false the Secret is the same on every render', async (t) => {
  const secretOf = async (set: string[]) =>
    (await renderChart({ set })).find((m) => m.object.kind === 'Secret')?.object.stringData
  const defaults = [await secretOf([]), await secretOf([])]
  t.not(
    defaults[0]?.SECRET_KEY,
    defaults[1]?.SECRET_KEY,
    'generated values differ between renders (no cluster to read back)',
  )
  const given = [
    'secrets.generate=false',
    `secrets.secretKey=${'k'.repeat(40)}`,
    `secrets.statsToken=${'t'.repeat(24)}`,
    `secrets.postgresPassword=${'p'.repeat(24)}`,
    `secrets.statsDbPassword=${'s'.repeat(24)}`,
  ]
  const [first, second] = [await secretOf(given), await secretOf(given)]
  t.same(first, second, 'two renders, one Secret')
  t.match(first?.DATABASE_URL, /:p{24}@/, 'the database password is the one given')
  await t.rejects(
    renderChartText({ set: ['secrets.generate=false', `secrets.secretKey=${'k'.repeat(40)}`] }),
    /secrets\.(statsToken|statsDbPassword|postgresPassword) is required when secrets.generate is false/,
    'a missing value is refused, not generated',
  )
})

t.test('externalTrafficPolicy and Redis persistence are chart options', async (t) => {
  const find = (manifests: Manifest[], kind: string, name: string) =>
    manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name)?.object
  const defaults = await renderChart()
  t.notOk(find(defaults, 'Service', 'core')?.spec.externalTrafficPolicy, 'cluster default unless asked')
  t.same(
    find(defaults, 'Deployment', 'redis')?.spec.template.spec.volumes[0].emptyDir,
    {},
    'no Redis volume by default',
  )
  const set = await renderChart({
    set: ['core.service.externalTrafficPolicy=Local', 'redis.persistence.enabled=true'],
  })
  t.equal(
    find(set, 'Service', 'core')?.spec.externalTrafficPolicy,
    'Local',
    'Local keeps the lifter’s address',
  )
  const redis = find(set, 'Deployment', 'redis')?.spec.template.spec
  t.equal(redis.volumes[0].persistentVolumeClaim.claimName, 'redis', 'sessions live on a volume')
  t.match(redis.containers[0].args.join(' '), /--appendonly yes/, 'append-only file on')
  t.ok(find(set, 'PersistentVolumeClaim', 'redis'), 'and the claim is rendered')
  await t.rejects(
    renderChartText({ set: ['core.service.externalTrafficPolicy=Nearest'] }),
    /externalTrafficPolicy/,
  )
})

t.test('optional parts switch off cleanly', async (t) => {
  const manifests = await renderChart({
    set: [
      'core.autoscaling.enabled=false',
      'stats.autoscaling.enabled=false',
      'core.pdb.enabled=false',
      'stats.pdb.enabled=false',
      'networkPolicy.enabled=false',
      'backup.enabled=false',
      'redis.enabled=false',
      'externalRedis.url=redis://cache.example.com:6379/0',
    ],
  })
  const kinds = new Set(manifests.map((m) => m.object.kind))
  for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'CronJob'])
    t.notOk(kinds.has(kind), `no ${kind}`)
  t.notOk(
    manifests.some((m) => m.object.metadata.name === 'redis'),
    'no bundled Redis',
  )
  const deployment = (name: string) =>
    manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === name)?.object
  t.equal(deployment('core')?.spec.replicas, 2, 'fixed replica counts without HPAs')
  t.equal(deployment('stats')?.spec.replicas, 1)
  const secret = manifests.find((m) => m.object.kind === 'Secret')?.object
  t.equal(secret?.stringData.REDIS_URL, 'redis://cache.example.com:6379/0', 'external Redis URL kept secret')
  t.same((await Promise.all(manifests.map(validateManifest))).flat(), [])
  t.same(checkInvariants(manifests, invariantOptions()), [])
})
