// "Now" is injected: buildCore({ clock }) decides what every page and write of core takes as the present,
// in the lifter's zone — the new-workout form's default date and time, the calendar's today, an API
// workout logged without startedAt, and the "not in the future" rule.
import t from 'tap'
import { rangeStart, twelveWeeksAgo } from '../../src/stats/progress-view.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from './helpers.ts'

// 12:30 UTC on 15 March 2026 is already 01:30 on 16 March in Auckland (NZDT, +13).
const NOW = new Date('2026-03-15T12:30:00.000Z')

t.test('a fixed clock is the present for pages and writes, in the lifter zone', async (t) => {
  const { app, db } = await buildTestCore(t, {}, { clock: () => NOW })
  const { bench } = await catalog(testPrisma(t, db.url))
  const alice = await signUp(app, { timeZone: 'Pacific/Auckland' })

  const form = await alice.page('/workouts/new')
  t.equal(form.statusCode, 200)
  t.match(
    form.body,
    /<input id="date" name="date" type="date" required min="1970-01-01" max="2026-03-16" value="2026-03-16"/,
  )
  t.match(form.body, /<input id="time" name="time" type="time" value="01:30">/)

  const calendar = await alice.page('/calendar')
  t.equal(calendar.statusCode, 200)
  t.match(calendar.body, 'March 2026', 'the month of the clock, not of the machine')
  t.match(calendar.body, /class="[^"]*today[^"]*"[^>]*>\s*<a href="\/calendar\/2026-03-16"/)

  const logged = await alice.api('POST', '/api/v1/workouts', {
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(logged.statusCode, 201)
  t.equal(logged.json().startedAt, NOW.toISOString(), 'no startedAt: started at the clock')
  t.equal(logged.json().localDate, '2026-03-16')

  // 2026-03-17 in Auckland is tomorrow by this clock, whatever the machine's date.
  const future = await alice.api('POST', '/api/v1/workouts', {
    startedAt: '2026-03-16T12:00:00.000Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(future.statusCode, 400)
  t.match(future.json().message, 'startedAt')
})

t.test('progress ranges count back from the clock, in the lifter zone', async (t) => {
  // Auckland's today by the clock is Monday 2026-03-16.
  t.equal(rangeStart('3m', 'Pacific/Auckland', NOW), '2025-12-16')
  t.equal(rangeStart('all', 'Pacific/Auckland', NOW), undefined)
  t.equal(twelveWeeksAgo('Pacific/Auckland', NOW), '2025-12-29', 'the Monday 11 weeks before this week')
  t.equal(twelveWeeksAgo('UTC', NOW), '2025-12-22', 'still Sunday 15 March in UTC')
})
