// docker-compose.yml: valid Compose, started in the right order, hardened, secrets only from .env, each
// service's environment matching its config schema, and the same migration steps as Kubernetes.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import {
  envExampleFile,
  interpolate,
  loadCompose,
  readEnvFile,
  serviceEnvironment,
  validateCompose,
} from '../../support/compose.ts'
import { serviceSchemas } from '../../support/deploy-expectations.ts'
import { checkConfigKeys } from '../../support/invariants.ts'
import { repoRoot } from '../../support/k8s-tools.ts'
import { type K8sObject, k8sDir, loadManifestFiles } from '../../support/manifests.ts'

const raw = loadCompose()
const example = readEnvFile(envExampleFile)
// Valid-shaped stand-ins for every .env value (the example's own are deliberately refused placeholders).
const testEnv = new Map(
  [...example.keys()].map((k) => [
    k,
    k.endsWith('PORT')
      ? '25590'
      : /IMAGE/.test(k)
        ? (example.get(k) ?? '')
        : k === 'TRUST_PROXY'
          ? 'false'
          : k === 'LOG_LEVEL'
            ? 'info'
            : 'a1'.repeat(24),
  ]),
)
const { value, required, used } = interpolate(raw, testEnv)
const compose = value as K8sObject
const services = compose.services as K8sObject

t.test('docker-compose.yml is valid against the Compose Specification', async (t) => {
  t.same(validateCompose(compose), [])
  t.same(Object.keys(services).sort(), ['core', 'migrate', 'postgres', 'redis', 'stats'])
})

t.test('every variable comes from .env, and .env.example lists every one', async (t) => {
  for (const name of required) t.ok(example.has(name), `${name} is in .env.example`)
  for (const name of example.keys()) t.ok(used.has(name), `${name} from .env.example is used`)
  for (const secret of ['POSTGRES_PASSWORD', 'STATS_DB_PASSWORD', 'SECRET_KEY', 'STATS_TOKEN']) {
    t.ok(required.has(secret), `${secret} has no default: compose refuses to start without it`)
    t.match(example.get(secret), /change-me/, `${secret} is a placeholder in .env.example`)
  }
  t.throws(
    () => interpolate(raw, new Map()),
    /POSTGRES_PASSWORD is not set/,
    'a missing .env is caught early',
  )
  const ignored = fs.readFileSync(path.join(repoRoot, '.gitignore'), 'utf8')
  t.match(ignored, /^\.env$/m, '.env is git-ignored')
})

t.test('services come up in order: postgres → migrate → redis/stats → core', async (t) => {
  const condition = (name: string, on: string) => services[name]?.depends_on?.[on]?.condition
  t.equal(condition('migrate', 'postgres'), 'service_healthy')
  t.equal(condition('stats', 'migrate'), 'service_completed_successfully')
  t.equal(condition('stats', 'redis'), 'service_healthy')
  t.equal(condition('core', 'migrate'), 'service_completed_successfully')
  t.equal(condition('core', 'redis'), 'service_healthy')
  t.equal(condition('core', 'stats'), 'service_started', 'core starts even while stats is unhealthy')
  t.equal(services.migrate.restart, 'no', 'the migration runs once')
  for (const name of ['postgres', 'redis', 'stats', 'core'])
    t.ok(services[name].healthcheck?.test, `${name} has a healthcheck`)
  t.same(
    services.postgres.volumes,
    ['pgdata:/var/lib/postgresql/data'],
    'PostgreSQL data lives in a named volume',
  )
  t.ok('pgdata' in compose.volumes, 'the volume is declared')
})

t.test('stats is not published; core is, on its listening port', async (t) => {
  t.notOk(services.stats.ports, 'stats has no published ports')
  t.same(services.core.ports, ['25590:25590'])
  for (const name of ['core', 'stats']) {
    const env = serviceEnvironment(services[name])
    const port = env.get('PORT')
    t.equal(env.get('HOST'), '0.0.0.0', `${name} listens on all interfaces`)
    t.match(
      services[name].healthcheck.test.join(' '),
      new RegExp(`127\\.0\\.0\\.1:${port}/health`),
      `${name} healthcheck hits its PORT`,
    )
    if (name === 'stats') t.same(services.stats.expose, [port])
    else t.equal(services.core.ports[0].split(':').at(-1), port)
    t.ok(services[name].stop_grace_period, `${name} gets time to finish in-flight requests`)
  }
  t.equal(
    serviceEnvironment(services.core).get('STATS_URL'),
    'http://stats:5000',
    'core reaches stats by service name',
  )
})

t.test('the app containers are hardened and built from the service Dockerfiles', async (t) => {
  for (const name of ['migrate', 'stats', 'core']) {
    const s = services[name]
    t.equal(s.read_only, true, `${name}: read-only root filesystem`)
    t.same(s.tmpfs, ['/tmp'], `${name}: a writable /tmp on a read-only root`)
    t.same(s.cap_drop, ['ALL'], `${name}: no capabilities`)
    t.same(s.security_opt, ['no-new-privileges:true'], `${name}: no privilege escalation`)
    t.equal(s.build.context, '.', `${name}: built from the repository root`)
    t.ok(fs.existsSync(path.join(repoRoot, s.build.dockerfile)), `${name}: ${s.build.dockerfile} exists`)
  }
  t.equal(services.migrate.image, services.core.image, 'migrate is the core image with another command')
})

t.test('each service environment matches its config schema', async (t) => {
  for (const { component, schema } of serviceSchemas) {
    const problems: string[] = []
    checkConfigKeys(schema, serviceEnvironment(services[component]), `compose ${component}`, problems)
    t.same(problems, [], `${component}: required keys present, no unknown keys, values valid`)
  }
  const statsUrl = new URL(serviceEnvironment(services.stats).get('DATABASE_URL') as string)
  t.equal(statsUrl.username, 'liftlog_stats', 'stats connects as its read-only login')
  t.equal(
    serviceEnvironment(services.migrate).get('STATS_DATABASE_URL'),
    serviceEnvironment(services.stats).get('DATABASE_URL'),
    'the migration provisions exactly the login stats uses',
  )
})

t.test('migrate runs the same steps as the Kubernetes migration Job', async (t) => {
  const job = loadManifestFiles([path.join(k8sDir, '20-migrate-job.yaml')])[0]?.object
  const k8sCommand = job?.spec.template.spec.containers[0].command
  t.same(services.migrate.command, k8sCommand)
})
