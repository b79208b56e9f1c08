// Sign-in and registration are rate-limited per username and per IP, with a message saying when to retry.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { guestForm, postForm, randomAddress, signUp } from '../support/users.ts'

type App = Awaited<ReturnType<typeof buildTestCore>>['app']

async function attempt(
  app: App,
  url: string,
  fields: Record<string, string>,
  remoteAddress = randomAddress(),
  accept = 'text/html',
) {
  return postForm(app, url, await guestForm(app, url, remoteAddress), fields, accept)
}

t.test('10 failed sign-ins for one username lock it for a while, even with the right password', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const other = await signUp(app)
  for (let i = 0; i < 10; i++) {
    const res = await attempt(app, '/login', {
      username: alice.user.username,
      password: `wrong password ${i}`,
    })
    t.equal(res.statusCode, 401, `failure ${i + 1} is an ordinary wrong password`)
  }
  const locked = await attempt(app, '/login', {
    username: alice.user.username.toUpperCase(),
    password: alice.password,
  })
  t.equal(locked.statusCode, 429)
  t.match(locked.headers['content-type'], /text\/html/)
  t.match(locked.body, /Too many failed sign-ins for this username\. Try again in \d+ minutes\./)
  t.notOk(locked.headers.location, 'not signed in')
  const json = await attempt(
    app,
    '/login',
    { username: alice.user.username, password: alice.password },
    randomAddress(),
    'application/json',
  )
  t.equal(json.statusCode, 429)
  t.match(json.json(), { statusCode: 429, code: 'RATE_LIMITED', message: /Try again in/ })
  const fine = await attempt(app, '/login', { username: other.user.username, password: other.password })
  t.equal(fine.statusCode, 303, 'other usernames are unaffected')
  t.equal((await alice.page('/settings')).statusCode, 200, 'existing sessions keep working')
})

t.test('successful sign-ins do not count against the username', async (t) => {
  const { app } = await buildTestCore(t)
  const bob = await signUp(app)
  for (let i = 0; i < 12; i++) {
    const res = await attempt(app, '/login', { username: bob.user.username, password: bob.password })
    t.equal(res.statusCode, 303)
  }
})

t.test('one IP gets 30 sign-in attempts per 15 minutes, whatever the usernames', async (t) => {
  const { app } = await buildTestCore(t)
  const ip = randomAddress()
  const guest = await guestForm(app, '/login', ip)
  const post = (username: string) =>
    postForm(app, '/login', guest, { username, password: 'guessing-passwords' })
  for (let i = 0; i < 30; i++) {
    const res = await post(`user_${i}`)
    if (res.statusCode !== 401) t.fail(`attempt ${i + 1} answered ${res.statusCode}`)
  }
  const blocked = await post('user_x')
  t.equal(blocked.statusCode, 429)
  t.match(blocked.body, /Too many sign-in attempts from your network\. Try again in \d+ minutes\./)
  const elsewhere = await attempt(app, '/login', { username: 'user_y', password: 'guessing-passwords' })
  t.equal(elsewhere.statusCode, 401, 'another address is not blocked')
})

t.test('registration: 20 per hour per IP, 5 attempts per username', async (t) => {
  const { app } = await buildTestCore(t)
  const ip = randomAddress()
  for (let i = 0; i < 20; i++) {
    const res = await attempt(
      app,
      '/register',
      { username: `r${i}`, password: 'short', timeZone: 'UTC', unit: 'kg' },
      ip,
    )
    if (res.statusCode !== 400) t.fail(`attempt ${i + 1} answered ${res.statusCode}`)
  }
  const blocked = await attempt(
    app,
    '/register',
    { username: 'fresh_name', password: 'long enough password', timeZone: 'UTC', unit: 'kg' },
    ip,
  )
  t.equal(blocked.statusCode, 429)
  t.match(blocked.body, /Too many registrations from your network\. Try again in \d+ minutes\./)

  await signUp(app, { username: 'wanted_name' })
  for (let i = 0; i < 4; i++) {
    const res = await attempt(app, '/register', {
      username: 'Wanted_Name',
      password: 'long enough password',
      timeZone: 'UTC',
      unit: 'kg',
    })
    t.equal(res.statusCode, 409)
  }
  const spam = await attempt(app, '/register', {
    username: 'wanted_NAME',
    password: 'long enough password',
    timeZone: 'UTC',
    unit: 'kg',
  })
  t.equal(spam.statusCode, 429)
  t.match(spam.body, /Too many registration attempts for this username/)
})
