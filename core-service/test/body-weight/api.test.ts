// /api/v1/body-weights: create, replace the same date, delete; weights read back exactly as typed in kg
// and lb; every write bumps data_version; bad input is a 400 naming the field, with nothing written.
import { DateTime } from 'luxon'
import t from 'tap'
import { todayIn } from '../../src/workouts/local-time.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { snapshot, testPrisma } from '../workouts/helpers.ts'

const dayAfter = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!

t.test('PUT creates, a second PUT of the date replaces, DELETE removes; data_version follows', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app)
  const version = async () =>
    (await prisma.user.findUniqueOrThrow({ where: { id: lifter.user.id } })).dataVersion
  const v0 = await version()

  const created = await lifter.api('PUT', '/api/v1/body-weights/2026-03-01', {
    weight: 81.35,
    note: ' after breakfast ',
  })
  t.equal(created.statusCode, 201)
  t.equal(created.headers.location, '/api/v1/body-weights/2026-03-01')
  t.match(created.json(), {
    date: '2026-03-01',
    weight: 81.35,
    loggedWeight: 81.35,
    loggedUnit: 'kg',
    weightKg: 81.35,
    note: 'after breakfast',
  })
  t.equal(await version(), v0 + 1, 'create bumps data_version')

  const replaced = await lifter.api('PUT', '/api/v1/body-weights/2026-03-01', { weight: 80.9 })
  t.equal(replaced.statusCode, 200, 'the same date again: replaced')
  t.match(replaced.json(), { date: '2026-03-01', weight: 80.9, note: null })
  t.equal(await version(), v0 + 2, 'replace bumps data_version')
  t.equal(await prisma.bodyWeight.count({ where: { userId: lifter.user.id } }), 1, 'one entry per date')

  await lifter.api('PUT', '/api/v1/body-weights/2026-02-20', { weight: 82 })
  await lifter.api('PUT', '/api/v1/body-weights/2026-03-05', { weight: 80.5 })
  const list = (await lifter.api('GET', '/api/v1/body-weights')).json()
  t.equal(list.unit, 'kg')
  t.same(
    list.items.map((e: { date: string; weight: number }) => [e.date, e.weight]),
    [
      ['2026-03-05', 80.5],
      ['2026-03-01', 80.9],
      ['2026-02-20', 82],
    ],
    'newest first',
  )
  const march = (await lifter.api('GET', '/api/v1/body-weights?from=2026-03-01&to=2026-03-04')).json()
  t.same(
    march.items.map((e: { date: string }) => e.date),
    ['2026-03-01'],
  )
  t.equal((await lifter.api('GET', '/api/v1/body-weights/2026-03-01')).json().weight, 80.9)

  const v1 = await version()
  const deleted = await lifter.api('DELETE', '/api/v1/body-weights/2026-03-01')
  t.equal(deleted.statusCode, 204)
  t.equal(await version(), v1 + 1, 'delete bumps data_version')
  t.equal((await lifter.api('GET', '/api/v1/body-weights/2026-03-01')).statusCode, 404)
  const again = await lifter.api('DELETE', '/api/v1/body-weights/2026-03-01')
  t.equal(again.statusCode, 404)
  t.equal(again.json().message, 'body weight not found')
  t.equal(await version(), v1 + 1, 'a delete of nothing bumps nothing')

  // With the session cookie, writes need the CSRF header like every other API write.
  const noCsrf = await app.inject({
    method: 'PUT',
    url: '/api/v1/body-weights/2026-03-02',
    headers: { cookie: lifter.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ weight: 80 }),
  })
  t.equal(noCsrf.statusCode, 403)
  t.equal(noCsrf.json().code, 'CSRF_REJECTED')
  t.equal((await lifter.cookieApi('PUT', '/api/v1/body-weights/2026-03-02', { weight: 80 })).statusCode, 201)
})

t.test('weights read back exactly as typed: 81.35 kg and 179.4 lb', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const pounds = await signUp(app, { unit: 'lb' })
  const res = await pounds.api('PUT', '/api/v1/body-weights/2026-04-01', { weight: 179.4 })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { weight: 179.4, loggedWeight: 179.4, loggedUnit: 'lb', weightKg: 81.374471178 })
  const row = await prisma.bodyWeight.findFirstOrThrow({ where: { userId: pounds.user.id } })
  t.equal(row.weightKg.toFixed(10), '81.3744711780', 'exact kilograms: 179.4 × 0.45359237')
  t.equal(row.weightUnit, 'lb')

  // The profile switches to kg: shown converted to 0.01, still logged as typed.
  t.equal((await pounds.api('PATCH', '/api/v1/me', { unit: 'kg' })).statusCode, 200)
  const inKg = (await pounds.api('GET', '/api/v1/body-weights')).json()
  t.equal(inKg.unit, 'kg')
  t.match(inKg.items[0], { weight: 81.37, loggedWeight: 179.4, loggedUnit: 'lb' })
  t.equal((await pounds.api('PATCH', '/api/v1/me', { unit: 'lb' })).statusCode, 200)
  t.equal((await pounds.api('GET', '/api/v1/body-weights/2026-04-01')).json().weight, 179.4, 'and back')

  const kilos = await signUp(app)
  await kilos.api('PUT', '/api/v1/body-weights/2026-04-01', { weight: 81.35 })
  const kgRow = await prisma.bodyWeight.findFirstOrThrow({ where: { userId: kilos.user.id } })
  t.equal(kgRow.weightKg.toFixed(10), '81.3500000000')
  t.equal(kgRow.weightUnit, 'kg')
  t.equal((await kilos.api('GET', '/api/v1/body-weights/2026-04-01')).json().weight, 81.35)
})

