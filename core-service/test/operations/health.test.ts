// Liveness, readiness, docs and config errors behave as operators expect.
import t from 'tap'
import { loadCoreConfig } from '../../src/config.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

interface Operation {
  operationId?: string
  parameters?: {
    name: string
    in: string
    required?: boolean
    example?: unknown
    examples?: unknown
    schema?: { default?: unknown; examples?: unknown[] }
  }[]
}

t.test('GET /health and /ready answer 200 when the database and Redis answer', async (t) => {
  const { app } = await buildTestCore(t)
  const health = await app.inject('/health')
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok' })
  const ready = await app.operator.inject('/ready')
  t.equal(ready.statusCode, 200)
  t.same(ready.json().checks, { database: 'ok', redis: 'ok' })
  t.equal((await app.inject('/ready')).body, '{"status":"ready"}', 'the public port: one line')
})

t.test(
  'GET /ready names the database in one line when it cannot be reached, staying in service',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    await db.drop()
    const ready = await app.operator.inject('/ready')
    // A shared dependency is down for every replica at once: readiness must not empty every endpoint.
    t.equal(ready.statusCode, 200)
    t.equal(ready.json().status, 'degraded')
    t.match(ready.json().checks.database, /^failing( \(\w+\))?$/)
    t.notMatch(ready.body, /\\n|Invalid `prisma/, 'no raw driver text')
    const publicReady = await app.inject('/ready')
    t.equal(publicReady.statusCode, 200)
    t.same(publicReady.json(), { status: 'degraded' }, 'no reasons on the public port')
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

t.test(
  '/apidocs is ready to try out: operation ids, optional defaults, no pre-filled filters, how to sign in',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const doc = (await app.inject('/apidocs/json')).json()
    const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    )
    t.ok(operations.length > 20)
    const ids = operations.map(({ op }) => op.operationId)
    t.notOk(ids.includes(undefined), 'every operation has an operationId')
    t.equal(new Set(ids).size, ids.length, 'and each is unique')
    t.equal(doc.paths['/api/v1/workouts'].get.operationId, 'getApiV1Workouts')
    for (const { path, method, op } of operations) {
      for (const p of op.parameters ?? []) {
        if (p.schema?.default !== undefined)
          t.notOk(p.required, `${method} ${path} ${p.name}: a default is optional`)
      }
    }
    t.match(doc.info.description, /press \*\*Authorize\*\*/, 'how to authenticate for Try it out')

    // What "Try it out" sends for GET /api/v1/workouts untouched: only the values the document pre-fills.
    const prisma = testPrisma(t, db.url)
    const { bench } = await catalog(prisma)
    const lifter = await signUp(app)
    for (const day of ['2026-01-05', '2026-01-07', '2026-01-09'])
      await logWorkout(lifter, {
        startedAt: `${day}T10:00:00Z`,
        sets: [{ exerciseId: bench, reps: 5, weight: 80 }],
      })
    const prefilled = new URLSearchParams()
    for (const p of doc.paths['/api/v1/workouts'].get.parameters ?? []) {
      const example = p.example ?? p.examples ?? p.schema?.examples?.[0]
      if (p.in === 'query' && example !== undefined) prefilled.set(p.name, String(example))
    }
    const tried = await lifter.api('GET', `/api/v1/workouts?${prefilled}`)
    t.equal(tried.json().items.length, 3, 'a lifter with 3 workouts sees them')
  },
)

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

t.test('operator endpoints answer on METRICS_PORT only, never on the public port', async (t) => {
  const { app } = await buildTestCore(t)
  for (const url of ['/metrics', '/resilience']) {
    const res = await app.inject({ url, headers: { accept: 'application/json' } })
    t.equal(res.statusCode, 404, `public ${url}: 404`)
    t.equal((await app.operator.inject(url)).statusCode, 200, `operator ${url}: 200`)
  }
  const doc = (await app.inject('/apidocs/json')).json()
  t.notOk(doc.paths['/resilience'], 'the public docs do not list /resilience')
})

t.test('the operator server listens on METRICS_PORT beside the public port', async (t) => {
  const { app } = await buildTestCore(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  await app.operator.listen({ host: '127.0.0.1', port: 0 })
  const port = (server: typeof app) => (server.server.address() as { port: number }).port
  const publicUrl = `http://127.0.0.1:${port(app)}`
  const operatorUrl = `http://127.0.0.1:${port(app.operator)}`
  t.equal((await fetch(`${publicUrl}/metrics`)).status, 404)
  const scrape = await fetch(`${operatorUrl}/metrics`)
  t.equal(scrape.status, 200)
  t.match(await scrape.text(), /http_requests_total/)
  t.equal((await fetch(`${operatorUrl}/workouts`)).status, 404, 'the operator port serves nothing else')
})
