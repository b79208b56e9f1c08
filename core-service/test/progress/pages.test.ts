// The progress pages against a stand-in stats server: numbers, charts and tables when stats answers; 200
// with the right banner or panel when it is stale, down, slow or answering garbage; never a 5xx.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { startFakeStats } from '../stats/fake-stats.ts'
import { EXERCISE_1, fixtureFor, WORKOUT_1, WORKOUT_2 } from '../stats/fixtures.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from '../workouts/helpers.ts'

async function setup(t: Parameters<typeof buildTestCore>[0], env: Record<string, string> = {}) {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, {
    STATS_URL: fake.url,
    STATS_RETRY_BACKOFF_MS: '10',
    STATS_ATTEMPT_TIMEOUT_MS: '200',
    STATS_DEADLINE_MS: '500',
    ...env,
  })
  const prisma = testPrisma(t, db.url)
  return { app, fake, prisma, exercises: await catalog(prisma) }
}

const UNAVAILABLE = /Progress is temporarily unavailable/
const STALE = /showing data from <strong>/

t.test('the dashboard shows cards, a dated weekly volume chart with a table, and recent PRs', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  const res = await alice.page('/progress')
  t.equal(res.statusCode, 200)
  const html = res.body
  t.match(html, /<span class="stat-label">Workouts<\/span><strong class="stat-value">12<\/strong>/)
  t.match(html, /12,346 kg/, 'total volume in kg, whole units with thousands separators')
  t.match(html, /<svg class="chart" id="weekly-volume"[^>]*role="img"/)
  t.match(html, /<title id="weekly-volume-title">Weekly volume<\/title>/)
  t.match(html, /<text[^>]*>16 Nov<\/text>/, 'dated x axis')
  t.match(html, /<text class="axis-label"[^>]*>kg<\/text>/, 'unit on the y axis')
  t.match(html, /<th scope="row">16 Nov 2026<\/th><td>3,150 kg<\/td>/, 'table equivalent')
  t.match(
    html,
    new RegExp(
      `<a href="/progress/exercises/${EXERCISE_1}">Bench press</a></td><td>Heaviest weight</td><td>82\\.5 kg × 5</td>`,
    ),
  )
  t.notMatch(html, STALE)
  t.notMatch(html, UNAVAILABLE)
  t.notMatch(html, /<script/, 'no script needed')
  const volumeCall = fake.requests.find((r) => r.url.includes('/volume'))!
  t.match(volumeCall.url, /bucket=week&from=\d{4}-\d{2}-\d{2}/)
})

t.test('a lifter who uses pounds sees pounds everywhere', async (t) => {
  const { app } = await setup(t)
  const bob = await signUp(app, { unit: 'lb' })
  const html = (await bob.page('/progress')).body
  t.match(html, /27,217 lb/, '12345.5 kg total volume')
  t.match(html, /<text class="axis-label"[^>]*>lb<\/text>/)
  t.match(html, /181\.88 lb × 5/, '82.5 kg record, converted to 0.01 lb, not rounded to a plate')
  t.notMatch(html, /\d kg/)
})

t.test('stats down with nothing kept: 200 with the unavailable panel', async (t) => {
  const { app, fake } = await setup(t)
  await fake.stop()
  const alice = await signUp(app)
  const res = await alice.page('/progress')
  t.equal(res.statusCode, 200)
  t.match(res.body, UNAVAILABLE)
  t.notMatch(res.body, /<svg/)
})

t.test('stats down after a good answer: 200 with the stale numbers and "showing data from"', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app, { timeZone: 'Pacific/Auckland' })
  await alice.page('/progress')
  await fake.stop()
  const res = await alice.page('/progress')
  t.equal(res.statusCode, 200)
  t.match(res.body, STALE)
  t.match(res.body, /<strong class="stat-value">12<\/strong>/, 'stale numbers shown')
  t.notMatch(res.body, UNAVAILABLE)
})

t.test(
  'garbage, 500s and a stats slower than the deadline all give 200 pages without the garbage',
  async (t) => {
    const { app, fake } = await setup(t)
    const alice = await signUp(app)
    fake.behaviour = { kind: 'garbage' }
    const garbage = await alice.page('/progress')
    t.equal(garbage.statusCode, 200)
    t.match(garbage.body, UNAVAILABLE)
    t.notMatch(garbage.body, /Bad Gateway from some proxy/)

    fake.behaviour = { kind: 'status', status: 500 }
    t.equal((await alice.page('/progress')).statusCode, 200)

    fake.behaviour = { kind: 'slow', delayMs: 5000 }
    const started = Date.now()
    const slow = await alice.page('/progress')
    t.equal(slow.statusCode, 200)
    t.ok(Date.now() - started < 1500, `page bounded by the deadline (${Date.now() - started} ms)`)
  },
)

