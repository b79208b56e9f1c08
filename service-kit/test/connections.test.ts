// Database URL parsing and the Redis plugin, against the machine's real Redis.
import Fastify from 'fastify'
import t from 'tap'
import { parseDatabaseUrl } from '../src/database-url.ts'
import { redis } from '../src/redis.ts'

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
    t.equal(await raw.get(`${prefix}greeting`), 'hello', 'keys carry the prefix')
    await raw.del(`${prefix}greeting`)
    raw.disconnect()
    await app.close()
    await t.rejects(client.get('greeting'), /Connection is closed/, 'closed with the app')
  },
)