t.test('bad input is a 400 naming the field, and nothing is written', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { timeZone: 'Pacific/Honolulu' })
  const pounds = await signUp(app, { unit: 'lb' })
  await lifter.api('PUT', '/api/v1/body-weights/2026-01-10', { weight: 80 })
  const before = await snapshot(prisma)
  const tomorrow = dayAfter(todayIn('Pacific/Honolulu', new Date()))

  const cases: [string, string, unknown, RegExp][] = [
    ['no weight', '2026-01-11', {}, /weight is required/],
    ['weight as text', '2026-01-11', { weight: 'heavy' }, /weight must be number/],
    ['far too light', '2026-01-11', { weight: 5 }, /weight must be >= 20/],
    ['over 500 kg', '2026-01-11', { weight: 600 }, /^weight: must be a number from 20 to 500 kg$/],
    ['three decimals', '2026-01-11', { weight: 81.355 }, /^weight: must have at most 2 decimals$/],
    ['long note', '2026-01-11', { weight: 80, note: 'n'.repeat(501) }, /note must not have more than 500/i],
    ['note with a control character', '2026-01-11', { weight: 80, note: 'a\u0007b' }, /note/],
    ['unknown field', '2026-01-11', { weight: 80, bodyFat: 12 }, /bodyFat|additional/i],
    ['impossible date', '2026-02-30', { weight: 80 }, /date must match format "date"/],
    ['not a date', 'yesterday', { weight: 80 }, /date must match format "date"/],
    ['tomorrow in Honolulu', tomorrow, { weight: 80 }, /^date: cannot be after today$/],
    ['before 1970', '1969-12-31', { weight: 80 }, /^date: must be 1970-01-01 or later$/],
  ]
  for (const [what, date, body, message] of cases) {
    const res = await lifter.api('PUT', `/api/v1/body-weights/${date}`, body)
    t.equal(res.statusCode, 400, `${what} → 400`)
    t.match(res.json().message, message, `${what}: says why`)
  }
  // In lb the limits are the same body weights: 20 kg = 44.09 lb is too light, 44.1 lb is not.
  const light = await pounds.api('PUT', '/api/v1/body-weights/2026-01-11', { weight: 44.09 })
  t.equal(light.statusCode, 400)
  t.equal(light.json().message, 'weight: must be a number from 44.1 to 1102.3 lb')
  for (const url of [
    '/api/v1/body-weights?from=2026-02-01&to=2026-01-01',
    '/api/v1/body-weights?from=garbage',
    '/api/v1/body-weights/2026-13-01',
  ]) {
    const res = await lifter.api('GET', url)
    t.equal(res.statusCode, 400, `GET ${url} → 400`)
  }
  t.equal((await lifter.api('DELETE', '/api/v1/body-weights/not-a-date')).statusCode, 400)
  const invalidJson = await app.inject({
    method: 'PUT',
    url: '/api/v1/body-weights/2026-01-11',
    headers: { authorization: `Bearer ${lifter.token}`, 'content-type': 'application/json' },
    payload: '{"weight": ',
  })
  t.equal(invalidJson.statusCode, 400)
  t.same(await snapshot(prisma), before, 'nothing was written, data_version included')

  // Today in a zone ahead of UTC is already accepted there.
  const kiritimati = await signUp(app, { timeZone: 'Pacific/Kiritimati' })
  const theirToday = todayIn('Pacific/Kiritimati', new Date())
  t.equal((await kiritimati.api('PUT', `/api/v1/body-weights/${theirToday}`, { weight: 70 })).statusCode, 201)
})

t.test('another lifter can neither read, change nor delete an entry (404), and guests get 401', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const alice = await signUp(app)
  const mallory = await signUp(app)
  await alice.api('PUT', '/api/v1/body-weights/2026-05-01', { weight: 64.5, note: 'alice private note' })
  const before = await snapshot(prisma)
  t.equal((await mallory.api('GET', '/api/v1/body-weights/2026-05-01')).statusCode, 404)
  t.equal((await mallory.api('DELETE', '/api/v1/body-weights/2026-05-01')).statusCode, 404)
  t.same((await mallory.api('GET', '/api/v1/body-weights')).json().items, [])
  t.same(await snapshot(prisma), before, 'nothing changed')
  // Mallory's PUT of the same date is Mallory's own entry: Alice's stays as it was.
  t.equal((await mallory.api('PUT', '/api/v1/body-weights/2026-05-01', { weight: 99 })).statusCode, 201)
  t.match((await alice.api('GET', '/api/v1/body-weights/2026-05-01')).json(), {
    weight: 64.5,
    note: 'alice private note',
  })
  for (const [method, url] of [
    ['GET', '/api/v1/body-weights'],
    ['GET', '/api/v1/body-weights/2026-05-01'],
    ['PUT', '/api/v1/body-weights/2026-05-01'],
    ['DELETE', '/api/v1/body-weights/2026-05-01'],
  ] as const) {
    const res = await app.inject({ method, url, ...(method === 'PUT' ? { payload: { weight: 1 } } : {}) })
    t.equal(res.statusCode, 401, `guest ${method} ${url} → 401`)
  }
})

t.test('/apidocs documents the routes under the "body weight" tag', async (t) => {
  const { app } = await buildTestCore(t)
  const doc = (await app.inject('/apidocs/json')).json()
  const paths = doc.paths as Record<string, Record<string, { tags: string[]; summary: string }>>
  t.same(Object.keys(paths['/api/v1/body-weights/{date}'] ?? {}).sort(), ['delete', 'get', 'put'])
  t.same(paths['/api/v1/body-weights']?.get?.tags, ['body weight'])
  t.ok(doc.tags.some((tag: { name: string }) => tag.name === 'body weight'))
})
