// Redis is optional at run time for stats too: with the result cache's Redis stopped or hung (a Redis of
// this test's own) answers are computed afresh within a few ms more than usual — not after ioredis's
// retries, which used to outlast core's attempt timeout — /ready stays in service, and the cache is used
// again once Redis answers, without a restart.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { ownRedis } from '../../../scripts/own-servers.ts'
import { buildTestStats } from '../support/stats-app.ts'

// Computing the summary takes a few ms here; a hung Redis may add the 50 ms lookup budget. Margin for load.
const LIMIT_MS = 400

t.test('stopped or hung Redis: answers computed at once, readiness kept, cache back after', async (t) => {
  const redis = await ownRedis(t, 42004)
  const { app, get, fixtures } = await buildTestStats(t, { env: { REDIS_URL: redis.url } })
  const lifter = await fixtures.user()
  await fixtures.workout(lifter, new Date(Date.now() - 86_400_000).toISOString(), [
    { exercise: 'barbell-deadlift', reps: 5, kg: 100 },
  ])
  const url = `/v1/users/${lifter}/summary`
  const first = await get(url)
  t.equal(first.statusCode, 200)

  for (const fault of ['stopped', 'paused'] as const) {
    if (fault === 'stopped') await redis.stop()
    else redis.pause()
    await sleep(50)
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      const res = await get(url)
      const ms = performance.now() - started
      t.equal(res.statusCode, 200, `${fault}: answered`)
      t.equal(res.json().totals.volumeKg, 500)
      t.ok(ms < LIMIT_MS, `${fault}: in ${ms.toFixed(0)} ms`)
    }
    const ready = await app.operator.inject('/ready')
    t.equal(ready.statusCode, 200, `${fault}: still in service`)
    t.match(ready.json(), { status: 'degraded', checks: { database: 'ok', redis: /^(failing|no answer)/ } })
    if (fault === 'stopped') await redis.start()
    else redis.resume()
    const until = Date.now() + 5000
    while ((await app.inject('/ready')).json().status !== 'ready' && Date.now() < until) await sleep(50)
    t.equal((await app.inject('/ready')).json().status, 'ready', `${fault}: Redis back without a restart`)
  }

  const computed = (await get(url)).json()
  const cached = (await get(url)).json()
  t.equal(cached.generatedAt, computed.generatedAt, 'served from the cache again')
})
