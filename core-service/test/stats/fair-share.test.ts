// A new stats replica gets a fair share of traffic soon: behind a balancer that, like a Kubernetes
// Service, picks a replica per TCP connection, a replica added under 20 req/s gets requests within 10 s
// (connections live at most STATS_CONNECTION_TTL_MS, 5 s by default) and both share the traffic after.
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { loadCoreConfig } from '../../src/config.ts'
import { StatsClient } from '../../src/stats/client.ts'
import { MemoryFallbackStore } from '../../src/stats/fallback-store.ts'
import { startFakeStats } from './fake-stats.ts'

const LIFTER = '00000000-0000-4000-8000-00000000000a'

/** Round-robin per connection over the replicas currently listed, like kube-proxy. */
async function balancer(replicas: number[]) {
  let next = 0
  const server = net.createServer((client) => {
    const port = replicas[next++ % replicas.length]!
    const upstream = net.connect(port, '127.0.0.1')
    client.pipe(upstream).pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as net.AddressInfo).port }
}

t.test('a replica added under 20 req/s gets its share within 10 s', async (t) => {
  const a = await startFakeStats()
  const b = await startFakeStats()
  const replicas = [a.port]
  const lb = await balancer(replicas)
  const defaults = loadCoreConfig({
    DATABASE_URL: 'postgres://x@127.0.0.1/x',
    SECRET_KEY: 'x'.repeat(32),
    STATS_TOKEN: 'x'.repeat(16),
  })
  const client = new StatsClient({
    baseUrl: `http://127.0.0.1:${lb.port}`,
    token: 'test-token-0123456789',
    policy: {
      attemptTimeoutMs: defaults.STATS_ATTEMPT_TIMEOUT_MS,
      attempts: defaults.STATS_RETRY_ATTEMPTS,
      backoffMs: defaults.STATS_RETRY_BACKOFF_MS,
      deadlineMs: defaults.STATS_DEADLINE_MS,
      breakerThreshold: defaults.STATS_BREAKER_THRESHOLD,
      breakerCooldownMs: defaults.STATS_BREAKER_COOLDOWN_MS,
    },
    pool: {
      connections: defaults.STATS_POOL_CONNECTIONS,
      connectionTtlMs: defaults.STATS_CONNECTION_TTL_MS,
      keepAliveTimeoutMs: defaults.STATS_KEEPALIVE_TIMEOUT_MS,
    },
    fallback: new MemoryFallbackStore(1_048_576, 60_000),
  })
  t.teardown(async () => {
    await client.close()
    lb.server.close()
    await a.stop()
    await b.stop()
  })
  const drive = async (ms: number) => {
    const until = Date.now() + ms
    while (Date.now() < until) {
      await client.summary(LIFTER)
      await sleep(50) // 20 req/s
    }
  }
  await drive(2000)
  replicas.push(b.port) // scale-up: the new replica is ready
  const addedAt = Date.now()
  let firstAt: number | undefined
  while (Date.now() - addedAt < 10_000 && firstAt === undefined) {
    await drive(200)
    if (b.requests.length > 0) firstAt = Date.now()
  }
  t.ok(
    firstAt !== undefined,
    `the new replica got traffic ${firstAt ? firstAt - addedAt : '—'} ms after it appeared`,
  )
  const [beforeA, beforeB] = [a.requests.length, b.requests.length]
  await drive(10_000)
  const [shareA, shareB] = [a.requests.length - beforeA, b.requests.length - beforeB]
  t.ok(shareB >= (shareA + shareB) * 0.25, `over the next 10 s: old ${shareA}, new ${shareB}`)
  t.ok(shareA >= (shareA + shareB) * 0.25, 'and the old one keeps a share too')
})
