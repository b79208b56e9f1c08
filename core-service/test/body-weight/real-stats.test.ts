// The body-weight page against the REAL stats-service (its own process, on this file's database through the
// read-only login): core's writes reach the trend at once (data_version), and the answer passes core's
// contract check.
import { DateTime } from 'luxon'
import t from 'tap'
import { freePort } from '../../../scripts/processes.ts'
import { todayIn } from '../../src/workouts/local-time.ts'
import { buildTestCore } from '../support/app.ts'
import { startRealStats } from '../support/real-stats.ts'
import { signUp } from '../support/users.ts'

t.test('entries logged in core come back from stats with their trend', async (t) => {
  const port = await freePort()
  const { app, db } = await buildTestCore(t, { STATS_URL: `http://127.0.0.1:${port}` })
  const stats = await startRealStats(port, db.readonlyUrl)
  t.teardown(() => stats.stop())
  const lifter = await signUp(app, { unit: 'lb', timeZone: 'Europe/Ljubljana' })
  const today = todayIn('Europe/Ljubljana', new Date())
  const tenDaysAgo = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 10 }).toISODate()!
  const label = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).toFormat('d LLL yyyy')

  t.equal((await lifter.api('PUT', `/api/v1/body-weights/${tenDaysAgo}`, { weight: 180 })).statusCode, 201)
  const first = await lifter.page('/body-weight')
  t.match(first.body, /<h2>Body weight and trend<\/h2>/, 'the real answer passed the contract check')
  t.match(first.body, new RegExp(`<th scope="row">${label(tenDaysAgo)}</th><td>180 lb</td><td>180 lb</td>`))

  // Ten days later, halfway: (180 + 184.4) / 2 = 182.2 lb. The write bumped data_version: no stale cache.
  t.equal((await lifter.api('PUT', `/api/v1/body-weights/${today}`, { weight: 184.4 })).statusCode, 201)
  const second = await lifter.page('/body-weight')
  t.match(second.body, new RegExp(`<th scope="row">${label(today)}</th><td>184.4 lb</td><td>182.2 lb</td>`))
  t.notMatch(second.body, /temporarily unavailable/)
})
