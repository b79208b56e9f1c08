// /progress/exercises/:id/relative: e1RM ÷ the latest body weight on or before each session, and for
// bodyweight exercises body weight + added load; worked by hand from the stand-in's progression answer
// (sessions 2 Nov, e1RM 93.33 kg, and 9 Nov, e1RM 96.25 kg, heaviest 82.5 kg).
import t from 'tap'
import { startFakeStats } from '../stats/fake-stats.ts'
import { fixtureFor } from '../stats/fixtures.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from '../workouts/helpers.ts'

t.test('estimated 1RM per kg of body weight, and total load for a bodyweight exercise', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, { STATS_URL: fake.url })
  const { bench, pullUp } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app)
  const url = `/progress/exercises/${bench}/relative`

  const none = await lifter.page(url)
  t.equal(none.statusCode, 200)
  t.match(none.body, /No body weight logged yet/)

  await lifter.api('PUT', '/api/v1/body-weights/2026-11-05', { weight: 77 })
  const partly = (await lifter.page(url)).body
  t.match(partly, />2 Nov 2026<\/a><\/td><td>93.3 kg<\/td><td>—<\/td><td>—<\/td>/, 'before the first entry')
  t.match(partly, /1 session before your first body-weight entry show no figure/)
  // 96.25 ÷ 77 = 1.25 (1.2500); the entry of 5 Nov is the latest on or before 9 Nov.
  t.match(
    partly,
    />9 Nov 2026<\/a><\/td><td>96.3 kg<\/td><td>77 kg \(5 Nov 2026\)<\/td><td>1.25 × body weight<\/td>/,
  )

  await lifter.api('PUT', '/api/v1/body-weights/2026-11-01', { weight: 77 })
  await lifter.api('PUT', '/api/v1/body-weights/2026-11-09', { weight: 80 })
  const page = (await lifter.page(url)).body
  // 93.33 ÷ 77 = 1.2121 → 1.21; 96.25 ÷ 80 = 1.2031 → 1.20.
  t.match(page, /<td>77 kg \(1 Nov 2026\)<\/td><td>1.21 × body weight<\/td>/)
  t.match(page, /<td>80 kg<\/td><td>1.2 × body weight<\/td>/)
  t.match(page, /<h2>Estimated 1RM per kg of body weight<\/h2>/)
  t.match(page, /Show absolute weights/)

  const absolute = (await lifter.page(`/progress/exercises/${bench}`)).body
  t.match(
    absolute,
    /href="\/progress\/exercises\/[^"]+\/relative\?range=1y&amp;formula=epley">Per kg of body weight/,
  )

  // A bodyweight exercise: body weight on the day + the heaviest added load (80 + 10 = 90 kg).
  fake.script = (_n, req) => {
    if (!req.url?.includes('/progression')) return undefined
    const body = fixtureFor(req.url) as Record<string, unknown> & { sessions: Record<string, unknown>[] }
    return {
      kind: 'json',
      body: {
        ...body,
        exercise: { id: pullUp, name: 'Pull-Up', isBodyweight: true },
        metric: 'reps',
        sessions: [{ ...body.sessions[1], heaviestKg: 10, e1rmKg: null }],
      },
    }
  }
  const total = (await lifter.page(`/progress/exercises/${pullUp}/relative`)).body
  t.match(total, /<h2>Total load: body weight \+ heaviest added load<\/h2>/)
  t.match(total, />9 Nov 2026<\/a><\/td><td>10 kg<\/td><td>80 kg<\/td><td>90 kg<\/td>/)

  // Another lifter's exercise is "not found"; stats down shows the unavailable panel.
  t.equal(
    (await lifter.page('/progress/exercises/00000000-0000-4000-8000-000000000000/relative')).statusCode,
    404,
  )
  fake.script = () => ({ kind: 'status', status: 500 })
  const newcomer = await signUp(app)
  const down = await newcomer.page(url)
  t.equal(down.statusCode, 200)
  t.match(down.body, /Progress is temporarily unavailable/)
})

t.test('an lb lifter gets the same ratio', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app, db } = await buildTestCore(t, { STATS_URL: fake.url })
  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app, { unit: 'lb' })
  await lifter.api('PUT', '/api/v1/body-weights/2026-11-01', { weight: 170 }) // 77.1107029 kg
  const page = (await lifter.page(`/progress/exercises/${bench}/relative`)).body
  // 93.33 ÷ 77.1107029 = 1.2104 → 1.21; 96.25 ÷ 77.1107029 = 1.2482 → 1.25.
  t.match(page, /<td>170 lb \(1 Nov 2026\)<\/td><td>1.21 × body weight<\/td>/)
  t.match(page, /<td>170 lb \(1 Nov 2026\)<\/td><td>1.25 × body weight<\/td>/)
})
