// Builds core-service exactly as production does, against this test file's own database and a Redis
// key prefix of its own, and tears both down when the test file ends.
import { randomUUID } from 'node:crypto'
import type { Test } from 'tap'
import { buildCore } from '../../src/build.ts'
import { type CoreConfig, loadCoreConfig } from '../../src/config.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { deleteRedisKeys } from './redis.ts'

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

/** `options.clock` fixes "now" for the whole app (fastify.clock, request.lifter.now) — see buildCore. */
export async function buildTestCore(
  t: Test,
  overrides: Record<string, string> = {},
  options: { clock?: () => Date } = {},
) {
  const db: TestDatabase = await createTestDatabase()
  const config: CoreConfig = loadCoreConfig({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    STATS_TOKEN: 'test-stats-token-0123456789',
    STATS_URL: 'http://127.0.0.1:9', // nothing listens there; tests that need stats override it
    LOG_LEVEL: 'silent',
    ...overrides,
  })
  const app = await buildCore(config, options)
  await app.ready()
  t.teardown(async () => {
    await app.close()
    if (config.REDIS_URL) await deleteRedisKeys(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    await db.drop()
  })
  return { app, db, config }
}
