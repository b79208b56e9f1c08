// Last-good stores: the in-memory LRU stays within its bounds; the Redis store round-trips and expires.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import t from 'tap'
import { MemoryFallbackStore, RedisFallbackStore } from '../../src/stats/fallback-store.ts'
import { TEST_REDIS_URL } from '../support/app.ts'
import { deleteRedisKeys } from '../support/redis.ts'

t.test('the memory store evicts the least recently used entry beyond its size', async (t) => {
  const store = new MemoryFallbackStore(3, 60_000)
  for (const key of ['a', 'b', 'c']) await store.set(key, { json: `"${key}"`, fetchedAt: Date.now() })
  await store.get('a') // a is now the most recently used
  await store.set('d', { json: '"d"', fetchedAt: Date.now() })
  t.equal(store.size, 3)
  t.equal(await store.get('b'), null, 'b was least recently used')
  t.equal((await store.get('a'))?.json, '"a"')
  t.equal((await store.get('d'))?.json, '"d"')
})

t.test('the memory store forgets answers older than its TTL', async (t) => {
  const store = new MemoryFallbackStore(10, 1000)
  await store.set('old', { json: '1', fetchedAt: Date.now() - 2000 })
  await store.set('new', { json: '2', fetchedAt: Date.now() })
  t.equal(await store.get('old'), null)
  t.equal((await store.get('new'))?.json, '2')
  t.equal(store.size, 1)
})

t.test('the Redis store keeps the JSON text and its time, with an expiry', async (t) => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: prefix })
  t.teardown(async () => {
    await redis.quit()
    await deleteRedisKeys(TEST_REDIS_URL, prefix)
  })
  await redis.ping() // connected: the store skips Redis while it is not
  const store = new RedisFallbackStore(redis, 1)
  const json = JSON.stringify({ text: 'line\nbreak', n: 1 })
  await store.set('analytics:/v1/users/u/summary', { json, fetchedAt: 1_700_000_000_000 })
  t.same(await store.get('analytics:/v1/users/u/summary'), { json, fetchedAt: 1_700_000_000_000 })
  t.ok((await redis.pttl('stats:last-good:analytics:/v1/users/u/summary')) > 0, 'expires')
  t.equal(await store.get('analytics:/v1/users/other/summary'), null)
  await sleep(1100)
  t.equal(await store.get('analytics:/v1/users/u/summary'), null, 'gone after the TTL')
})
