// Database URL parsing and the Redis plugin, against the machine's real Redis and a Redis of its own that
// it stops and pauses.
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import t from 'tap'
import { ownRedis } from '../../scripts/own-servers.ts'
import { parseDatabaseUrl } from '../src/database-url.ts'
import { COMMAND_TIMEOUT_MS, redis, redisReady } from '../src/redis.ts'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

t.test('parseDatabaseUrl gives discrete settings, decoding what the URL encodes', async (t) => {
  t.same(parseDatabaseUrl('postgres://liftlog:p%40ss@db.internal:6543/lift%20log?sslmode=require'), {
    host: 'db.internal',
    port: 6543,
    user: 'liftlog',
    password: 'p@ss',
    database: 'lift log',
    ssl: true,
  })
  t.same(parseDatabaseUrl('postgresql://127.0.0.1/liftlog?sslmode=disable'), {
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'liftlog',
  })
  t.throws(() => parseDatabaseUrl('mysql://a@b/c'), /expected a postgres:\/\/ URL/)
  t.throws(() => parseDatabaseUrl('postgres://a@b/'), /names no database/)
})

t.test(
  'without a URL fastify.redis is null; with one it is a connected, prefixed client closed on close',
  async (t) => {
    const bare = Fastify()
    await bare.register(redis, { keyPrefix: 'x:' })
    await bare.ready()
    t.equal(bare.redis, null)
    await bare.close()

    const prefix = `kit-test:${process.pid}:`
    const app = Fastify()
    await app.register(redis, { url: REDIS_URL, keyPrefix: prefix })
    await app.ready()
    await app.redis!.set('greeting', 'hello', 'EX', 30)
    t.equal(await app.redis!.get('greeting'), 'hello')
    const client = app.redis!
    const raw = client.duplicate({ keyPrefix: '' })
    await raw.connect() // the copy is lazy and has no offline queue, like the original
    t.equal(await raw.get(`${prefix}greeting`), 'hello', 'keys carry the prefix')
    await raw.del(`${prefix}greeting`)
    raw.disconnect()
    await app.close()
    await t.rejects(client.get('greeting'), /Connection is closed|isn't writeable/, 'closed with the app')
  },
)

/** How long a promise takes to settle, and whether it rejected. */
async function timed(promise: Promise<unknown>) {
  const started = performance.now()
  const outcome = await promise.then(
    () => 'ok',
    (err: Error) => `error: ${err.message}`,
  )
  return { ms: performance.now() - started, outcome }
}

t.test('a stopped or hung Redis fails each command fast, and the client recovers by itself', async (t) => {
  const own = await ownRedis(t, 42001)
  const app = Fastify({ logger: false })
  await app.register(redis, { url: own.url, keyPrefix: 'kit:' })
  await app.ready()
  const client = app.redis!
  t.equal((await timed(client.set('k', 'v'))).outcome, 'ok')
  t.ok(redisReady(client))

  own.pause() // SIGSTOP: the socket stays open, nothing answers
  const hung = await timed(client.get('k'))
  t.match(hung.outcome, /timed out/)
  t.ok(hung.ms < COMMAND_TIMEOUT_MS + 400, `a hung Redis costs one command ${hung.ms.toFixed(0)} ms`)
  own.resume()
  t.equal((await timed(client.get('k'))).outcome, 'ok', 'answers again once resumed')

  await own.stop()
  await sleep(100)
  t.notOk(redisReady(client), 'not ready while stopped')
  const stopped = await timed(client.get('k'))
  t.match(stopped.outcome, /error/)
  t.ok(stopped.ms < 100, `a stopped Redis fails at once (${stopped.ms.toFixed(0)} ms), no offline queue`)

  await own.start()
  const until = Date.now() + 5000
  while (!redisReady(client) && Date.now() < until) await sleep(50)
  t.ok(redisReady(client), 'reconnected without a restart')
  t.equal((await timed(client.set('k', 'v2'))).outcome, 'ok')
  await app.close()
})

t.test('starting while Redis is down does not fail start-up; it connects once Redis answers', async (t) => {
  const own = await ownRedis(t, 42002)
  await own.stop()
  const app = Fastify({ logger: false })
  await app.register(redis, { url: own.url, keyPrefix: 'kit:' })
  await app.ready()
  t.notOk(redisReady(app.redis))
  await own.start()
  const until = Date.now() + 5000
  while (!redisReady(app.redis) && Date.now() < until) await sleep(50)
  t.ok(redisReady(app.redis), 'connected once Redis started')
  await app.close()
})
