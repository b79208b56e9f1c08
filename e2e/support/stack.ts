// The whole app for cross-service tests: real stats-service and core-service processes on free ports,
// over a fresh test database (stats through the read-only login) and a Redis key prefix of their own.
import { randomUUID } from 'node:crypto'
import { createTestDatabase, deleteRedisKeys, type TestDatabase } from '@liftlog/core-service/testing'
import { freePort, type ServiceProcess, startService } from '../../scripts/processes.ts'

export interface Stack {
  coreUrl: string
  statsUrl: string
  db: TestDatabase
  /** Lines both services logged, newest last (useful when a test fails). */
  logs: string[]
  stopStats(): Promise<void>
  startStats(): Promise<void>
  stop(): Promise<void>
}

export interface StackOptions {
  /** Start stats-service too (default true). */
  stats?: boolean
  /** Extra environment for core (e.g. a short breaker cooldown). */
  coreEnv?: Record<string, string>
  statsEnv?: Record<string, string>
  redis?: boolean
}

const STATS_TOKEN = 'e2e-stats-token-0123456789'

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase()
  const logs: string[] = []
  const output = (line: string) => {
    logs.push(line)
    if (logs.length > 2000) logs.shift()
  }
  const redis =
    options.redis === false
      ? {}
      : {
          REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
          REDIS_KEY_PREFIX: `e2e:${randomUUID().slice(0, 8)}:`,
        }
  const statsPort = await freePort()
  const statsUrl = `http://127.0.0.1:${statsPort}`
  let stats: ServiceProcess | undefined
  const startStats = async () => {
    stats = await startService({
      name: 'stats-service',
      port: statsPort,
      env: { DATABASE_URL: db.readonlyUrl, STATS_TOKEN, LOG_LEVEL: 'info', ...redis, ...options.statsEnv },
      output,
    })
  }
  const stopStats = async () => {
    await stats?.stop()
    stats = undefined
  }
  if (options.stats !== false) await startStats()
  const core = await startService({
    name: 'core-service',
    port: await freePort(),
    env: {
      DATABASE_URL: db.url,
      SECRET_KEY: 'e2e-secret-key-that-is-long-enough-0123456789',
      STATS_URL: statsUrl,
      STATS_TOKEN,
      LOG_LEVEL: 'info',
      ...redis,
      ...options.coreEnv,
    },
    output,
  })
  return {
    coreUrl: core.url,
    statsUrl,
    db,
    logs,
    stopStats,
    startStats,
    stop: async () => {
      await Promise.all([core.stop(), stopStats()])
      if (redis.REDIS_URL) await deleteRedisKeys(redis.REDIS_URL, redis.REDIS_KEY_PREFIX)
      await db.drop()
    },
  }
}
