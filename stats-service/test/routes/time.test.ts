// GET /v1/time: the time and UTC offset in a zone, computed locally, right on both sides of DST.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('GET /v1/time gives local time, offset and abbreviation', async (t) => {
  const { get, clock } = await buildTestStats(t, { now: '2026-01-15T12:00:00Z' })
  const time = async (zone?: string) => {
    const res = await get(zone ? `/v1/time?zone=${encodeURIComponent(zone)}` : '/v1/time')
    t.equal(res.statusCode, 200)
    return res.json()
  }
  t.same(await time(), {
    zone: 'Europe/Ljubljana',
    now: '2026-01-15T13:00:00.000+01:00',
    offsetMinutes: 60,
    offset: '+01:00',
    abbreviation: 'GMT+1',
  })
  t.match(await time('Asia/Kathmandu'), {
    now: '2026-01-15T17:45:00.000+05:45',
    offsetMinutes: 345,
    offset: '+05:45',
  })
  t.match(await time('Pacific/Chatham'), {
    now: '2026-01-16T01:45:00.000+13:45',
    offsetMinutes: 825,
    offset: '+13:45',
  })
  t.match(await time('America/St_Johns'), {
    now: '2026-01-15T08:30:00.000-03:30',
    offsetMinutes: -210,
    offset: '-03:30',
  })
  t.match(await time('America/New_York'), { offset: '-05:00', abbreviation: 'EST' })
  clock.now = new Date('2026-07-15T12:00:00Z')
  t.match(await time('Pacific/Chatham'), { offsetMinutes: 765, offset: '+12:45' })
  t.match(await time('America/St_Johns'), { offsetMinutes: -150, offset: '-02:30' })
  t.match(await time('America/New_York'), {
    now: '2026-07-15T08:00:00.000-04:00',
    offset: '-04:00',
    abbreviation: 'EDT',
  })
  t.match(await time('Europe/Ljubljana'), { offset: '+02:00' })
})
