// core against the REAL stats-service (its own process, started as in production, on the same test database
// through its read-only login): the contract shapes agree, numbers are right, and a stop/start is survived.
// (A child process rather than an in-process build: importing stats' sources would mix both services'
// Fastify type augmentations into core's type-check.)
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { freePort } from '../../../scripts/processes.ts'
import { buildTestCore } from '../support/app.ts'
import { startRealStats } from '../support/real-stats.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from '../workouts/helpers.ts'

t.test(
  'core ⇄ real stats-service: live numbers, stale while stopped, fresh again after the cooldown',
  async (t) => {
    const port = await freePort()
    const { app, db } = await buildTestCore(t, {
      STATS_URL: `http://127.0.0.1:${port}`,
      STATS_ATTEMPT_TIMEOUT_MS: '1000',
      STATS_RETRY_BACKOFF_MS: '10',
      STATS_BREAKER_COOLDOWN_MS: '700',
    })
    const startStats = () => startRealStats(port, db.readonlyUrl)
    let stats = await startStats()
    t.teardown(() => stats.stop())
    const { bench, pullUp } = await catalog(testPrisma(t, db.url))

    const alice = await signUp(app, { timeZone: 'Europe/Ljubljana', unit: 'kg' })
    const logged = await alice.api('POST', '/api/v1/workouts', {
      sets: [
        { exerciseId: bench, reps: 10, weight: 60, isWarmup: true },
        { exerciseId: bench, reps: 5, weight: 100 },
        { exerciseId: bench, reps: 5, weight: 100 },
        { exerciseId: bench, reps: 3, weight: 110 },
        { exerciseId: pullUp, reps: 8, weight: 0 },
      ],
    })
    t.equal(logged.statusCode, 201)

    const summary = await alice.api('GET', '/api/v1/stats/summary')
    t.equal(summary.statusCode, 200, 'the real summary passes core’s contract check')
    t.match(summary.json(), { stale: false, unit: 'kg', timeZone: 'Europe/Ljubljana', userId: alice.user.id })
    t.match(summary.json().totals, { workouts: 1, sets: 4, reps: 21, volumeKg: 1330 }, 'warm-ups excluded')

    // Every proxied endpoint's real answer passes core's shape validation.
    const month = summary.json().lastWorkoutDate.slice(0, 7)
    for (const url of [
      '/api/v1/stats/volume',
      '/api/v1/stats/volume?bucket=day&range=all',
      `/api/v1/stats/exercises/${bench}/progression?formula=epley`,
      `/api/v1/stats/exercises/${pullUp}/progression`,
      '/api/v1/stats/records',
      '/api/v1/stats/records/recent?days=30',
      '/api/v1/stats/breakdown',
      `/api/v1/stats/calendar?month=${month}`,
    ]) {
      const res = await alice.api('GET', url)
      t.equal(res.statusCode, 200, `${url}: ${res.statusCode === 200 ? 'ok' : res.body}`)
    }
    const progression = (await alice.api('GET', `/api/v1/stats/exercises/${bench}/progression`)).json()
    t.equal(progression.sessions.length, 1)
    t.equal(progression.sessions[0].e1rmKg, 121, 'Epley: 110 × (1 + 3/30)')
    t.equal((await alice.api('GET', `/api/v1/stats/exercises/${pullUp}/progression`)).json().metric, 'reps')
    t.equal(
      (await alice.api('GET', '/api/v1/stats/exercises/00000000-0000-4000-8000-000000000000/progression'))
        .statusCode,
      404,
    )

    const dashboard = await alice.page('/progress')
    t.equal(dashboard.statusCode, 200)
    t.match(dashboard.body, /<span class="stat-label">Workouts<\/span><strong class="stat-value">1<\/strong>/)
    t.match(dashboard.body, /1,330 kg/)
    t.notMatch(dashboard.body, /showing data from|temporarily unavailable/)
    const exercisePage = await alice.page(`/progress/exercises/${bench}`)
    t.equal(exercisePage.statusCode, 200)
    t.match(exercisePage.body, /<th scope="row">Best estimated 1RM \(Epley\)<\/th><td>121 kg<\/td>/)
    const calendar = await alice.page(`/calendar?month=${month}`)
    t.match(calendar.body, /load-4/, 'the training day is shaded from stats')

    // Stop stats: pages still 200 with the stale banner; the breaker opens; logging still works.
    await stats.stop()
    const stale = await alice.page('/progress')
    t.equal(stale.statusCode, 200)
    t.match(stale.body, /showing data from/)
    t.match(stale.body, /1,330 kg/)
    for (let i = 0; i < 4; i++) await alice.api('GET', '/api/v1/stats/breakdown?from=2026-01-01')
    const open = (await app.operator.inject('/resilience'))
      .json()
      .breakers.find((b: { name: string }) => b.name === 'analytics')
    t.equal(open.state, 'open')
    const second = await alice.api('POST', '/api/v1/workouts', {
      sets: [{ exerciseId: bench, reps: 5, weight: 105 }],
    })
    t.equal(second.statusCode, 201, 'logging does not depend on stats')
    t.equal((await alice.page('/calendar')).statusCode, 200, 'calendar keeps its plain marks')

    // Start stats again: after the cooldown the trial call closes the breaker and numbers are fresh.
    stats = await startStats()
    await sleep(750)
    const fresh = await alice.api('GET', '/api/v1/stats/summary')
    t.equal(fresh.statusCode, 200)
    t.equal(fresh.json().stale, false)
    t.equal(fresh.json().totals.workouts, 2)
    t.equal((await app.operator.inject('/resilience')).json().breakers[0].state, 'closed')
  },
)
