// Proxy benchmark (npm run bench:proxy; not part of npm test): what core's resilient stats proxy costs.
// Starts real stats-service and core-service processes on a fresh database with one lifter (~5k sets),
// then measures, over keep-alive HTTP from this process:
//   - latency (sequential requests, p50/p99) and throughput (autocannon, 10 connections), interleaved
//     between targets so background load on a shared machine hits them alike,
//     of GET /v1/users/:id/summary on stats directly vs GET /api/v1/stats/summary through core;
//   - GET /api/v1/me on core (authentication alone), to separate auth cost from proxy cost;
//   - the same proxied call with stats stopped and the breaker open: the stale fallback (Redis) and,
//     for a query never answered before, the 503 degraded answer.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { createTestDatabase } from '@liftlog/core-service/testing'
import { Pool } from 'undici'
import { deleteRedisKeys } from '../../core-service/test/support/redis.ts'
import { freePort, startService } from '../../scripts/processes.ts'
import { autocannon, machineLine, percentile, seedLifter } from './bench-kit.ts'

const STATS_TOKEN = 'bench-stats-token-0123456789'
const LATENCY_RUNS = Number(process.env.BENCH_RUNS ?? 2000)
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

interface Row {
  name: string
  p50: number
  p99: number
  rps: number | null
  status: string
}

