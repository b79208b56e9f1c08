// The calendar: month grids (Monday-first, or as the browser's language starts weeks), prev/next across years, today, the lifter's local days.
import t from 'tap'
import { calendarMonth } from '../../src/calendar/month.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma } from '../workouts/helpers.ts'

function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())
}

t.test('month grids start on Monday and roll over years', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app)
  // February 2026 starts on a Sunday: the grid starts Monday 26 January and ends Sunday 1 March.
  const feb = await calendarMonth(prisma, lifter.user.id, '2026-02', '2026-02-14')
  t.equal(feb.weeks[0]?.[0]?.date, '2026-01-26')
  t.equal(feb.weeks.at(-1)?.at(-1)?.date, '2026-03-01')
  t.ok(feb.weeks.every((w) => w.length === 7))
  t.same([feb.prev, feb.next, feb.title], ['2026-01', '2026-03', 'February 2026'])
  t.ok(feb.weeks.flat().find((d) => d.date === '2026-02-14')?.isToday)
  const jan = await calendarMonth(prisma, lifter.user.id, '2026-01', '2026-02-14')
  t.same([jan.prev, jan.next], ['2025-12', '2026-02'])
  const dec = await calendarMonth(prisma, lifter.user.id, '2025-12', '2026-02-14')
  t.same([dec.prev, dec.next], ['2025-11', '2026-01'])
  const api = (await lifter.api('GET', '/api/v1/calendar?month=2025-12')).json()
  t.same(
    [api.month, api.prev, api.next, api.days.length, api.days[0].date],
    ['2025-12', '2025-11', '2026-01', 31, '2025-12-01'],
  )

  const page = await lifter.page('/calendar?month=2025-12')
  t.match(page.body, /<h1>December 2025<\/h1>/)
  t.match(page.body, /href="\/calendar\?month=2025-11" rel="prev"/)
  t.match(page.body, /href="\/calendar\?month=2026-01" rel="next"/)
  t.match(page.body, /<th scope="col"><abbr title="Monday">Mon<\/abbr><\/th>/)
  t.match(page.body, new RegExp(`href="/calendar\\?month=${todayIn('UTC').slice(0, 7)}">Today</a>`))
})

t.test(
  'weeks start on the day the browser language starts them: Sunday for en-US, Monday for en-GB',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const prisma = testPrisma(t, db.url)
    const lifter = await signUp(app)
    // February 2026 starts on a Sunday: a Sunday-first grid starts on 1 February and ends Saturday 28.
    const feb = await calendarMonth(prisma, lifter.user.id, '2026-02', '2026-02-14', 7)
    t.equal(feb.weeks[0]?.[0]?.date, '2026-02-01')
    t.equal(feb.weeks.at(-1)?.at(-1)?.date, '2026-02-28')
    t.equal(feb.weeks.length, 4)
    // December 2026 starts on a Tuesday: Sunday 29 November to Saturday 2 January.
    const dec = await calendarMonth(prisma, lifter.user.id, '2026-12', '2026-12-07', 7)
    t.same([dec.weeks[0]?.[0]?.date, dec.weeks.at(-1)?.at(-1)?.date], ['2026-11-29', '2027-01-02'])
    t.ok(dec.weeks.every((w) => w.length === 7))

    const page = (language: string) =>
      app.inject({
        url: '/calendar?month=2026-12',
        headers: { cookie: lifter.cookie, accept: 'text/html', 'accept-language': language },
      })
    const firstHeading = (html: string) => /<th scope="col"><abbr title="(\w+)">/.exec(html)?.[1]
    const firstDay = (html: string) => /<a href="\/calendar\/(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1]
    const us = (await page('en-US,en;q=0.9')).body
    t.equal(firstHeading(us), 'Sunday')
    t.equal(firstDay(us), '2026-11-29')
    const gb = (await page('en-GB')).body
    t.equal(firstHeading(gb), 'Monday')
    t.equal(firstDay(gb), '2026-11-30')
  },
)

t.test("days with workouts are marked and link to the day's workouts", async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'America/Los_Angeles' })
  // 2026-03-01 04:00 UTC is 20:00 on 28 February in Los Angeles.
  await logWorkout(lifter, {
    startedAt: '2026-03-01T04:00:00Z',
    title: 'Leap-less Saturday',
    sets: [{ exerciseId: bench, reps: 5, weight: 80 }],
  })
  await logWorkout(lifter, {
    startedAt: '2026-02-28T16:00:00Z',
    title: 'Morning',
    sets: [{ exerciseId: bench, reps: 5, weight: 80 }],
  })
  const page = await lifter.page('/calendar?month=2026-02')
  t.match(
    page.body,
    /<td class="day has-workout">\s*<a href="\/calendar\/2026-02-28" aria-label="Saturday 28 February, 2 workouts">/,
  )
  t.equal((page.body.match(/has-workout/g) ?? []).length, 1, 'only that day is marked')
  const march = (await lifter.api('GET', '/api/v1/calendar?month=2026-03')).json()
  t.ok(
    march.days.every((d: { workouts: number }) => d.workouts === 0),
    'not on 1 March (the UTC date)',
  )

  const day = await lifter.page('/calendar/2026-02-28')
  t.equal(day.statusCode, 200)
  t.match(day.body, /Saturday 28 February 2026/)
  t.ok(day.body.indexOf('Morning') < day.body.indexOf('Leap-less Saturday'), 'in the order they happened')
  t.match(day.body, /href="\/workouts\/new\?date(=|&#x3D;)2026-02-28"/)
  t.match(day.body, /href="\/calendar\?month(=|&#x3D;)2026-02"/)
  const empty = await lifter.page('/calendar/2026-02-27')
  t.match(empty.body, /No workouts on this day/)
  t.match(
    (await lifter.page('/calendar')).body,
    /aria-current="date"/,
    "today's cell is marked for assistive tech",
  )
})
