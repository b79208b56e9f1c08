// Cached answers are reused until the lifter's data_version moves — which core bumps in the same
// transaction as every write — so a new or edited workout shows on the very next request, with Redis
// and with the in-process cache alike.
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { cacheKey, MemoryCache } from '../../src/stats/result-cache.ts'
import { buildTestStats, TEST_REDIS_URL } from '../support/stats-app.ts'

for (const backend of ['memory', 'redis'] as const) {
  t.test(`${backend} cache: reused while nothing changes, fresh after a write`, async (t) => {
    const env: Record<string, string> = backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}
    const { app, get, fixtures, clock } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z', env })
    t.equal(app.resultCache.backend.kind, backend)
    const lifter = await fixtures.user()
    const w = await fixtures.workout(lifter, '2026-06-29T10:00:00Z', [
      { exercise: 'barbell-deadlift', reps: 5, kg: 100 },
    ])
    const url = `/v1/users/${lifter}/summary`

    const first = (await get(url)).json()
    t.equal(first.totals.volumeKg, 500)
    clock.now = new Date('2026-06-30T12:05:00Z')
    const again = (await get(url)).json()
    t.equal(again.generatedAt, first.generatedAt, 'served from the cache')

    // A write exactly as core does it: rows and the version bump in one transaction.
    await fixtures.workout(lifter, '2026-06-30T09:00:00Z', [
      { exercise: 'barbell-deadlift', reps: 3, kg: 120 },
    ])
    const after = (await get(url)).json()
    t.equal(after.totals.volumeKg, 860, '500 + 360 on the next request')
    t.equal(after.generatedAt, '2026-06-30T12:05:00.000Z', 'computed afresh')

    // An edit (heavier set) with its bump; also without the bump first, to show what the key relies on.
    await fixtures.client.query('UPDATE workout_sets SET weight_kg = 110 WHERE workout_id = $1', [w.id])
    t.equal(
      (await get(url)).json().totals.volumeKg,
      860,
      'a write that skips the bump is not seen (the contract with core)',
    )
    await fixtures.client.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [lifter])
    t.equal((await get(url)).json().totals.volumeKg, 910, '550 + 360 once data_version moves')

    const other = (await get(`/v1/users/${lifter}/calendar?month=2026-06`)).json()
    t.same(other.days.length, 2, 'other endpoints and parameters have keys of their own')

    if (backend === 'redis') {
      const prefix = app.redis!.options.keyPrefix ?? ''
      const keys = await app.redis!.keys(`${prefix}stats:summary:${lifter}:*`)
      t.equal(keys.length, 3, 'one Redis entry per data_version seen: 1, 2 and 3')
      const ttl = await app.redis!.ttl(keys[0]!.slice(prefix.length))
      t.ok(ttl > 0 && ttl <= 600, 'entries expire (STATS_CACHE_TTL_SECONDS)')
    }
  })
}

t.test('STATS_CACHE_TTL_SECONDS=0 turns caching off', async (t) => {
  const { get, fixtures, clock } = await buildTestStats(t, {
    now: '2026-06-30T12:00:00Z',
    env: { STATS_CACHE_TTL_SECONDS: '0' },
  })
  const lifter = await fixtures.user()
  const first = (await get(`/v1/users/${lifter}/summary`)).json()
  clock.now = new Date('2026-06-30T12:00:01Z')
  t.not((await get(`/v1/users/${lifter}/summary`)).json().generatedAt, first.generatedAt)
})

t.test('a new local day is a new key, so "this week" never goes stale overnight', async (t) => {
  const base = {
    endpoint: 'summary',
    userId: 'u',
    dataVersion: 3,
    timeZone: 'UTC',
    unit: 'kg',
    query: { b: 2, a: 1, c: undefined },
  }
  const key = cacheKey({ ...base, today: '2026-06-30' })
  t.equal(key, 'stats:summary:u:v3:UTC:kg:2026-06-30:a=1&b=2')
  t.not(cacheKey({ ...base, today: '2026-07-01' }), key)
  t.not(cacheKey({ ...base, today: '2026-06-30', dataVersion: 4 }), key)
})

t.test('MemoryCache is bounded by bytes (least recently used goes first) and entries expire', async (t) => {
  let now = 1_000 // lru-cache treats a start time of 0 as "no expiry"
  // Each entry here counts 100 bytes (key, value and the slot's overhead): room for two.
  const cache = new MemoryCache(200, () => now)
  await cache.set('a', '1', 10)
  await cache.set('b', '2', 10)
  t.equal(await cache.get('a'), '1') // a is now the most recently used
  await cache.set('c', '3', 10)
  t.equal(cache.size, 2)
  t.equal(await cache.get('b'), undefined, 'b was least recently used')
  t.equal(await cache.get('a'), '1')
  now = 11_000
  t.equal(await cache.get('c'), '3', 'still there at exactly 10 s')
  now = 11_001
  t.equal(await cache.get('c'), undefined, 'expired after 10 s')
})

t.test(
  '500 distinct large answers keep the in-process cache, and the heap, within its byte bound',
  async (t) => {
    v8.setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const bound = 16 * 1024 * 1024
    const cache = new MemoryCache(bound)
    gc()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < 500; i++) {
      await cache.set(
        `stats:volume:u${i}:v1`,
        JSON.stringify({ i, series: `${i}:`.padEnd(125_000, 'x') }),
        600,
      )
    }
    gc()
    const grown = process.memoryUsage().heapUsed - before
    t.ok(cache.bytes <= bound, `counted ${(cache.bytes / 2 ** 20).toFixed(1)} MiB`)
    t.ok(cache.size < 500, `${cache.size} of 500 kept`)
    t.ok(grown < bound + 8 * 2 ** 20, `heap grew ${(grown / 2 ** 20).toFixed(1)} MiB (bound 16 MiB)`)
  },
)
