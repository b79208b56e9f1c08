// What the benchmarks share: autocannon's typed API, percentiles, the machine's load line, and a lifter
// with two years of history (~5k sets) written straight into a fresh database.
import { createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import pg from 'pg'

export interface AutocannonResult {
  requests: { average: number; total: number }
  non2xx: number
  errors: number
}

/** A running load test: awaitable for its result; 'response' carries each latency in fractional ms
 *  (the result's own latency histogram keeps whole milliseconds only). */
export interface AutocannonRun extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void,
  ): this
}

// autocannon ships no types; this is the little of its API the benches use.
export const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  body?: string
  connections: number
  duration: number
}) => AutocannonRun

/** The value at fraction `p` (0–1) of an ascending array. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/** CPUs and the 1/5/15-minute load average: on a shared machine every figure depends on it. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')
  return `machine: ${os.cpus().length} CPUs, load average 1/5/15 min ${load} (a shared machine inflates every figure)`
}

/**
 * 500 workouts over the last two years, 10 sets each across the first 5 built-in exercises (weights
 * trending up, reps 1–12), for an existing user; marks the user's data changed so stats recomputes.
 */
export async function seedHistory(client: pg.Client, userId: string): Promise<void> {
  await client.query(
    `INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
     SELECT gen_random_uuid(), $1::uuid, t, (t AT TIME ZONE u.time_zone)::date, now()
     FROM users u,
          (SELECT now() - interval '730 days' + i * interval '730 days' / 500 AS t FROM generate_series(0, 499) AS i) g
     WHERE u.id = $1::uuid`,
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
  await client.query('UPDATE users SET data_version = data_version + 1 WHERE id = $1', [userId])
}

/** An API token for the user, stored the way core stores them (sha256 of the secret, its prefix). */
export async function createApiToken(client: pg.Client, userId: string): Promise<string> {
  const token = `llt_${randomBytes(24).toString('hex')}`
  await client.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix) VALUES (gen_random_uuid(), $1, 'bench', $2, $3)`,
    [userId, createHash('sha256').update(token).digest('hex'), token.slice(0, 12)],
  )
  return token
}

/** A new lifter 'bench_lifter' (no password) with seedHistory's workouts and an API token. */
export async function seedLifter(url: string): Promise<{ userId: string; token: string }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (id, username, password_hash, display_name, time_zone, unit, updated_at)
       VALUES (gen_random_uuid(), 'bench_lifter', 'x', 'Bench Lifter', 'Europe/Ljubljana', 'kg', now()) RETURNING id`,
    )
    const userId = rows[0]!.id
    const token = await createApiToken(client, userId)
    await seedHistory(client, userId)
    return { userId, token }
  } finally {
    await client.end()
  }
}
