// Times read as the lifter's language reads them: 12-hour for en-US ("Fri 20 Nov 2026, 6:30 PM"), 24-hour
// for en-GB, Slovenian or no Accept-Language ("…, 18:30"), on the workout page, the list and the calendar day.
import t from 'tap'
import { twelveHourClock } from '../../src/accounts/locale.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, testPrisma } from './helpers.ts'

t.test('which languages read 12-hour', async (t) => {
  t.ok(twelveHourClock('en-US,en;q=0.9'))
  t.ok(twelveHourClock('en-AU'))
  t.notOk(twelveHourClock('en-GB'))
  t.notOk(twelveHourClock('sl-SI,sl;q=0.9'))
  t.notOk(twelveHourClock('de'))
  t.notOk(twelveHourClock(undefined))
  t.notOk(twelveHourClock('not a tag!!'))
})

t.test('workout times follow the browser language', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const lifter = await signUp(app, { timeZone: 'UTC' })
  const created = await lifter.api('POST', '/api/v1/workouts', {
    startedAt: '2026-11-20T18:30:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(created.statusCode, 201)
  const id = created.json().id
  const page = async (url: string, language?: string) => {
    const res = await app.inject({
      url,
      headers: {
        cookie: lifter.cookie,
        accept: 'text/html',
        ...(language ? { 'accept-language': language } : {}),
      },
    })
    t.equal(res.statusCode, 200, url)
    return res.body
  }
  for (const url of [`/workouts/${id}`, '/workouts', '/calendar/2026-11-20']) {
    t.match(await page(url, 'en-US,en;q=0.9'), /Fri 20 Nov 2026, 6:30 PM/, `${url}: 12-hour for en-US`)
    t.match(await page(url, 'en-GB'), /Fri 20 Nov 2026, 18:30/, `${url}: 24-hour for en-GB`)
    t.match(await page(url), /Fri 20 Nov 2026, 18:30/, `${url}: 24-hour without a language`)
  }
})
