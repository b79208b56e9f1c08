// Soak: a real stats-service process answers tens of thousands of mixed requests and its resident memory
// must level off. Native memory that V8's heap does not see (an Intl formatter built per request) shows up
// only in RSS, so that is what is measured, from /proc, every 1,000 requests, and the peak (VmHWM) must
// stay under a bound. A healthy process's RSS still rises between V8's major collections (about 2.5 KB a
// request, given back later), so a percentage over a short window is noise; the leak this guards against
// took the process to 565–1,076 MB within 30,000 requests, where a healthy one peaks near 350–380 MB.
import fs from 'node:fs'
import { createTestDatabase } from '@liftlog/core-service/testing'
import t from 'tap'
import { freePort, startService } from '../../../scripts/processes.ts'
import { Fixtures } from '../support/fixtures.ts'
import { TEST_TOKEN } from '../support/stats-app.ts'

const WARM_UP = Number(process.env.SOAK_WARM_UP ?? 6_000)
const SOAK = Number(process.env.SOAK_REQUESTS ?? 32_000)
const SAMPLE_EVERY = 1_000
const CONCURRENCY = 10
const MAX_PEAK_MB = 480

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1])
  return kb / 1024
}

t.test('stats-service memory stays flat over a soak of mixed requests', async (t) => {
  const db = await createTestDatabase()
  t.teardown(() => db.drop())
  const fixtures = await Fixtures.connect(db.url)
  t.teardown(() => fixtures.close())
  // Lifters in zones with odd offsets, so every request validates and converts a zone.
  const zones = ['Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Ljubljana']
  const lifters: string[] = []
  for (const timeZone of zones) {
    const id = await fixtures.user({ timeZone })
    for (let day = 1; day <= 20; day++) {
      await fixtures.workout(id, `2026-10-${String(day).padStart(2, '0')}T18:30:00Z`, [
        { exercise: 'barbell-bench-press', reps: 5, kg: 80 + day },
        { exercise: 'barbell-back-squat', reps: 3, kg: 120 + day },
      ])
    }
    lifters.push(id)
  }
  const bench = await fixtures.exerciseId('barbell-bench-press')

  const port = await freePort()
  const stats = await startService({
    name: 'stats-service',
    port,
    env: {
      DATABASE_URL: db.readonlyUrl,
      STATS_TOKEN: TEST_TOKEN,
      LOG_LEVEL: 'warn',
      REDIS_URL: undefined,
    },
    output: () => {},
  })
  t.teardown(() => stats.stop())
  const pid = stats.child.pid as number

  const paths = (id: string) => [
    `/v1/users/${id}/summary`,
    `/v1/users/${id}/volume?bucket=week`,
    `/v1/users/${id}/exercises/${bench}/progression`,
    `/v1/users/${id}/records`,
    `/v1/users/${id}/records/recent?days=30`,
    `/v1/users/${id}/breakdown`,
    `/v1/users/${id}/calendar?month=2026-10`,
  ]
  const urls = lifters.flatMap(paths)
  let sent = 0
  let failures = 0
  const samples: number[] = []
  const run = async (count: number) => {
    const end = sent + count
    const worker = async () => {
      while (sent < end) {
        const url = urls[sent++ % urls.length] as string
        const res = await fetch(`${stats.url}${url}`, { headers: { 'x-internal-token': TEST_TOKEN } })
        await res.arrayBuffer()
        if (res.status !== 200) failures++
        if (sent % SAMPLE_EVERY === 0 && sent > WARM_UP) samples.push(rssMb(pid))
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  }

  await run(WARM_UP)
  const started = Date.now()
  await run(SOAK)
  const quarter = Math.max(1, Math.floor(samples.length / 4))
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
  const before = median(samples.slice(0, quarter))
  const after = median(samples.slice(-quarter))
  const growth = (after - before) / before
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024
  t.comment(
    `RSS median over the first quarter of ${SOAK} requests (after ${WARM_UP} warm-up) ${before.toFixed(1)} MB; ` +
      `over the last quarter ${after.toFixed(1)} MB (${(growth * 100).toFixed(1)} %, ` +
      `${Math.round(SOAK / ((Date.now() - started) / 1000))} req/s); samples ${samples.map((v) => v.toFixed(0)).join(' ')}`,
  )
  t.equal(failures, 0, 'every request answered 200')
  t.ok(peak <= MAX_PEAK_MB, `peak RSS ${peak.toFixed(1)} MB (limit ${MAX_PEAK_MB} MB)`)
})
