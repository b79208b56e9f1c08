// The internal token guards every /v1 route (constant-time check), other methods get 405, operations
// endpoints stay open, /apidocs documents every route, and the service really connects read-only.
import { createTestDatabase } from '@liftlog/core-service/testing'
import { endpoints, PREFIX } from '@liftlog/stats-contract'
import pg from 'pg'
import sql from 'sql-template-tag'
import t from 'tap'
import { loadStatsConfig } from '../../src/config.ts'
import { tokenMatches } from '../../src/plugins/internal-auth.ts'
import { buildTestStats, TEST_REDIS_URL, TEST_TOKEN } from '../support/stats-app.ts'

const ROUTES = [
  '/v1/users/{userId}/summary',
  '/v1/users/{userId}/volume',
  '/v1/users/{userId}/exercises/{exerciseId}/progression',
  '/v1/users/{userId}/records',
  '/v1/users/{userId}/records/recent',
  '/v1/users/{userId}/breakdown',
  '/v1/users/{userId}/calendar',
  '/v1/users/{userId}/body-weight/trend',
]
const USER = '00000000-0000-4000-8000-000000000000'
const EXERCISE = '00000000-0000-4000-8000-000000000001'
const concrete = (route: string) => route.replace('{userId}', USER).replace('{exerciseId}', EXERCISE)

t.test('every /v1 route answers 401 without the right x-internal-token', async (t) => {
  const { app } = await buildTestStats(t)
  for (const route of ROUTES) {
    const url = concrete(route)
    const missing = await app.inject({ url })
    t.equal(missing.statusCode, 401, `${url} without a token`)
    t.same(missing.json(), {
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'missing x-internal-token header',
    })
    const wrong = await app.inject({ url, headers: { 'x-internal-token': `${TEST_TOKEN.slice(0, -1)}X` } })
    t.equal(wrong.statusCode, 401, `${url} with a wrong token`)
    t.equal(wrong.json().message, 'invalid x-internal-token')
    const short = await app.inject({ url, headers: { 'x-internal-token': 'x' } })
    t.equal(short.statusCode, 401, 'a token of another length is refused too')
  }
  t.equal(tokenMatches(TEST_TOKEN, TEST_TOKEN), true)
  t.equal(tokenMatches(TEST_TOKEN, undefined), false)
  t.equal(tokenMatches(TEST_TOKEN, [TEST_TOKEN, TEST_TOKEN]), false, 'a repeated header is not a token')
})

t.test('methods other than GET answer 405 with Allow: GET, HEAD', async (t) => {
  const { app } = await buildTestStats(t)
  for (const route of ROUTES) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url: concrete(route),
        headers: { 'x-internal-token': TEST_TOKEN },
      })
      t.equal(res.statusCode, 405, `${method} ${route}`)
      t.equal(res.headers.allow, 'GET, HEAD')
      t.match(res.json(), {
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: new RegExp(`^${method} is not allowed`),
      })
    }
  }
  const summary = concrete('/v1/users/{userId}/summary')
  const noToken = await app.inject({ method: 'POST', url: summary })
  t.equal(noToken.statusCode, 401, 'the token is checked first')
  const head = await app.inject({
    method: 'HEAD',
    url: summary,
    headers: { 'x-internal-token': TEST_TOKEN },
  })
  t.equal(head.statusCode, 200)
})

