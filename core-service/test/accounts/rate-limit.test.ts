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

// Per-username throttling (growing delays, no lock-out of the real lifter): test/security/sign-in-throttle.test.ts.

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
  t.ok(Number(blocked.headers['retry-after']) > 0, 'with Retry-After in seconds')
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
