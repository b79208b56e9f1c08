// Proxy benchmark (npm run bench:proxy; not part of npm test): what core's resilient stats proxy costs.
// Starts real stats-service and core-service processes on a fresh database with one lifter (~5k sets),
// then measures, over keep-alive HTTP from this process:
//   - latency (sequential requests, p50/p99 in µs precision) and throughput (autocannon, 10 connections)
//     of GET /v1/users/:id/summary on stats directly vs GET /api/v1/stats/summary through core;
//   - GET /api/v1/me on core (authentication alone), to separate auth cost from proxy cost;
//   - the same proxied call with stats stopped and the breaker open: the stale fallback (Redis) and,
//     for a query never answered before, the 503 degraded answer.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { createTestDatabase } from '@liftlog/core-service/testing'
import pg from 'pg'
import { Pool } from 'undici'
import { freePort, startService } from '../../scripts/processes.ts'

// autocannon ships no types; this is the little of its API the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string
  headers: Record<string, string>
  connections: number
  duration: number
}) => Promise<{ requests: { average: number }; non2xx: number; errors: number }>

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

async function seedLifter(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const token = `llt_${randomBytes(24).toString('hex')}`
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (id, username, password_hash, display_name, time_zone, unit, updated_at)
     VALUES (gen_random_uuid(), 'bench_lifter', 'x', 'Bench Lifter', 'Europe/Ljubljana', 'kg', now()) RETURNING id`,
  )
  const userId = rows[0]!.id
  await client.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix) VALUES (gen_random_uuid(), $1, 'bench', $2, $3)`,
    [userId, createHash('sha256').update(token).digest('hex'), token.slice(0, 12)],
  )
  // 500 workouts over two years, 10 sets each across 5 built-in exercises.
  await client.query(
    `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
     SELECT gen_random_uuid(), $1::uuid, t, (t AT TIME ZONE 'Europe/Ljubljana')::date, now()
     FROM (SELECT now() - interval '730 days' + i * interval '730 days' / 500 AS t FROM generate_series(0, 499) AS i) g`,
    [userId],
  )
  await client.query(
    `WITH ex AS (SELECT array_agg(id ORDER BY catalog_key) AS ids
                 FROM (SELECT id, catalog_key FROM exercises WHERE owner_id IS NULL ORDER BY catalog_key LIMIT 5) e),
          w AS (SELECT id, started_at, row_number() OVER (ORDER BY started_at) AS n FROM workouts WHERE user_id = $1::uuid)
     INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, is_warmup)
     SELECT gen_random_uuid(), w.id, ex.ids[1 + p / 2], $1::uuid, w.started_at, p,
            1 + floor(random() * 12)::int, round((40 + w.n * 0.1 + random() * 40) / 2.5) * 2.5, false
     FROM w CROSS JOIN ex CROSS JOIN generate_series(0, 9) AS p`,
    [userId],
  )
  await client.query('UPDATE users SET data_version = 1 WHERE id = $1', [userId])
  await client.end()
  return { userId, token }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/** Sequential requests over one keep-alive connection: latency without queueing. */
async function latency(url: string, headers: Record<string, string>, runs = LATENCY_RUNS) {
  const target = new URL(url)
  const pool = new Pool(target.origin, { connections: 1 })
  const times: number[] = []
  const statuses = new Map<number, number>()
  for (let i = 0; i < runs + 100; i++) {
    const started = performance.now()
    const res = await pool.request({ method: 'GET', path: target.pathname + target.search, headers })
    await res.body.text()
    if (i >= 100) times.push(performance.now() - started) // first 100: warm-up
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
  }
  await pool.close()
  times.sort((a, b) => a - b)
  const status = [...statuses].map(([code, n]) => `${code}×${n}`).join(' ')
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), status }
}

async function throughput(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: 10, duration: THROUGHPUT_SECONDS })
  return result.requests.average
}

async function measure(
  name: string,
  url: string,
  headers: Record<string, string>,
  withThroughput = true,
): Promise<Row> {
  const lat = await latency(url, headers)
  const rps = withThroughput ? await throughput(url, headers) : null
  const row = { name, ...lat, rps }
  console.error(`  measured: ${name}`)
  return row
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
  try {
    const direct = { 'x-internal-token': STATS_TOKEN }
    const bearer = { authorization: `Bearer ${token}` }
    console.error(
      `stats ${statsUrl}, core ${core.url}; ${LATENCY_RUNS} sequential requests + ${THROUGHPUT_SECONDS} s × 10 connections each`,
    )
    rows.push(
      await measure(
        'stats direct  GET /v1/users/:id/summary',
        `${statsUrl}/v1/users/${userId}/summary`,
        direct,
      ),
    )
    rows.push(
      await measure('core proxy    GET /api/v1/stats/summary', `${core.url}/api/v1/stats/summary`, bearer),
    )
    rows.push(await measure('core auth only GET /api/v1/me', `${core.url}/api/v1/me`, bearer, false))

    await stats.stop()
    // Open the analytics breaker: five failed calls (the summary falls back to its last good answer).
    for (let i = 0; i < 5; i++) await fetch(`${core.url}/api/v1/stats/volume?bucket=day`, { headers: bearer })
    const resilience = (await (await fetch(`${core.url}/resilience`)).json()) as {
      breakers: { name: string; state: string }[]
    }
    const state = resilience.breakers.find((b) => b.name === 'analytics')?.state
    if (state !== 'open') throw new Error(`expected the analytics breaker open, it is ${state}`)
    rows.push(
      await measure('stats down, breaker open: stale fallback', `${core.url}/api/v1/stats/summary`, bearer),
    )
    rows.push(
      await measure(
        'stats down, breaker open: 503, nothing kept',
        `${core.url}/api/v1/stats/records/recent?days=7`,
        bearer,
      ),
    )
    stats = await startService({ name: 'stats-service', port: statsPort, env: statsEnv, output: quiet })
  } finally {
    await core.stop()
    await stats.stop()
    await db.drop()
  }

  const [statsRow, coreRow, authRow, openRow, degradedRow] = rows as [Row, Row, Row, Row, Row]
  const ms = (n: number) => `${n.toFixed(3)} ms`
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
