// The shared error shape, health and readiness, and metrics, on a real Fastify instance.
import Fastify from 'fastify'
import t from 'tap'
import { errorHandler, toErrorBody } from '../src/errors.ts'
import { healthRoutes } from '../src/health.ts'
import { metrics } from '../src/metrics.ts'
import { operatorServer } from '../src/operator.ts'
import { serverOptions } from '../src/server.ts'

async function build(
  checks: Record<string, () => Promise<unknown>>,
  renderPage?: Parameters<typeof errorHandler>[1]['renderPage'],
) {
  const app = Fastify(serverOptions({ LOG_LEVEL: 'silent' }))
  await app.register(errorHandler, renderPage ? { renderPage } : {})
  await app.register(operatorServer)
  await app.register(metrics, { service: 'test' })
  await app.register(healthRoutes, { checks, timeoutMs: 100, warmUpMs: 300 })
  app.get('/boom', async () => {
    throw new Error('secret detail')
  })
  app.post(
    '/things/:id',
    {
      schema: {
        body: { type: 'object', required: ['reps'], properties: { reps: { type: 'integer', minimum: 0 } } },
      },
    },
    async () => ({ ok: true }),
  )
  return app
}

t.test('5xx answers carry only the request id; the detail stays in the logs', async (t) => {
  const app = await build({})
  const res = await app.inject({ url: '/boom', headers: { 'x-request-id': 'req-42' } })
  t.equal(res.statusCode, 500)
  t.same(res.json(), { statusCode: 500, code: 'INTERNAL', message: 'internal error, id req-42' })
})

t.test('validation errors name the field and what is wrong', async (t) => {
  const app = await build({})
  const missing = await app.inject({ method: 'POST', url: '/things/1', payload: {} })
  t.equal(missing.statusCode, 400)
  t.same(missing.json(), { statusCode: 400, code: 'VALIDATION', message: 'body/reps is required' })
  const negative = await app.inject({ method: 'POST', url: '/things/1', payload: { reps: -1 } })
  t.same(negative.json(), { statusCode: 400, code: 'VALIDATION', message: 'body/reps must be >= 0' })
})

t.test('unknown routes are 404 with the shared shape; renderPage can answer instead', async (t) => {
  const app = await build({})
  t.same((await app.inject('/nope?x=1')).json(), {
    statusCode: 404,
    code: 'NOT_FOUND',
    message: 'no route GET /nope',
  })
  const html = await build({}, async (_request, reply, body) =>
    reply.type('text/html').send(`<h1>${body.message}</h1>`),
  )
  const page = await html.inject('/nope')
  t.equal(page.statusCode, 404)
  t.equal(page.body, '<h1>Page not found</h1>')
})

t.test('a 4xx error from a handler keeps its code and message', async (t) => {
  const error = Object.assign(new Error('that name is taken'), { statusCode: 409, code: 'CONFLICT' })
  t.same(toErrorBody(error as never, 'r1'), {
    statusCode: 409,
    code: 'CONFLICT',
    message: 'that name is taken',
  })
})

t.test('a 4xx error that names its fields answers them; validation issues carrying theirs too', async (t) => {
  const error = Object.assign(new Error('sets.0.reps: too many'), {
    statusCode: 400,
    code: 'VALIDATION',
    fields: { 'sets.0.reps': 'too many' },
  })
  t.same(toErrorBody(error as never, 'r1'), {
    statusCode: 400,
    code: 'VALIDATION',
    message: 'sets.0.reps: too many',
    fields: { 'sets.0.reps': 'too many' },
  })
  const invalid = Object.assign(new Error('x'), {
    statusCode: 400,
    validationContext: 'body',
    validation: [
      {
        keyword: 'maximum',
        instancePath: '/reps',
        params: {},
        message: 'must be <= 9',
        field: 'reps',
        fieldMessage: 'at most 9',
      },
    ],
  })
  t.same(toErrorBody(invalid as never, 'r1'), {
    statusCode: 400,
    code: 'VALIDATION',
    message: 'body/reps must be <= 9',
    fields: { reps: 'at most 9' },
  })
})

t.test('/ready reports each shared dependency in one line and stays 200 while one fails', async (t) => {
  const healthy = await build({ database: async () => 1 })
  t.same((await healthy.operator.inject('/ready')).json(), { status: 'ready', checks: { database: 'ok' } })
  t.equal((await healthy.inject('/ready')).body, '{"status":"ready"}', 'the public port: one line')
  const broken = await build({
    database: async () => {
      // What Prisma 7 throws when PostgreSQL is stopped: multi-line, naming the host.
      throw Object.assign(
        new Error(
          "\nInvalid `prisma.$queryRaw()` invocation:\n\nCan't reach database server at db.internal:5432",
        ),
        {
          code: 'P2010',
          meta: {
            driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } },
          },
        },
      )
    },
    redis: () => new Promise(() => {}),
  })
  const res = await broken.operator.inject('/ready')
  t.equal(res.statusCode, 200, 'a shared dependency down for every replica must not empty every endpoint')
  t.same(res.json(), {
    status: 'degraded',
    checks: { database: 'failing (DatabaseNotReachable)', redis: 'no answer within 100 ms' },
  })
  t.notMatch(res.body, /db\.internal|\\n/, 'no raw driver text, one line each')
  const publicReady = await broken.inject('/ready')
  t.equal(publicReady.statusCode, 200)
  t.equal(publicReady.body, '{"status":"degraded"}', 'no failure reasons on the public port')
  t.equal((await broken.inject('/health')).statusCode, 200, 'liveness does not depend on dependencies')
})