t.test('one section missing, the others live: partial notice, not the full panel', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  fake.script = (_n, req) =>
    req.url?.includes('/records/recent') ? { kind: 'status', status: 404 } : undefined
  const res = await alice.page('/progress')
  t.equal(res.statusCode, 200)
  t.match(res.body, /Some progress numbers are temporarily unavailable/)
  t.match(res.body, /stat-value/)
})

t.test('the exercise page: e1RM and heaviest lines, volume per session, PR table, sessions', async (t) => {
  const { app, fake, exercises } = await setup(t)
  const alice = await signUp(app)
  const bench = { id: exercises.bench }
  const res = await alice.page(`/progress/exercises/${bench.id}?range=6m&formula=brzycki`)
  t.equal(res.statusCode, 200)
  const html = res.body
  t.match(html, /<svg class="chart" id="e1rm-progression"/)
  t.match(html, /Estimated 1RM \(Brzycki\) and heaviest weight/)
  t.match(html, /<g class="series series-1"><path d="M[\d.]+ [\d.]+ L/, 'a line')
  t.match(html, /<g class="series series-2">/, 'the heaviest-weight line')
  t.match(html, /<svg class="chart" id="session-volume"/)
  t.match(html, /<th scope="row">Best estimated 1RM \(Epley\)<\/th><td>96\.3 kg<\/td>/)
  t.match(html, /<option value="brzycki" selected>/)
  t.match(html, /<option value="6m" selected>/)
  const call = fake.requests.find((r) => r.url.includes('/progression'))!
  t.match(
    call.url,
    new RegExp(`/exercises/${bench.id}/progression\\?formula=brzycki&from=\\d{4}-\\d{2}-\\d{2}$`),
  )
  t.ok(fake.requests.some((r) => r.url.endsWith(`/records?exerciseId=${bench.id}`)))
})

t.test('the sessions table shows 20 sessions a page, newest first, with Newer/Older links', async (t) => {
  const { app, fake, exercises } = await setup(t)
  const alice = await signUp(app)
  // 45 sessions, one a day from 2026-01-01: session n has n reps as its best, so rows are easy to tell.
  const sessions = Array.from({ length: 45 }, (_, i) => ({
    workoutId: `a1a1a1a1-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    date: `2026-${i < 31 ? '01' : '02'}-${String(i < 31 ? i + 1 : i - 30).padStart(2, '0')}`,
    e1rmKg: 100,
    heaviestKg: 80,
    bestReps: i + 1,
    volumeKg: 1000,
    sets: 3,
  }))
  fake.script = (_n, req) => {
    const url = req.url ?? ''
    if (!url.includes('/progression')) return undefined
    return { kind: 'json', body: { ...(fixtureFor(url) as object), sessions } }
  }
  const bestReps = (html: string) =>
    [...html.matchAll(/<tr><td><a href="\/workouts\/[^"]+">[^<]+<\/a><\/td><td>3<\/td><td>(\d+)<\/td>/g)].map(
      (m) => Number(m[1]),
    )
  const url = `/progress/exercises/${exercises.bench}`
  const first = (await alice.page(`${url}?range=all`)).body
  t.same(
    bestReps(first),
    Array.from({ length: 20 }, (_, i) => 45 - i),
    'page 1: the newest 20',
  )
  t.match(first, /Page 1 of 3 · 45 sessions/)
  t.notMatch(first, /rel="prev">← Newer/)
  // (Handlebars escapes = and & in attributes.)
  const decoded = first.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&')
  t.match(
    decoded,
    /href="\/progress\/exercises\/[^"?]+\?range=all&formula=epley&page=2#sessions-heading" rel="next"/,
  )
  t.equal((first.match(/<circle /g) ?? []).length, 90, 'the charts still plot all 45 sessions (2 lines)')
  const last = (await alice.page(`${url}?range=all&page=3`)).body
  t.same(bestReps(last), [5, 4, 3, 2, 1], 'page 3: the oldest 5')
  t.match(last, /Page 3 of 3/)
  t.notMatch(last, /Older →/)
  t.same(
    bestReps((await alice.page(`${url}?range=all&page=99`)).body),
    [5, 4, 3, 2, 1],
    'past the end: last page',
  )
  t.equal((await alice.page(`${url}?page=0`)).statusCode, 400, 'page 0 is refused')
})

t.test('a bodyweight exercise shows reps progression and best reps at each weight', async (t) => {
  const { app, fake, prisma, exercises } = await setup(t)
  const alice = await signUp(app)
  const pullUp = await prisma.exercise.findUniqueOrThrow({ where: { id: exercises.pullUp } })
  fake.script = (_n, req) => {
    const url = req.url ?? ''
    if (url.includes('/progression')) {
      const body = fixtureFor(url) as { sessions: { bestReps: number }[] }
      return {
        kind: 'json',
        body: { ...body, exercise: { id: pullUp.id, name: pullUp.name, isBodyweight: true }, metric: 'reps' },
      }
    }
    if (url.includes('/records')) {
      const body = fixtureFor(url) as { records: Record<string, unknown>[] }
      const record = {
        ...body.records[0],
        isBodyweight: true,
        repsAtWeight: [
          { weightKg: 0, reps: 12, date: '2026-11-02', workoutId: WORKOUT_1 },
          { weightKg: 10, reps: 6, date: '2026-11-09', workoutId: WORKOUT_2 },
        ],
      }
      return { kind: 'json', body: { ...body, records: [record] } }
    }
    return undefined
  }
  const html = (await alice.page(`/progress/exercises/${pullUp.id}`)).body
  t.match(html, /id="reps-progression"/)
  t.match(html, /Best reps per session/)
  t.notMatch(html, /id="e1rm-progression"/)
  t.notMatch(html, /name="formula"/, 'no 1RM formula for bodyweight')
  t.match(html, /<td>bodyweight<\/td><td>12<\/td>/)
  t.match(html, /<td>10 kg<\/td><td>6<\/td>/)
})

t.test(
  'someone else’s exercise is not found; guests are sent to log in; the chooser redirects',
  async (t) => {
    const { app, prisma } = await setup(t)
    const alice = await signUp(app)
    const bob = await signUp(app)
    const bobs = await prisma.exercise.create({
      data: {
        ownerId: bob.user.id,
        name: 'Bob press',
        category: 'chest',
        muscleGroup: 'chest',
        equipment: 'barbell',
      },
    })
    t.equal((await alice.page(`/progress/exercises/${bobs.id}`)).statusCode, 404)
    t.equal((await bob.page(`/progress/exercises/${bobs.id}`)).statusCode, 200)
    const guest = await app.inject({ url: '/progress', headers: { accept: 'text/html' } })
    t.equal(guest.statusCode, 303)
    t.match(guest.headers.location, /^\/login/)
    const chooser = await alice.page(`/progress/exercise?exerciseId=${bobs.id}&range=all&formula=epley`)
    t.equal(chooser.statusCode, 303)
    t.equal(chooser.headers.location, `/progress/exercises/${bobs.id}?range=all&formula=epley`)
    t.equal((await alice.page('/progress/exercises/not-a-uuid')).statusCode, 400)
  },
)

t.test('logging a workout works while stats is down, and the exercise shows up in the chooser', async (t) => {
  const { app, fake, exercises } = await setup(t)
  await fake.stop()
  const alice = await signUp(app)
  const squat = { id: exercises.squat }
  const saved = await alice.api('POST', '/api/v1/workouts', {
    sets: [{ exerciseId: squat.id, reps: 5, weight: 100 }],
  })
  t.equal(saved.statusCode, 201)
  const page = await alice.page('/progress')
  t.equal(page.statusCode, 200)
  t.match(page.body, UNAVAILABLE)
  t.match(page.body, new RegExp(`<option value="${squat.id}">`))
  t.equal((await alice.page(`/progress/exercises/${squat.id}`)).statusCode, 200)
  await sleep(10)
})

t.test('a flapping stats (every other answer 503) is absorbed by retries: every page is live', async (t) => {
  const { app, fake } = await setup(t)
  const alice = await signUp(app)
  fake.script = (n) => (n % 2 === 0 ? { kind: 'status', status: 503 } : undefined)
  for (let i = 0; i < 4; i++) {
    const res = await alice.page('/progress')
    t.equal(res.statusCode, 200)
    t.notMatch(res.body, /showing data from|temporarily unavailable/)
  }
  const resilience = (await app.operator.inject('/resilience')).json()
  t.equal(resilience.breakers[0].state, 'closed')
  t.equal(resilience.breakers[0].consecutiveFailures, 0)
})