/** Sum and count of one Prometheus histogram series, from /metrics text. */
async function histogram(metricsUrl: string, name: string, labels: string) {
  const text = await (await fetch(metricsUrl)).text()
  const value = (suffix: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}_${suffix}{`) && l.includes(labels))
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0
  }
  return { sum: value('sum'), count: value('count') }
}

/** Mean server-side time (ms) core spent per proxied summary, per /me, and per upstream attempt. */
async function coreSideTimes(coreMetricsUrl: string) {
  const metrics = `${coreMetricsUrl}/metrics`
  return {
    proxy: await histogram(metrics, 'http_request_duration_seconds', 'route="/api/v1/stats/summary"'),
    me: await histogram(metrics, 'http_request_duration_seconds', 'route="/api/v1/me"'),
    upstream: await histogram(
      metrics,
      'stats_upstream_attempt_duration_seconds',
      'endpoint="/v1/users/:userId/summary"',
    ),
  }
}

interface Target {
  name: string
  url: string
  headers: Record<string, string>
  throughput: boolean
}

/**
 * Latency and throughput of several targets measured interleaved — a batch of each in turn, round after
 * round — so that load from elsewhere on a shared machine hits them alike and the comparison stays fair.
 */
async function measureInterleaved(targets: Target[], afterLatency?: () => Promise<void>): Promise<Row[]> {
  const BATCH = 50
  const rounds = Math.ceil(LATENCY_RUNS / BATCH)
  const state = targets.map((target) => {
    const url = new URL(target.url)
    return {
      target,
      path: url.pathname + url.search,
      pool: new Pool(url.origin, { connections: 1 }),
      times: [] as number[],
      statuses: new Map<number, number>(),
      rps: [] as number[],
    }
  })
  const once = async (s: (typeof state)[number], record: boolean) => {
    const started = performance.now()
    const res = await s.pool.request({ method: 'GET', path: s.path, headers: s.target.headers })
    await res.body.text()
    if (!record) return
    s.times.push(performance.now() - started)
    s.statuses.set(res.statusCode, (s.statuses.get(res.statusCode) ?? 0) + 1)
  }
  for (const s of state) for (let i = 0; i < 100; i++) await once(s, false) // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const s of state) for (let i = 0; i < BATCH; i++) await once(s, true)
  }
  await afterLatency?.()
  // Throughput: one-second autocannon runs, alternating between targets.
  for (let round = 0; round < THROUGHPUT_SECONDS; round++) {
    for (const s of state.filter((x) => x.target.throughput)) {
      const result = await autocannon({
        url: s.target.url,
        headers: s.target.headers,
        connections: 10,
        duration: 1,
      })
      s.rps.push(result.requests.average)
    }
  }
  return Promise.all(
    state.map(async (s) => {
      await s.pool.close()
      s.times.sort((a, b) => a - b)
      console.error(`  measured: ${s.target.name}`)
      return {
        name: s.target.name,
        p50: percentile(s.times, 0.5),
        p99: percentile(s.times, 0.99),
        rps: s.rps.length ? s.rps.reduce((a, b) => a + b, 0) / s.rps.length : null,
        status: [...s.statuses].map(([code, n]) => `${code}×${n}`).join(' '),
      }
    }),
  )
}

async function main() {
  const db = await createTestDatabase()
  const prefix = `bench:${randomUUID().slice(0, 8)}:`
  const { userId, token } = await seedLifter(db.url)
  const statsPort = await freePort()
  const statsUrl = `http://127.0.0.1:${statsPort}`
  const quiet = () => {}
  const statsEnv = {
    DATABASE_URL: db.readonlyUrl,
    STATS_TOKEN,
    LOG_LEVEL: 'warn',
    REDIS_URL,
    REDIS_KEY_PREFIX: `${prefix}stats:`,
  }
  let stats = await startService({ name: 'stats-service', port: statsPort, env: statsEnv, output: quiet })
  const core = await startService({
    name: 'core-service',
    port: await freePort(),
    env: {
      DATABASE_URL: db.url,
      SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
      STATS_URL: statsUrl,
      STATS_TOKEN,
      LOG_LEVEL: 'warn',
      REDIS_URL,
      REDIS_KEY_PREFIX: `${prefix}core:`,
      // Long enough that the breaker stays open for the whole "stats down" phase.
      STATS_BREAKER_COOLDOWN_MS: '600000',
    },
    output: quiet,
  })
  const rows: Row[] = []
  let serverSide = ''
  try {
    const direct = { 'x-internal-token': STATS_TOKEN }
    const bearer = { authorization: `Bearer ${token}` }
    console.error(
      `stats ${statsUrl}, core ${core.url}; per target: ${LATENCY_RUNS} sequential requests and ${THROUGHPUT_SECONDS} × 1 s at 10 connections, interleaved`,
    )
    const before = await coreSideTimes(core.metricsUrl)
    let after = before
    rows.push(
      ...(await measureInterleaved(
        [
          {
            name: 'stats direct: GET /v1/users/:id/summary',
            url: `${statsUrl}/v1/users/${userId}/summary`,
            headers: direct,
            throughput: true,
          },
          {
            name: 'core proxy: GET /api/v1/stats/summary',
            url: `${core.url}/api/v1/stats/summary`,
            headers: bearer,
            throughput: true,
          },
          {
            name: 'core, authentication only: GET /api/v1/me',
            url: `${core.url}/api/v1/me`,
            headers: bearer,
            throughput: false,
          },
        ],
        async () => {
          after = await coreSideTimes(core.metricsUrl)
        },
      )),
    )

    const mean = (k: 'proxy' | 'me' | 'upstream') =>
      ((after[k].sum - before[k].sum) / Math.max(1, after[k].count - before[k].count)) * 1000
    serverSide = `core-side means over the latency runs (core's own /metrics): proxied summary ${mean('proxy').toFixed(3)} ms, of which waiting for stats ${mean('upstream').toFixed(3)} ms → core's own work ${(mean('proxy') - mean('upstream')).toFixed(3)} ms per proxied call (GET /api/v1/me: ${mean('me').toFixed(3)} ms)`
    await stats.stop()
    // Open the analytics breaker: five failed calls (the summary falls back to its last good answer).
    for (let i = 0; i < 5; i++) await fetch(`${core.url}/api/v1/stats/volume?bucket=day`, { headers: bearer })
    const resilience = (await (await fetch(`${core.metricsUrl}/resilience`)).json()) as {
      breakers: { name: string; state: string }[]
    }
    const state = resilience.breakers.find((b) => b.name === 'analytics')?.state
    if (state !== 'open') throw new Error(`expected the analytics breaker open, it is ${state}`)
    rows.push(
      ...(await measureInterleaved([
        {
          name: 'stats down, breaker open: stale fallback',
          url: `${core.url}/api/v1/stats/summary`,
          headers: bearer,
          throughput: true,
        },
        {
          name: 'stats down, breaker open: 503, nothing kept',
          url: `${core.url}/api/v1/stats/records/recent?days=7`,
          headers: bearer,
          throughput: true,
        },
      ])),
    )
    stats = await startService({ name: 'stats-service', port: statsPort, env: statsEnv, output: quiet })
  } finally {
    await core.stop()
    await stats.stop()
    await db.drop()
    await deleteRedisKeys(REDIS_URL, prefix)
  }

  const [statsRow, coreRow, authRow, openRow, degradedRow] = rows as [Row, Row, Row, Row, Row]
  const ms = (n: number) => `${n.toFixed(3)} ms`
  console.log(`\n${machineLine()}`)
  console.log('\n| measurement | p50 | p99 | req/s (10 conns) | statuses (latency run) |')
  console.log('|---|---|---|---|---|')
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.rps === null ? '—' : Math.round(r.rps)} | ${r.status} |`,
    )
  }
  const overheadP50 = coreRow.p50 - statsRow.p50
  const overheadP99 = coreRow.p99 - statsRow.p99
  console.log(
    `\nproxy overhead (core − stats): p50 ${ms(overheadP50)}, p99 ${ms(overheadP99)}; of which authentication ≈ ${ms(authRow.p50)} p50 for /api/v1/me`,
  )
  console.log(serverSide)
  console.log(`throughput ratio core/stats: ${(coreRow.rps! / statsRow.rps!).toFixed(2)}`)
  console.log(
    `breaker open vs healthy proxy p50: stale ${ms(openRow.p50)} vs ${ms(coreRow.p50)}; degraded 503 ${ms(degradedRow.p50)}`,
  )
  console.log(
    `goals: overhead < 1 ms p50: ${overheadP50 < 1 ? 'MET' : 'NOT MET'}; breaker-open at least as fast as healthy: ${openRow.p50 <= coreRow.p50 && degradedRow.p50 <= coreRow.p50 ? 'MET' : 'NOT MET'}`,
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