t.test('a required check does gate readiness', async (t) => {
  const app = Fastify(serverOptions({ LOG_LEVEL: 'silent' }))
  await app.register(errorHandler)
  await app.register(healthRoutes, {
    checks: { local: async () => Promise.reject(new Error('x')) },
    required: ['local'],
    timeoutMs: 100,
    warmUpMs: 100,
  })
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 503)
  t.same(res.json(), { status: 'unavailable' })
})

t.test('a database outage answers 503 with Retry-After and no raw text; a catalogued 503 too', async (t) => {
  const app = await build({})
  app.get('/db-down', async () => {
    throw Object.assign(new Error('Raw query failed. Code: `N/A`. Message: `Can’t reach database server`'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    })
  })
  app.get('/db-slow', async () => {
    throw Object.assign(new Error('canceling statement due to statement timeout'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '57014' } } },
    })
  })
  app.get('/sessions-down', async () => {
    throw Object.assign(new Error('sign-in is temporarily unavailable'), {
      statusCode: 503,
      code: 'SIGN_IN_UNAVAILABLE',
      retryAfterSeconds: 3,
    })
  })
  for (const url of ['/db-down', '/db-slow']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 503, url)
    t.equal(res.headers['retry-after'], '5', url)
    t.same(res.json(), {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'the database is temporarily unavailable; try again in 5 seconds',
    })
  }
  const sessions = await app.inject('/sessions-down')
  t.equal(sessions.statusCode, 503)
  t.equal(sessions.headers['retry-after'], '3')
  t.same(sessions.json(), {
    statusCode: 503,
    code: 'SIGN_IN_UNAVAILABLE',
    message: 'sign-in is temporarily unavailable',
  })
  t.equal((await app.inject('/boom')).statusCode, 500, 'a bug is still a 500')
})

t.test('start-up waits for a slow first answer, so the first probe is not a false "not ready"', async (t) => {
  let calls = 0
  // Like a cold pool: the first query pays for the connection and is slower than the probe timeout.
  const coldThenFast = () => new Promise((resolve) => setTimeout(resolve, ++calls === 1 ? 200 : 1))
  const app = await build({ database: coldThenFast })
  const res = await app.inject('/ready')
  t.equal(res.statusCode, 200)
  t.equal(calls, 2, 'one warm-up at start-up, then the probe')
})

t.test('/metrics counts requests by route pattern, never by raw path', async (t) => {
  const app = await build({})
  await app.inject({ method: 'POST', url: '/things/123', payload: { reps: 1 } })
  await app.inject({ method: 'POST', url: '/things/456', payload: { reps: 1 } })
  const text = (await app.operator.inject('/metrics')).body
  t.match(text, /http_requests_total\{method="POST",route="\/things\/:id",status="200",service="test"\} 2/)
  t.notMatch(text, /things\/123/)
})

t.test('/metrics is served on the operator server only; the public port answers 404', async (t) => {
  const app = await build({})
  t.equal((await app.inject('/metrics')).statusCode, 404)
  const scrape = await app.operator.inject('/metrics')
  t.equal(scrape.statusCode, 200)
  t.match(scrape.headers['content-type'], /text\/plain/)
})

t.test('x-request-id: a short plain id from the caller is kept, anything else is replaced', async (t) => {
  const app = Fastify(serverOptions({ LOG_LEVEL: 'silent' }))
  app.get('/id', async (request) => ({ id: request.id }))
  const idFor = async (header?: string) =>
    (await app.inject({ url: '/id', headers: header === undefined ? {} : { 'x-request-id': header } })).json()
      .id
  t.equal(await idFor('core-req-123'), 'core-req-123')
  for (const bad of ['x'.repeat(129), '<script>', 'a b', 'id\ttab', 'ünïcode']) {
    t.match(await idFor(bad), /^[0-9a-f-]{36}$/, `${JSON.stringify(bad.slice(0, 10))} is replaced by a UUID`)
  }
  t.match(await idFor(), /^[0-9a-f-]{36}$/)
})

t.test('one info line per request, when it ends, with method, url, status and request id', async (t) => {
  const lines: Record<string, unknown>[] = []
  const options = serverOptions({ LOG_LEVEL: 'info' })
  const stream = { write: (line: string) => lines.push(JSON.parse(line)) }
  const app = Fastify({ ...options, logger: { ...(options.logger as object), stream } })
  app.get('/things', async () => ({ ok: true }))
  app.get('/health', async () => ({ status: 'ok' }))
  await app.inject({ url: '/things?page=2', headers: { 'x-request-id': 'req-1' } })
  await app.inject('/health')
  await app.inject('/missing')
  const requestLines = lines.filter((l) => l.req || l.res)
  t.equal(requestLines.length, 2, 'one for /things, one for the 404, none for the probe')
  t.match(requestLines[0], {
    level: 30,
    msg: 'request completed',
    requestId: 'req-1',
    req: { method: 'GET', url: '/things?page=2' },
    res: { statusCode: 200 },
    responseTime: Number,
  })
  t.match(requestLines[1], { res: { statusCode: 404 } })
})