t.test(
  '/health, /ready and /apidocs need no token; /metrics is on the operator port; the docs list every route',
  async (t) => {
    const { app } = await buildTestStats(t)
    t.same((await app.inject('/health')).json(), { status: 'ok' })
    const ready = await app.operator.inject('/ready')
    t.equal(ready.statusCode, 200)
    t.same(ready.json().checks, { database: 'ok' }, 'no Redis configured')
    t.equal((await app.inject('/ready')).body, '{"status":"ready"}', 'public: one line')
    t.equal((await app.inject('/metrics')).statusCode, 404, 'not on the public port')
    const metrics = await app.operator.inject('/metrics')
    t.equal(metrics.statusCode, 200)
    t.match(metrics.body, /stats_cache_lookups_total/)
    t.equal((await app.inject('/apidocs/')).statusCode, 200)
    const doc = (await app.inject('/apidocs/json')).json()
    t.equal(doc.openapi, '3.1.0')
    const contract = Object.values(endpoints).map((e) => `${PREFIX}${e.path}`.replace(/:(\w+)/g, '{$1}'))
    t.same(
      Object.keys(doc.paths).filter((path) => path.startsWith('/v1/')),
      ROUTES,
      'the routes are the list above',
    )
    t.same(ROUTES.toSorted(), contract.toSorted(), 'and exactly the contract’s endpoints')
    for (const route of ROUTES) {
      t.ok(doc.paths[route]?.get, `documents GET ${route}`)
      t.notOk(doc.paths[route]?.post, `the 405 catch for ${route} stays out of the docs`)
      t.ok(doc.paths[route].get.responses['200'].description, 'with a described 200 response')
      t.match(doc.paths[route].get.operationId, /^getV1Users/, 'and an operationId')
      for (const p of doc.paths[route].get.parameters)
        if (p.schema.default !== undefined) t.notOk(p.required, `${p.name} has a default: optional`)
      t.same(doc.paths[route].get.security, [{ internalToken: [] }], 'and the token requirement')
    }
    t.same(doc.components.securitySchemes.internalToken, {
      type: 'apiKey',
      in: 'header',
      name: 'x-internal-token',
    })
    t.notOk(doc.paths['/health'].get.security, '/health needs no token')
    t.match(doc.info.description, /workouts\.local_date/, 'the docs say which date buckets use')
    // The definitions every number follows (written once in service-kit), warm-ups and missed attempts included.
    t.match(doc.info.description, /## How LiftLog counts/)
    t.match(
      doc.info.description,
      /\*\*Warm-up\*\*: A set marked warm-up is shown in its workout and counts towards no/,
    )
    t.match(doc.info.description, /\*\*Missed attempt\*\*: A set with 0 reps/)
  },
)

t.test('/ready checks Redis when it is configured', async (t) => {
  const { app } = await buildTestStats(t, { env: { REDIS_URL: TEST_REDIS_URL } })
  t.same((await app.operator.inject('/ready')).json().checks, { database: 'ok', redis: 'ok' })
})

t.test('the service connects with the read-only login', async (t) => {
  const db = await createTestDatabase()
  t.teardown(() => db.drop())
  const { app } = await buildTestStats(t, { db })
  // Through the service's own pool: the login's read-only default refuses a write.
  await t.rejects(app.db.rows(sql`UPDATE users SET data_version = data_version + 1`), /read-only transaction/)
  // Read-write on purpose, on a connection of the same login: its privileges must refuse too.
  const client = new pg.Client({ connectionString: db.readonlyUrl })
  await client.connect()
  t.teardown(() => client.end())
  await t.rejects(
    client.query('BEGIN READ WRITE; UPDATE users SET data_version = data_version + 1'),
    /permission denied/,
  )
})

t.test('configuration: defaults, and one-line errors naming the variable', async (t) => {
  const config = loadStatsConfig({ DATABASE_URL: 'postgres://stats@db/liftlog', STATS_TOKEN: 'y'.repeat(16) })
  t.match(config, {
    HOST: '0.0.0.0',
    PORT: 5000,
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: 10,
    STATS_CACHE_TTL_SECONDS: 600,
  })
  t.equal(config.REDIS_URL, undefined)
  t.throws(() => loadStatsConfig({ DATABASE_URL: 'postgres://stats@db/liftlog', STATS_TOKEN: 'short' }), {
    name: 'ConfigError',
    message: /^invalid configuration: STATS_TOKEN must not have fewer than 16 characters/,
  })
  t.throws(() => loadStatsConfig({ STATS_TOKEN: 'y'.repeat(16) }), { message: /DATABASE_URL is not set/ })
})

t.test(
  'a database failure is one line on /ready and a 500 naming core’s request id, never a stack trace',
  async (t) => {
    const { app, db } = await buildTestStats(t, { db: await createTestDatabase() })
    await db.drop()
    t.same((await app.inject('/ready')).json(), { status: 'degraded' }, 'one line on the public port')
    const ready = await app.operator.inject('/ready')
    t.equal(ready.statusCode, 200, 'a shared dependency’s failure does not take the replica out of service')
    t.equal(ready.json().status, 'degraded')
    t.match(ready.json().checks.database, /^failing( \(\w+\))?$/)
    const res = await app.inject({
      url: `/v1/users/${USER}/summary`,
      headers: { 'x-internal-token': TEST_TOKEN, 'x-request-id': 'core-req-123' },
    })
    t.equal(res.statusCode, 500)
    t.same(res.json(), { statusCode: 500, code: 'INTERNAL', message: 'internal error, id core-req-123' })
  },
)
