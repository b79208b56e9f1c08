// Fault benchmark (npm run bench:faults; not part of npm test): how core answers while stats, Redis or
// PostgreSQL misbehave. One run, one table. Everything is real and this run's own: a PostgreSQL 15 and a
// redis-server on ports 42040/42041 that it stops and pauses, a counting stand-in for stats that can be
// stopped, black-holed, slowed or made to fail, and core built as in production (requests go through
// Fastify's full request path via inject, from random client addresses). Per scenario a fresh core (fresh
// breakers), 10 lifters who have each seen their dashboard once (so last good answers exist), then 10
// dashboards at once, 10 API calls at once, and 10 sign-ins at once (one group after the other: ten argon2
// verifications would otherwise eat this 2-core machine and time everything else). Goals: max page ≤ 1.0 s,
// max API ≤ 1.5 s, zero 500s. (In core-service/bench because it builds core in this process.)
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { ownPostgres, ownRedis } from '../../scripts/own-servers.ts'
import { buildCore } from '../src/build.ts'
import { loadCoreConfig } from '../src/config.ts'
import { seedDatabase } from '../src/db/database.ts'
import { applyMigrations } from '../src/db/schema-engine.ts'
import { FakeStats } from '../test/stats/fake-stats.ts'
import { DEFAULT_PASSWORD, guestForm, postForm, type SignedInUser, signUp } from '../test/support/users.ts'

const LIFTERS = 10

/** The little of tap's Test that own-servers needs: teardowns, run at the end. */
const teardowns: (() => Promise<void> | void)[] = []
const harness = { teardown: (fn: () => Promise<void> | void) => teardowns.push(fn) } as unknown as Test

interface Scenario {
  name: string
  env?: Record<string, string>
  /** Puts the fault in place (after warm-up). */
  fault(ctx: Ctx): Promise<void>
  /** Takes it away again. */
  heal(ctx: Ctx): Promise<void>
}
interface Ctx {
  stats: FakeStats
  redis: Awaited<ReturnType<typeof ownRedis>>
  pg: Awaited<ReturnType<typeof ownPostgres>>
  app: FastifyInstance
}

const none = async () => {}
/** A fault (or its healing) that only changes how the stand-in for stats answers. */
const behave =
  (behaviour: FakeStats['behaviour']) =>
  async ({ stats }: Ctx) => {
    stats.behaviour = behaviour
  }
const scenarios: Scenario[] = [
  { name: 'healthy', fault: none, heal: none },
  {
    name: 'stats down',
    fault: async ({ stats }) => stats.stop(),
    heal: async ({ stats }) => void (await stats.start()),
  },
  {
    name: 'stats black-hole',
    fault: behave({ kind: 'slow', delayMs: 600_000 }),
    heal: behave({ kind: 'ok' }),
  },
  {
    name: 'stats slow (1.5 s)',
    fault: behave({ kind: 'slow', delayMs: 1500 }),
    heal: behave({ kind: 'ok' }),
  },
  {
    name: 'stats 500',
    fault: behave({ kind: 'status', status: 500 }),
    heal: behave({ kind: 'ok' }),
  },
  {
    name: 'half-open (2.4 s)',
    env: { STATS_BREAKER_COOLDOWN_MS: '1000' },
    fault: async ({ stats, app }) => {
      stats.behaviour = { kind: 'status', status: 500 }
      const someone = lifters[0]!
      for (let i = 0; i < 6; i++) await someone.api('GET', `/api/v1/stats/records/recent?days=${i + 1}`)
      await sleep(1100)
      stats.behaviour = { kind: 'slow', delayMs: 2400 }
      void app
    },
    heal: behave({ kind: 'ok' }),
  },
  {
    name: 'pool saturation (4 conns, 300 ms)',
    env: { STATS_POOL_CONNECTIONS: '4' },
    fault: behave({ kind: 'slow', delayMs: 300 }),
    heal: behave({ kind: 'ok' }),
  },
  {
    name: 'Redis stopped',
    fault: async ({ redis }) => redis.stop(),
    heal: async ({ redis }) => redis.start(),
  },
  {
    name: 'Redis paused',
    fault: async ({ redis }) => redis.pause(),
    heal: async ({ redis }) => redis.resume(),
  },
  {
    name: 'PostgreSQL stopped',
    fault: async ({ pg }) => pg.stop(),
    heal: async ({ pg }) => pg.start(),
  },
]

let lifters: SignedInUser[] = []

