// stats-service benchmark (npm run bench:stats; not part of npm test). Builds its own database, writes two
// synthetic lifters over ten years — 10k and 100k working-and-warm-up sets — with bulk INSERT … SELECT
// generate_series, boots the real stats app on a port and times every endpoint over HTTP: uncached
// (cache TTL 0, every request computed in PostgreSQL) and cached (Redis), p50/p95, and the 100k/10k ratio.
import { performance } from 'node:perf_hooks'
import { createTestDatabase } from '@liftlog/core-service/testing'
import pg from 'pg'
import { buildStats } from '../../stats-service/src/build.ts'
import { loadStatsConfig } from '../../stats-service/src/config.ts'
import { machineLine, percentile } from './bench-kit.ts'

const TOKEN = 'bench-stats-token-0123456789'
const ZONE = 'America/New_York'
const SETS_PER_WORKOUT = 25
const UNCACHED_RUNS = Number(process.env.BENCH_RUNS ?? 40)
const CACHED_RUNS = 200

async function createLifter(client: pg.Client, name: string, sets: number): Promise<string> {
  const workouts = Math.round(sets / SETS_PER_WORKOUT)
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (id, username, password_hash, display_name, time_zone, unit, updated_at)
     VALUES (gen_random_uuid(), $1, 'x', $3, $2, 'kg', now()) RETURNING id`,
    [name, ZONE, name],
  )
  const userId = rows[0]!.id
  // Workouts spread evenly over ten years ending now, at a random hour of the day (many near midnight).
  await client.query(
    `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
     SELECT gen_random_uuid(), $1::uuid, t, (t AT TIME ZONE $2)::date, now()
     FROM (SELECT now() - interval '3650 days' + (i * interval '3650 days' / $3) + random() * interval '20 hours' AS t
           FROM generate_series(0, $3 - 1) AS i) AS g`,
    [userId, ZONE, workouts],
  )
  // 25 sets per workout: five exercises (rotating through 15 built-ins) × 5 sets, the first set of each a
  // warm-up half the time; weights trend up over the years with noise, reps 1–15.
  await client.query(
    `WITH ex AS (SELECT array_agg(id ORDER BY catalog_key) AS ids
                 FROM (SELECT id, catalog_key FROM exercises WHERE owner_id IS NULL ORDER BY catalog_key LIMIT 15) e),
          w AS (SELECT id, started_at, row_number() OVER (ORDER BY started_at) AS n FROM workouts WHERE user_id = $1::uuid)
     INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, is_warmup)
     SELECT gen_random_uuid(), w.id, ex.ids[1 + ((w.n * 5 + p / 5) % 15)::int], $1::uuid, w.started_at, p,
            1 + floor(random() * 15)::int,
            round((40 + 60 * w.n::numeric / $2 + random() * 40)::numeric / 2.5) * 2.5,
            p % 5 = 0 AND random() < 0.5
     FROM w CROSS JOIN ex CROSS JOIN generate_series(0, $3 - 1) AS p`,
    [userId, workouts, SETS_PER_WORKOUT],
  )
  await client.query('UPDATE users SET data_version = 1 WHERE id = $1', [userId])
  return userId
}

async function time(base: string, url: string, runs: number): Promise<{ p50: number; p95: number }> {
  const samples: number[] = []
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now()
    const res = await fetch(base + url, { headers: { 'x-internal-token': TOKEN } })
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
    await res.arrayBuffer()
    if (i >= 3) samples.push(performance.now() - start) // the first three warm pools and JIT
  }
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) }
}

async function boot(databaseUrl: string, env: Record<string, string>) {
  const config = loadStatsConfig({
    DATABASE_URL: databaseUrl,
    STATS_TOKEN: TOKEN,
    LOG_LEVEL: 'warn',
    REDIS_KEY_PREFIX: `bench:${process.pid}:`,
    ...env,
  })
  const app = await buildStats(config)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, base: address }
}

const db = await createTestDatabase()
const owner = new pg.Client({ connectionString: db.url })
await owner.connect()
try {
  let started = performance.now()
  const small = await createLifter(owner, 'bench_10k', 10_000)
  const large = await createLifter(owner, 'bench_100k', 100_000)
  // What autovacuum would have done by the time a real lifter had ten years of history.
  await owner.query('VACUUM ANALYZE workouts, workout_sets')
  const { rows: counts } = await owner.query<{ username: string; sets: number; workouts: number }>(
    `SELECT u.username, (SELECT count(*)::int FROM workout_sets s WHERE s.user_id = u.id) AS sets,
            (SELECT count(*)::int FROM workouts w WHERE w.user_id = u.id) AS workouts
     FROM users u ORDER BY sets`,
  )
  console.log(
    `generated in ${Math.round(performance.now() - started)} ms:`,
    counts.map((c) => `${c.username} ${c.sets} sets / ${c.workouts} workouts`).join(', '),
  )
  const { rows: bench } = await owner.query<{ id: string }>(
    `SELECT id FROM exercises WHERE catalog_key = 'barbell-bench-press'`,
  )
  const { rows: first } = await owner.query<{ id: string }>(
    `SELECT exercise_id AS id FROM workout_sets WHERE user_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [large],
  )
  const exerciseId = first[0]?.id ?? bench[0]!.id

  const endpoints: [string, (u: string) => string][] = [
    ['summary', (u) => `/v1/users/${u}/summary`],
    ['volume (week, 12 months)', (u) => `/v1/users/${u}/volume`],
    ['volume (month, all)', (u) => `/v1/users/${u}/volume?bucket=month&range=all`],
    ['volume (day, all)', (u) => `/v1/users/${u}/volume?bucket=day&range=all`],
    ['volume (week, 1 exercise)', (u) => `/v1/users/${u}/volume?exerciseId=${exerciseId}`],
    ['progression (all time)', (u) => `/v1/users/${u}/exercises/${exerciseId}/progression`],
    ['records', (u) => `/v1/users/${u}/records`],
    ['records/recent (30 d)', (u) => `/v1/users/${u}/records/recent`],
    ['breakdown (12 months)', (u) => `/v1/users/${u}/breakdown`],
    ['breakdown (all)', (u) => `/v1/users/${u}/breakdown?range=all`],
    ['calendar', (u) => `/v1/users/${u}/calendar`],
  ]
  const uncached = await boot(db.readonlyUrl, { STATS_CACHE_TTL_SECONDS: '0' })
  const cached = await boot(db.readonlyUrl, {
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  })
  started = performance.now()
  const rows: string[][] = []
  const fmt = (ms: number) => ms.toFixed(1)
  for (const [name, url] of endpoints) {
    const u10 = await time(uncached.base, url(small), UNCACHED_RUNS)
    const u100 = await time(uncached.base, url(large), UNCACHED_RUNS)
    const c10 = await time(cached.base, url(small), CACHED_RUNS)
    const c100 = await time(cached.base, url(large), CACHED_RUNS)
    rows.push([
      name,
      `${fmt(u10.p50)} / ${fmt(u10.p95)}`,
      `${fmt(u100.p50)} / ${fmt(u100.p95)}`,
      `${(u100.p50 / u10.p50).toFixed(1)}×`,
      `${fmt(c10.p50)} / ${fmt(c10.p95)}`,
      `${fmt(c100.p50)} / ${fmt(c100.p95)}`,
    ])
  }
  const header = [
    'endpoint',
    'uncached 10k p50/p95',
    'uncached 100k p50/p95',
    '100k/10k',
    'cached 10k p50/p95',
    'cached 100k p50/p95',
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  console.log(
    `\nstats-service latency in ms over HTTP (uncached: ${UNCACHED_RUNS} runs, cached: ${CACHED_RUNS} runs; Node ${process.version})`,
  )
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows) console.log(line(row))
  // The machine is shared: latency depends on what else runs, so say how busy it was.
  console.log(`\nmeasured in ${Math.round((performance.now() - started) / 1000)} s; ${machineLine()}`)
  await uncached.app.close()
  const prefix = cached.app.redis?.options.keyPrefix ?? ''
  const keys = (await cached.app.redis?.keys(`${prefix}*`)) ?? []
  if (keys.length) await cached.app.redis!.del(...keys.map((k) => k.slice(prefix.length)))
  await cached.app.close()
} finally {
  await owner.end()
  await db.drop()
}
