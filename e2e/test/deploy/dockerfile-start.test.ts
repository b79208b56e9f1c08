// Each Dockerfile's final stage, run without Docker: its files are laid out as the image would hold them
// (COPY lines, .dockerignore, production dependencies from the lockfile), then its exact CMD runs in its
// WORKDIR with its ENV plus the chart's ConfigMap against a test database. The process must answer
// /health, pass its own HEALTHCHECK, and exit cleanly on its STOPSIGNAL — so a wrong entry path, a file
// missing from the image or a runtime import of a dev dependency fails here.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { createTestDatabase } from '@liftlog/core-service/testing'
import t from 'tap'
import { finalStage, layOutImage, parseDockerfile } from '../../support/dockerfile.ts'
import { repoRoot } from '../../support/k8s-tools.ts'
import { renderChart } from '../../support/manifests.ts'

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitFor(url: string, timeoutMs: number, alive: () => boolean): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline && alive()) {
    try {
      return await fetch(url)
    } catch (error) {
      last = error
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`)
}

const db = await createTestDatabase()
t.teardown(() => db.drop())
const chart = await renderChart()
const configMap = (name: string) =>
  chart.find((m) => m.object.kind === 'ConfigMap' && m.object.metadata.name === name)?.object.data as Record<
    string,
    string
  >

const services = [
  {
    name: 'core',
    dockerfile: 'core-service/Dockerfile',
    port: 25590,
    config: configMap('core-config'),
    secrets: { DATABASE_URL: db.url, SECRET_KEY: 'k'.repeat(48), STATS_TOKEN: 't'.repeat(32) },
  },
  {
    name: 'stats',
    dockerfile: 'stats-service/Dockerfile',
    port: 5000,
    config: configMap('stats-config'),
    secrets: { DATABASE_URL: db.readonlyUrl, STATS_TOKEN: 't'.repeat(32) },
  },
]

for (const service of services) {
  t.test(`${service.dockerfile}: the final stage starts and serves /health`, async (t) => {
    const text = fs.readFileSync(path.join(repoRoot, service.dockerfile), 'utf8')
    const { stages } = parseDockerfile(text)
    const final = finalStage(text)

    t.ok(stages.length >= 3, 'multi-stage')
    t.match(final.stage.from, /^node:24-[a-z]+-slim$/, 'Node 24 LTS slim base')
    t.ok(final.user && !['root', '0'].includes(final.user), `runs as ${final.user}, not root`)
    t.same(final.expose, [service.port], `EXPOSE ${service.port}`)
    t.equal(final.env.PORT, String(service.port), 'ENV PORT matches EXPOSE')
    t.equal(final.env.HOST, '0.0.0.0', 'listens on all interfaces inside the container')
    t.equal(final.stopSignal, 'SIGTERM', 'STOPSIGNAL SIGTERM (graceful shutdown)')
    t.match(final.healthcheck?.join(' '), /\/health/, 'HEALTHCHECK probes /health')
    const install = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
    t.ok(
      install.some((r) => /npm ci --omit=dev/.test(r)),
      'production dependencies only (npm ci --omit=dev)',
    )
    // core's Prisma client is generated at build time; stats has none (pg and SQL only).
    t.equal(
      install.some((r) => /npm run db:generate/.test(r)),
      service.name === 'core',
      service.name === 'core'
        ? 'the Prisma client is generated at build time'
        : 'no Prisma client to generate',
    )

    const image = layOutImage(final, stages)
    t.teardown(() => image.remove())
    t.same(image.problems, [], 'every COPY source exists and is in the build context')
    const cwd = image.hostPath(final.workdir)
    t.ok(fs.existsSync(cwd), `WORKDIR ${final.workdir} exists in the image`)
    const entry = final.command.find((arg) => /\.[cm]?[jt]s$/.test(arg))
    t.ok(entry && fs.existsSync(path.join(cwd, entry)), `the entry ${entry} is in the image`)

    const port = await freePort()
    const env = {
      PATH: process.env.PATH ?? '',
      ...final.env,
      ...service.config,
      ...service.secrets,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `deploy-test-${process.pid}:`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    }
    const [command, ...args] = final.command as [string, ...string[]]
    const started = Date.now()
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    let running = true
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        running = false
        resolve(code)
      }),
    )
    t.teardown(() => child.kill('SIGKILL'))

    const health = await waitFor(`http://127.0.0.1:${port}/health`, 20_000, () => running).catch((error) => {
      t.fail(`${error.message}\n${output}`)
      return null
    })
    if (!health) return
    t.equal(health.status, 200, `/health answers 200 after ${Date.now() - started} ms`)
    // Readiness may take a few tries while the first connections open (a readinessProbe retries too).
    let ready = await fetch(`http://127.0.0.1:${port}/ready`)
    for (let tries = 0; ready.status !== 200 && tries < 20; tries++) {
      await new Promise((r) => setTimeout(r, 250))
      ready = await fetch(`http://127.0.0.1:${port}/ready`)
    }
    t.equal(ready.status, 200, `/ready: database and Redis reachable (${await ready.text()})`)

    const probe = spawnSync(final.healthcheck?.[0] as string, final.healthcheck?.slice(1) ?? [], {
      cwd,
      env: { ...env },
      encoding: 'utf8',
    })
    t.equal(probe.status, 0, 'the image HEALTHCHECK command passes')

    const stopping = Date.now()
    child.kill(final.stopSignal as NodeJS.Signals)
    const code = await exited
    t.equal(code, 0, `exits cleanly on ${final.stopSignal}`)
    t.ok(Date.now() - stopping < 11_000, 'within the 10 s grace period')
  })
}
