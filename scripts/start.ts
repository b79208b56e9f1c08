// `npm start`: the whole app on one machine with no setup. With no DATABASE_URL it runs an embedded
// PostgreSQL (data in .data/, reused next time); then migrates, seeds, provisions stats' read-only login,
// starts stats-service (loopback only) and core-service (every interface unless HOST says otherwise)
// side by side, prints every address a phone on the same network can open, and on Ctrl-C stops
// everything in reverse order. Each phase prints how long it took; a failure is one line, never a trace.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseDatabaseUrl, withUser } from '@liftlog/core-service/db/connection'
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.ts'
import { repoRoot, type ServiceProcess, startService } from './processes.ts'

const dataDir = path.join(repoRoot, '.data')
const STATS_LOGIN = 'liftlog_stats'
const began = Date.now()

function log(message: string) {
  process.stdout.write(`[liftlog] ${message}\n`)
}

/** Runs one start-up phase and prints its duration. */
async function phase<T>(name: string, work: () => Promise<T>, detail: (result: T) => string): Promise<T> {
  const start = Date.now()
  const result = await work()
  log(`${name}: ${detail(result)} (${((Date.now() - start) / 1000).toFixed(1)} s)`)
  return result
}

/** Secrets are generated once and kept in .data/, so signed cookies stay valid across restarts (and
 * the sessions themselves live in the database, or in Redis with REDIS_URL). */
function localSecrets(): {
  SECRET_KEY: string
  STATS_TOKEN: string
  STATS_DB_PASSWORD: string
  PG_PASSWORD: string
} {
  const file = path.join(dataDir, 'secrets.json')
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'))
  const secrets = {
    SECRET_KEY: randomBytes(32).toString('hex'),
    STATS_TOKEN: randomBytes(24).toString('hex'),
    STATS_DB_PASSWORD: randomBytes(16).toString('hex'),
    PG_PASSWORD: randomBytes(16).toString('hex'),
  }
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/** The addresses other devices can use: every non-internal interface when listening on all of them. */
function reachableUrls(host: string, port: number): string[] {
  const wildcard = host === '0.0.0.0' || host === '::'
  if (!wildcard) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`]
  const urls = [`http://localhost:${port}`]
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal || (host === '0.0.0.0' && entry.family !== 'IPv4')) continue
      if (entry.family === 'IPv6' && entry.address.startsWith('fe80')) continue // link-local needs a zone id
      urls.push(`http://${entry.family === 'IPv6' ? `[${entry.address}]` : entry.address}:${port}`)
    }
  }
  return urls
}

/** Migrations, seed and stats' login run in a child that exits, so this launcher stays small. */
function prepareDatabase(
  databaseUrl: string,
  statsUrl: string,
): Promise<{ applied: string[]; catalogAdded: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/db/cli.ts', 'prepare'],
      {
        cwd: path.join(repoRoot, 'core-service'),
        env: { ...process.env, DATABASE_URL: databaseUrl, STATS_DATABASE_URL: statsUrl },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.trim() || error.message))
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'))
      },
    )
  })
}

async function main() {
  const children: ServiceProcess[] = []
  let embedded: EmbeddedPostgres | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    log('stopping…')
    // Reverse order: core first (it calls stats), then stats, then the database under both.
    const order = ['core-service', 'stats-service']
    children.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
    for (const child of children) await child.stop()
    await embedded?.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  // Last resort if this process is ended before its shutdown finishes: never leave services running.
  process.on('exit', () => {
    for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGTERM')
  })

  try {
    const secrets = localSecrets()
    const external = process.env.DATABASE_URL
    if (!external) {
      const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
      embedded = await phase(
        'PostgreSQL',
        () => startEmbeddedPostgres({ dataDir, port, password: secrets.PG_PASSWORD }),
        (pg) => `${pg.created ? 'created' : 'started'} in ${pg.clusterDir}, listening on 127.0.0.1:${port}`,
      )
    }
    const databaseUrl = external ?? embedded!.url
    const statsPassword = process.env.STATS_DB_PASSWORD ?? secrets.STATS_DB_PASSWORD
    await phase(
      'migrations and seed',
      () => prepareDatabase(databaseUrl, withUser(databaseUrl, STATS_LOGIN, statsPassword)),
      ({ applied, catalogAdded }) =>
        `${applied.length ? applied.join(', ') : 'up to date'} on ${parseDatabaseUrl(databaseUrl).host}; catalog ${catalogAdded} added`,
    )

    const shared = {
      STATS_TOKEN: process.env.STATS_TOKEN ?? secrets.STATS_TOKEN,
      REDIS_URL: process.env.REDIS_URL,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    }
    const statsPort = Number(process.env.STATS_PORT ?? 5000)
    const coreHost = process.env.HOST || '0.0.0.0'
    const corePort = Number(process.env.PORT ?? 25590)
    // Side by side: core starts without stats (it falls back until stats answers), so neither waits.
    // Both are awaited to the end, so a failure of one never leaves the other running untracked.
    const startBoth = async () => {
      const results = await Promise.allSettled([
        startService({
          name: 'stats-service',
          port: statsPort,
          metricsPort: Number(process.env.STATS_METRICS_PORT ?? 9101),
          env: { ...shared, DATABASE_URL: withUser(databaseUrl, STATS_LOGIN, statsPassword) },
          waitFor: '/ready',
        }),
        startService({
          name: 'core-service',
          host: coreHost,
          port: corePort,
          metricsPort: Number(process.env.METRICS_PORT ?? 9100),
          env: {
            ...shared,
            DATABASE_URL: databaseUrl,
            SECRET_KEY: process.env.SECRET_KEY ?? secrets.SECRET_KEY,
            STATS_URL: `http://127.0.0.1:${statsPort}`,
          },
          waitFor: '/ready',
        }),
      ])
      for (const result of results) if (result.status === 'fulfilled') children.push(result.value)
      for (const result of results) if (result.status === 'rejected') throw result.reason
    }
    await phase(
      'stats-service and core-service',
      startBoth,
      () => `stats on 127.0.0.1:${statsPort} (internal), core on ${coreHost}:${corePort}`,
    )
    for (const child of children) {
      child.child.once('exit', (code) => {
        if (!stopping) {
          log(`${child.name} exited unexpectedly (code ${code})`)
          void shutdown(1)
        }
      })
    }
    const seconds = ((Date.now() - began) / 1000).toFixed(1)
    log(`LiftLog is running after ${seconds} s — open it at:`)
    for (const url of reachableUrls(coreHost, corePort)) log(`  ${url}`)
    log(
      'plain HTTP: fine at home; put a TLS reverse proxy in front before exposing it beyond your network. Ctrl-C stops.',
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log(`could not start: ${message.split('\n')[0]}`)
    await shutdown(1)
  }
}

await main()
