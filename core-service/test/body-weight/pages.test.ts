// The /body-weight page: the form (today in the lifter's zone, the latest weight prefilled), PRG with a
// flash, replace and delete, field messages with nothing written, CSRF, another lifter's 404, and the
// chart: with the trend from stats, or the entries alone with "trend unavailable" when stats is down.
import t from 'tap'
import { todayIn } from '../../src/workouts/local-time.ts'
import { startFakeStats } from '../stats/fake-stats.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { snapshot, testPrisma } from '../workouts/helpers.ts'

t.test('log, replace and delete through the page; stats down still shows the entries', async (t) => {
  const { app, db } = await buildTestCore(t) // STATS_URL points at nothing
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { timeZone: 'Pacific/Auckland' })
  const today = todayIn('Pacific/Auckland', new Date())

  const empty = await lifter.page('/body-weight')
  t.equal(empty.statusCode, 200)
  t.match(
    empty.body,
    new RegExp(`id="date" name="date" type="date" required max="${today}" value="${today}"`),
  )
  t.match(empty.body, /id="weight" name="weight"[^>]*value=""/, 'nothing to prefill yet')
  t.match(empty.body, /saving a day that already has one replaces it/)
  t.match(empty.body, /No entries yet/)
  t.match(empty.body, /<a href="\/body-weight" aria-current="page">Body weight<\/a>/, 'in the navigation')

  const saved = await lifter.form('/body-weight', { date: '2026-03-01', weight: '81.35', note: 'morning' })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, '/body-weight')
  const after = await lifter.page('/body-weight')
  t.match(after.body, /Saved 81.35 kg for 1 Mar 2026\./, 'the flash')
  t.match(after.body, /id="weight" name="weight"[^>]*value="81.35"/, 'the latest weight prefilled')
  t.match(
    after.body,
    /<time datetime="2026-03-01">1 Mar 2026<\/time><\/th>\s*<td>81.35 kg<\/td>\s*<td>morning<\/td>/,
  )
  t.match(after.body, /The trend line is temporarily unavailable/, 'stats is down: said so')
  t.match(after.body, /<h2>Body weight<\/h2>/, 'the chart of entries alone')

  const replaced = await lifter.form('/body-weight', { date: '2026-03-01', weight: '80.9', note: '' })
  t.equal(replaced.statusCode, 303)
  const page = await lifter.page('/body-weight')
  t.match(page.body, /Replaced the entry of 1 Mar 2026 with 80.9 kg\./)
  const rows = await prisma.bodyWeight.findMany({ where: { userId: lifter.user.id } })
  t.equal(rows.length, 1)
  t.equal(rows[0]!.weightKg.toString(), '80.9')
  t.equal(rows[0]!.note, null)

  const deleted = await lifter.form('/body-weight/2026-03-01/delete')
  t.equal(deleted.statusCode, 303)
  t.match((await lifter.page('/body-weight')).body, /Deleted the entry of 1 Mar 2026\./)
  t.equal(await prisma.bodyWeight.count({ where: { userId: lifter.user.id } }), 0)
  t.equal((await lifter.form('/body-weight/2026-03-01/delete')).statusCode, 404, 'nothing left to delete')
})

t.test('form errors re-render with field messages and write nothing; CSRF is enforced', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { unit: 'lb' })
  await lifter.form('/body-weight', { date: '2026-01-10', weight: '180' })
  const before = await snapshot(prisma)
  const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no weight', { date: '2026-01-11', weight: '' }, /id="weight-error">enter your weight/],
    [
      'weight as text',
      { date: '2026-01-11', weight: 'heavy' },
      /id="weight-error">must be a number, e.g. 81.35/,
    ],
    [
      'too light',
      { date: '2026-01-11', weight: '30' },
      /id="weight-error">must be a number from 44.1 to 1102.3 lb/,
    ],
    [
      'three decimals',
      { date: '2026-01-11', weight: '180.125' },
      /id="weight-error">must have at most 2 decimals/,
    ],
    ['no date', { date: '', weight: '180' }, /id="date-error">enter a date/],
    ['impossible date', { date: '2026-02-30', weight: '180' }, /id="date-error">is not a valid date/],
    ['future date', { date: nextYear, weight: '180' }, /id="date-error">cannot be after today/],
    [
      'long note',
      { date: '2026-01-11', weight: '180', note: 'n'.repeat(501) },
      /id="note-error">must be at most 500/,
    ],
  ]
  for (const [what, fields, message] of cases) {
    const res = await lifter.form('/body-weight', fields)
    t.equal(res.statusCode, 400, `${what} → 400`)
    t.match(res.body, message, `${what}: the message next to its field`)
    t.match(res.body, /Nothing was saved/)
    if (fields.weight) t.match(res.body, new RegExp(`value="${fields.weight}"`), `${what}: input kept`)
  }
  const noToken = await app.inject({
    method: 'POST',
    url: '/body-weight',
    remoteAddress: lifter.remoteAddress,
    headers: {
      cookie: lifter.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: 'date=2026-01-12&weight=181',
  })
  t.equal(noToken.statusCode, 403, 'a form without the CSRF token')
  const staleToken = await lifter.form('/body-weight', { _csrf: 'stale', date: '2026-01-12', weight: '181' })
  t.equal(staleToken.statusCode, 403)
  const staleDelete = await lifter.form('/body-weight/2026-01-10/delete', { _csrf: 'stale' })
  t.equal(staleDelete.statusCode, 403)
  t.same(await snapshot(prisma), before, 'nothing was written')
})

t.test("another lifter's entries: not shown, and 404 on delete; guests are sent to log in", async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const alice = await signUp(app)
  const mallory = await signUp(app)
  await alice.form('/body-weight', { date: '2026-02-02', weight: '64.5', note: 'alice private note' })
  const before = await snapshot(prisma)
  t.notMatch((await mallory.page('/body-weight')).body, /alice private note|64.5/)
  t.equal((await mallory.form('/body-weight/2026-02-02/delete')).statusCode, 404)
  t.equal((await mallory.form('/body-weight/not-a-date/delete')).statusCode, 404)
  t.same(await snapshot(prisma), before)
  const guest = await app.inject({ url: '/body-weight', headers: { accept: 'text/html' } })
  t.equal(guest.statusCode, 303)
  t.match(guest.headers.location, /^\/login\?next=%2Fbody-weight/)
})

t.test('with stats up, the chart draws the trend from the stats answer', async (t) => {
  const fake = await startFakeStats()
  t.teardown(() => fake.stop())
  const { app } = await buildTestCore(t, { STATS_URL: fake.url })
  const lifter = await signUp(app)
  await lifter.form('/body-weight', { date: '2026-11-21', weight: '81.35' })
  const page = await lifter.page('/body-weight')
  t.equal(page.statusCode, 200)
  const call = fake.requests.find((r) => r.url.includes('/body-weight/trend'))
  t.ok(call, 'core asked stats for the trend')
  t.match(call!.url, new RegExp(`^/v1/users/${lifter.user.id}/body-weight/trend`))
  t.match(page.body, /<h2>Body weight and trend<\/h2>/)
  t.match(page.body, /Trend \(10-day half-life\)/)
  t.match(page.body, /<th scope="row">21 Nov 2026<\/th><td>81.35 kg<\/td><td>81.18 kg<\/td>/, 'the table')
  t.notMatch(page.body, /trend line is temporarily unavailable/)
})
