// Liveness, readiness, docs and config errors behave as operators expect.
import t from 'tap'
import { loadCoreConfig } from '../../src/config.ts'
import { buildTestCore } from '../support/app.ts'

t.test('GET /health and /ready answer 200 when the database and Redis answer', async (t) => {
  const { app } = await buildTestCore(t)
  const health = await app.inject('/health')
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok' })
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 200)
  t.same(ready.json().checks, { database: 'ok', redis: 'ok' })
})

t.test(
  'GET /ready names the database in one line when it cannot be reached, staying in service',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    await db.drop()
    const ready = await app.inject('/ready')
    // A shared dependency is down for every replica at once: readiness must not empty every endpoint.
    t.equal(ready.statusCode, 200)
    t.equal(ready.json().status, 'degraded')
    t.match(ready.json().checks.database, /^failing( \(\w+\))?$/)
    t.notMatch(ready.body, /\\n|Invalid `prisma/, 'no raw driver text')
    t.equal((await app.inject('/health')).statusCode, 200, 'liveness is unaffected')
  },
)

t.test('GET /apidocs serves the docs and /apidocs/json the OpenAPI document', async (t) => {
  const { app } = await buildTestCore(t)
  const page = await app.inject('/apidocs/')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /html/)
  const doc = await app.inject('/apidocs/json')
  t.equal(doc.json().openapi, '3.1.0')
  t.ok(doc.json().paths['/ready'])
})

t.test('an x-request-id from the caller is echoed in logs and error ids', async (t) => {
  const { app } = await buildTestCore(t)
  const res = await app.inject({
    url: '/no-such-route',
    headers: { 'x-request-id': 'trace-me-123', accept: 'application/json' },
  })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'NOT_FOUND')
})

t.test('config names the bad variable in one line', async (t) => {
  t.throws(
    () =>
      loadCoreConfig({ DATABASE_URL: 'nonsense', SECRET_KEY: 'x'.repeat(40), STATS_TOKEN: 'y'.repeat(20) }),
    { name: 'ConfigError', message: /^invalid configuration: DATABASE_URL must match .*got "nonsense"/ },
  )
  t.throws(() => loadCoreConfig({}), { message: /DATABASE_URL is not set/ })
  t.throws(
    () =>
      loadCoreConfig({ DATABASE_URL: 'postgres://a@b/c', SECRET_KEY: 'short', STATS_TOKEN: 'y'.repeat(20) }),
    { message: /SECRET_KEY must not have fewer than 32 characters/ },
  )
  t.throws(
    () =>
      loadCoreConfig({
        DATABASE_URL: 'postgres://a@b/c',
        SECRET_KEY: 'x'.repeat(40),
        STATS_TOKEN: 'y'.repeat(20),
        PORT: 'eighty',
      }),
    { message: /^invalid configuration: PORT / },
  )
})
