// Last-good stores: the in-memory LRU stays within its bounds; the Redis store round-trips and expires.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Redis } from 'ioredis'
import t from 'tap'
import { MemoryFallbackStore, RedisFallbackStore } from '../../src/stats/fallback-store.ts'
import { TEST_REDIS_URL } from '../support/app.ts'
import { deleteRedisKeys } from '../support/redis.ts'

t.test('the memory store evicts the least recently used entry beyond its byte bound', async (t) => {
  // Each entry here counts 120 bytes (key, JSON, its time and the slot's overhead): room for three.
  const store = new MemoryFallbackStore(360, 60_000)
  for (const key of ['a', 'b', 'c']) await store.set(key, { json: `"${key}"`, fetchedAt: Date.now() })
  await store.get('a') // a is now the most recently used
  await store.set('d', { json: '"d"', fetchedAt: Date.now() })
  t.equal(store.size, 3)
  t.ok(store.bytes <= 360)
  t.equal(await store.get('b'), null, 'b was least recently used')
  t.equal((await store.get('a'))?.json, '"a"')
  t.equal((await store.get('d'))?.json, '"d"')
})

t.test('the memory store forgets answers older than its TTL', async (t) => {
  const store = new MemoryFallbackStore(1_048_576, 1000)
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

t.test('500 distinct large answers keep the memory store, and the heap, within its byte bound', async (t) => {
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const bound = 16 * 1024 * 1024
  const store = new MemoryFallbackStore(bound, 60_000)
  gc()
  const before = process.memoryUsage().heapUsed
  // ~250 KB each, like ten years of daily volume: 125 MB if all were kept.
  for (let i = 0; i < 500; i++) {
    const json = JSON.stringify({ i, series: `${i}:`.padEnd(125_000, 'x') })
    await store.set(`analytics:/v1/users/u${i}/volume?bucket=day&range=all`, { json, fetchedAt: Date.now() })
  }
  gc()
  const grown = process.memoryUsage().heapUsed - before
  t.ok(store.bytes <= bound, `counted ${(store.bytes / 2 ** 20).toFixed(1)} MiB`)
  t.ok(store.size < 500, `${store.size} of 500 kept`)
  t.ok(grown < bound + 8 * 2 ** 20, `heap grew ${(grown / 2 ** 20).toFixed(1)} MiB (bound 16 MiB)`)
  t.ok(await store.get('analytics:/v1/users/u499/volume?bucket=day&range=all'), 'the newest is kept')
})
