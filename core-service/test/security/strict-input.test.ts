// JSON bodies are taken as sent: a wrong type is a 400, never coerced (reps: true was stored as 1), and
// unknown properties are refused with all of them named (they were dropped silently). Query strings still
// coerce. Forms read plain decimal numbers only and times from 00:00 to 23:59.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, snapshot, testPrisma } from '../workouts/helpers.ts'

t.test('JSON workouts: wrong types are refused, not coerced', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const before = await snapshot(prisma)
  const wrong: [string, Record<string, unknown>][] = [
    ['reps: null', { reps: null }],
    ['reps: true', { reps: true }],
    ['reps: "0x10"', { reps: '0x10' }],
    ['reps: "5"', { reps: '5' }],
    ['reps: [5]', { reps: [5] }],
    ['weight: true', { weight: true }],
    ['weight: "100"', { weight: '100' }],
    ['isWarmup: "false"', { isWarmup: 'false' }],
    ['rpe: "8"', { rpe: '8' }],
  ]
  for (const [name, change] of wrong) {
    const res = await alice.api('POST', '/api/v1/workouts', {
      sets: [{ exerciseId: bench, reps: 5, weight: 100, ...change }],
    })
    t.equal(res.statusCode, 400, `${name} → 400`)
    t.match(res.json(), { code: 'VALIDATION', message: /^body\/sets\/0\/\w+ must be / }, name)
  }
  const title = await alice.api('POST', '/api/v1/workouts', {
    title: 42,
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(title.statusCode, 400, 'a number is not a title')
  t.same(await snapshot(prisma), before, 'nothing was stored')
})

t.test('JSON bodies: unknown properties are refused, each one named', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const before = await snapshot(prisma)
  const workout = await alice.api('POST', '/api/v1/workouts', {
    colour: 'red',
    userId: 'someone else',
    sets: [{ exerciseId: bench, reps: 5, weight: 100, tempo: '3-1-1' }],
  })
  t.equal(workout.statusCode, 400)
  t.equal(workout.json().message, 'body has unknown properties: colour, userId, sets/0/tempo')
  const me = await alice.api('PATCH', '/api/v1/me', { unit: 'lb', isAdmin: true })
  t.equal(me.statusCode, 400)
  t.equal(me.json().message, 'body has unknown properties: isAdmin')
  const token = await alice.api('POST', '/api/v1/tokens', { name: 'x', scopes: ['all'] })
  t.equal(token.statusCode, 400)
  t.equal(token.json().message, 'body has unknown properties: scopes')
  t.same(await snapshot(prisma), before, 'nothing was stored')
  t.equal((await alice.api('GET', '/api/v1/me')).json().unit, 'kg', 'the unit did not change')
})

t.test('query strings still coerce numbers', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const res = await alice.api('GET', '/api/v1/workouts?page=2&perPage=5')
  t.equal(res.statusCode, 200)
  t.match(res.json(), { page: 2, perPage: 5 })
  t.equal((await alice.api('GET', '/api/v1/workouts?page=two')).statusCode, 400)
})

t.test('the workout form reads plain decimals and times within the day', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const alice = await signUp(app)
  const before = await snapshot(prisma)
  const form = (fields: Record<string, string>) =>
    alice.form('/workouts', {
      date: '2026-01-10',
      time: '18:30',
      'sets[0][exerciseId]': bench,
      'sets[0][reps]': '5',
      'sets[0][weight]': '100',
      ...fields,
    })
  for (const [field, value] of [
    ['sets[0][reps]', '0x10'],
    ['sets[0][reps]', '1e1'],
    ['sets[0][weight]', '1e2'],
    ['sets[0][weight]', '0x64'],
    ['sets[0][weight]', 'Infinity'],
    ['sets[0][weight]', '100.'],
    ['sets[0][rpe]', '0x8'],
    ['time', '24:00'],
    ['time', '23:60'],
    ['time', '7:30'],
  ] as const) {
    const res = await form({ [field]: value })
    t.equal(res.statusCode, 400, `${field} = ${value} is refused`)
  }
  t.same(await snapshot(prisma), before, 'nothing was stored')
  const comma = await form({ 'sets[0][weight]': '102,5', time: '23:59' })
  t.equal(comma.statusCode, 303, 'a decimal comma and 23:59 are fine')
  const saved = await prisma.workoutSet.findFirstOrThrow({ where: { userId: alice.user.id } })
  t.equal(saved.weightKg.toString(), '102.5')
})
