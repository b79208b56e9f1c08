// The smaller findings of the security review, each with its check: /apidocs on plain HTTP, oversized
// workout forms, non-object bodies, password strength, the password-changed message and the CSV formula
// guard. (Request ids: service-kit/test/service.test.ts.)
import t from 'tap'
import { passwordProblem } from '../../src/accounts/passwords.ts'
import { buildTestCore } from '../support/app.ts'
import { guestPost, signUp } from '../support/users.ts'
import { catalog, testPrisma } from '../workouts/helpers.ts'

t.test('/apidocs works on plain HTTP: no upgrade-insecure-requests in its CSP', async (t) => {
  const { app } = await buildTestCore(t)
  const res = await app.inject({ url: '/apidocs/', headers: { host: '192.168.1.20:25590' } })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.notMatch(res.headers['content-security-policy'], /upgrade-insecure-requests/)
})

t.test('a workout form padded with thousands of rows re-renders a bounded page', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const alice = await signUp(app)
  const fields: Record<string, string> = { date: '2026-01-10', time: '18:30', action: 'add' }
  for (let i = 0; i < 999; i++) fields[`sets[${i}][exerciseId]`] = bench
  const res = await alice.form('/workouts', fields)
  t.equal(res.statusCode, 200)
  t.ok(
    res.body.length < 2_000_000,
    `${(res.body.length / 1e6).toFixed(2)} MB for a ${JSON.stringify(fields).length} byte form`,
  )
  const save: Record<string, string> = { date: '2026-01-10', time: '18:30' }
  for (let i = 0; i < 205; i++) {
    save[`sets[${i}][exerciseId]`] = bench
    save[`sets[${i}][reps]`] = '5'
    save[`sets[${i}][weight]`] = '100'
  }
  const tooMany = await alice.form('/workouts', save)
  t.equal(tooMany.statusCode, 400, 'more than 200 sets is refused, not silently cut')
  t.match(tooMany.body, 'at most 200 sets per workout')
})

t.test('non-object bodies to form routes get a 400 that says what to send', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  for (const payload of ['[]', '"x"', '42']) {
    const res = await app.inject({
      method: 'POST',
      url: '/settings',
      remoteAddress: alice.remoteAddress,
      headers: {
        cookie: alice.cookie,
        'x-csrf-token': alice.csrfToken,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      payload,
    })
    t.equal(res.statusCode, 400, payload)
    t.match(res.json(), { code: 'VALIDATION', message: 'the request body must be a form or a JSON object' })
  }
})

t.test('passwords: common ones, the username and one repeated pattern are refused', async (t) => {
  t.match(passwordProblem('Password123', 'alice'), /most common/)
  t.match(passwordProblem('alice-is-strong', 'Alice'), /username/)
  t.match(passwordProblem('abababababab', 'alice'), /too few different/)
  t.equal(passwordProblem('correct horse battery staple', 'alice'), null)
  const { app } = await buildTestCore(t)
  const res = await guestPost(app, '/register', {
    username: 'weak_pass',
    password: 'qwertyuiop',
    timeZone: 'UTC',
    unit: 'kg',
  })
  t.equal(res.statusCode, 400)
  t.match(res.body, 'the password is one of the most common passwords')
  const alice = await signUp(app)
  const change = await alice.api('POST', '/api/v1/me/password', {
    currentPassword: alice.password,
    newPassword: `${alice.user.username}-rules`,
  })
  t.equal(change.statusCode, 400)
  t.match(change.json().message, 'must not contain your username')
})

t.test('"Password changed." says that API tokens still work', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const res = await alice.form('/settings/password', {
    currentPassword: alice.password,
    newPassword: 'a brand new passphrase',
  })
  t.equal(res.statusCode, 303)
  const page = await app.inject({
    url: '/settings',
    remoteAddress: alice.remoteAddress,
    headers: { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), accept: 'text/html' },
  })
  t.match(page.body, 'Password changed.')
  t.match(page.body, 'API tokens still work')
})

t.test('CSV export: formula starts are guarded after spaces and in full-width forms too', async (t) => {
  const { app, db } = await buildTestCore(t)
  const { bench } = await catalog(testPrisma(t, db.url))
  const alice = await signUp(app)
  for (const title of ['\uff1dHYPERLINK("http://evil.example")', '\uff0b1+1', '@SUM(A1)']) {
    const saved = await alice.api('POST', '/api/v1/workouts', {
      title,
      sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
    })
    t.equal(saved.statusCode, 201)
  }
  const csv = (await alice.api('GET', '/api/v1/export/sets.csv')).body
  t.match(csv, `'\uff1dHYPERLINK`)
  t.match(csv, `'\uff0b1+1`)
  t.match(csv, `'@SUM(A1)`)
})