interface Sample {
  status: number
  ms: number
}
async function timed(request: () => Promise<{ statusCode: number }>): Promise<Sample> {
  const started = performance.now()
  const res = await request()
  return { status: res.statusCode, ms: performance.now() - started }
}
function summarise(samples: Sample[]) {
  const counts = new Map<number, number>()
  for (const s of samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1)
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
  return {
    mix: [...counts].map(([status, n]) => `${status}×${n}`).join(' '),
    p50: ms[Math.floor(ms.length / 2)] ?? 0,
    max: ms[ms.length - 1] ?? 0,
    fiveHundreds: samples.filter((s) => s.status === 500).length,
  }
}

async function main() {
  const pg = await ownPostgres(harness, 42040)
  const redis = await ownRedis(harness, 42041)
  const stats = await new FakeStats().start()
  teardowns.push(() => stats.stop())
  await applyMigrations(pg.url)
  await seedDatabase(pg.url)

  const rows: string[][] = []
  const only = process.env.BENCH_ONLY // e.g. BENCH_ONLY=Redis runs the scenarios naming it
  for (const scenario of scenarios.filter((s) => !only || s.name.includes(only))) {
    stats.behaviour = { kind: 'ok' }
    const config = loadCoreConfig({
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `bench:${randomUUID().slice(0, 8)}:`,
      SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
      STATS_TOKEN: 'bench-stats-token-0123456789',
      STATS_URL: stats.url,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      ...scenario.env,
    })
    const app = await buildCore(config)
    await app.ready()
    lifters = []
    for (let i = 0; i < LIFTERS; i++) lifters.push(await signUp(app))
    for (const lifter of lifters) {
      await lifter.page('/progress')
      await lifter.api('GET', '/api/v1/stats/volume')
    }
    const forms = await Promise.all(lifters.map(() => guestForm(app)))
    const ctx = { stats, redis, pg, app }
    await scenario.fault(ctx)
    await sleep(50)
    const before = stats.requests.length
    const pages = await Promise.all(lifters.map((l) => timed(() => l.page('/progress'))))
    const apis = await Promise.all(lifters.map((l) => timed(() => l.api('GET', '/api/v1/stats/volume'))))
    const logins = await Promise.all(
      lifters.map((l, i) =>
        timed(() =>
          postForm(app, '/login', forms[i]!, { username: l.user.username, password: DEFAULT_PASSWORD }),
        ),
      ),
    )
    if (process.env.BENCH_DEBUG) {
      const odd = await lifters[0]!.api('GET', '/api/v1/stats/volume')
      if (odd.statusCode >= 500) console.error(scenario.name, odd.statusCode, odd.body.slice(0, 300))
    }
    const upstream = stats.requests.length - before
    const calls = LIFTERS * 3 + LIFTERS // a dashboard asks stats three things
    const breaker = (await app.operator
      .inject('/resilience')
      .then((r) => r.json())
      .catch(() => undefined)) as { breakers: { name: string; state: string }[] } | undefined
    const p = summarise(pages)
    const a = summarise(apis)
    const l = summarise(logins)
    rows.push([
      scenario.name,
      p.mix,
      `${p.p50.toFixed(0)}/${p.max.toFixed(0)}`,
      a.mix,
      `${a.p50.toFixed(0)}/${a.max.toFixed(0)}`,
      l.mix,
      `${l.p50.toFixed(0)}/${l.max.toFixed(0)}`,
      (upstream / calls).toFixed(2),
      breaker?.breakers.find((b) => b.name === 'analytics')?.state ?? '?',
      p.max <= 1000 && a.max <= 1500 && p.fiveHundreds + a.fiveHundreds + l.fiveHundreds === 0 ? 'yes' : 'NO',
    ])
    await scenario.heal(ctx)
    await app.close()
    await sleep(1200) // Redis/PostgreSQL reconnects settle before the next scenario
  }
  const header = [
    'scenario',
    'dashboards',
    'p50/max ms',
    'API calls',
    'p50/max ms',
    'sign-ins',
    'p50/max ms',
    'upstream/call',
    'breaker after',
    'goals met',
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows) console.log(line(row))
  console.log(
    `\n${LIFTERS} lifters at once per scenario; goals: max page ≤ 1000 ms, max API ≤ 1500 ms, zero 500s.`,
  )
}

try {
  await main()
} finally {
  for (const fn of teardowns.reverse())
    await Promise.resolve()
      .then(fn)
      .catch((err) => console.error(err))
}
