// Builds stats-service exactly as production does — connected as the SELECT-only login — on this test
// file's own database, with an owner connection for writing fixtures, and tears both down at the end.
import { randomUUID } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@liftlog/core-service/testing'
import type { Test } from 'tap'
import { buildStats } from '../../src/build.ts'
import { loadStatsConfig } from '../../src/config.ts'
import { Fixtures } from './fixtures.ts'

export const TEST_TOKEN = 'test-stats-token-0123456789'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

export interface StatsTestOptions {
  env?: Record<string, string>
  /** The instant the app believes is now. */
  now?: string
  /** Reuse a database made by an earlier call in the same file. */
  db?: TestDatabase
}

export async function buildTestStats(t: Test, options: StatsTestOptions = {}) {
  const db = options.db ?? (await createTestDatabase())
  const config = loadStatsConfig({
    DATABASE_URL: db.readonlyUrl,
    STATS_TOKEN: TEST_TOKEN,
    REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`,
    LOG_LEVEL: 'silent',
    ...options.env,
  })
  const clock = { now: options.now ? new Date(options.now) : new Date() }
  const app = await buildStats(config, { clock: () => clock.now })
  await app.ready()
  const fixtures = options.db ? undefined : await Fixtures.connect(db.url)
  t.teardown(async () => {
    if (app.redis) {
      // KEYS patterns are not prefixed by ioredis; the keys it returns are full names.
      const keys = await app.redis.keys(`${config.REDIS_KEY_PREFIX}*`)
      if (keys.length) await app.redis.del(...keys.map((k) => k.slice(config.REDIS_KEY_PREFIX.length)))
    }
    await app.close()
    if (!options.db) {
      await fixtures!.close()
      await db.drop()
    }
  })
  /** GET with the internal token. */
  const get = async (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { 'x-internal-token': TEST_TOKEN, ...headers } })
  return { app, db, config, clock, get, fixtures: fixtures as Fixtures }
}
