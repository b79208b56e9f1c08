// Sign-in and sign-out: sessions live server-side (Redis, or PostgreSQL without REDIS_URL), logout really
// ends them, unknown users and wrong passwords look alike, and the cookie is Secure only over HTTPS.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import t from 'tap'
import { buildCore } from '../../src/build.ts'
import { loadCoreConfig } from '../../src/config.ts'
import { buildTestCore, TEST_REDIS_URL } from '../support/app.ts'
import { createTestDatabase } from '../support/database.ts'
import {
  actAs,
  encodeForm,
  guestForm,
  guestPost,
  logIn,
  postForm,
  randomAddress,
  signUp,
} from '../support/users.ts'

type App = Awaited<ReturnType<typeof buildTestCore>>['app']

const postLogin = (app: App, fields: Record<string, string>) => guestPost(app, '/login', fields)

t.test('log in, use the session, log out: the old cookie no longer works', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const session = await logIn(app, alice.user.username, alice.password)
  t.equal(session.response.headers.location, '/')
  const cookie = session.cookie
  const me = await app.inject({ url: '/api/v1/me', headers: { cookie } })
  t.equal(me.json().id, alice.user.id)
  const signedIn = await actAs(app, session, { token: alice.token })
  const out = await signedIn.form('/logout')
  t.equal(out.statusCode, 303)
  t.equal(out.headers.location, '/login')
  const after = await app.inject({ url: '/api/v1/me', headers: { cookie } })
  t.equal(after.statusCode, 401, 'the old cookie is worthless after logout')
  const page = await app.inject({ url: '/settings', headers: { cookie, accept: 'text/html' } })
  t.equal(page.statusCode, 303)
  t.match(page.headers.location, /^\/login\?next=/)
  t.equal((await alice.page('/settings')).statusCode, 200, 'other sessions of the same user are untouched')
})

t.test('signing in gives a new session id (no fixation)', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const remoteAddress = randomAddress()
  const guest = await guestForm(app, '/login', remoteAddress)
  const res = await postForm(app, '/login', guest, {
    username: alice.user.username,
    password: alice.password,
  })
  t.equal(res.statusCode, 303)
  const fresh = res.cookies.find((c) => c.name === 'liftlog.sid')
  t.ok(fresh)
  t.not(`liftlog.sid=${fresh?.value}`, guest.cookie)
  const old = await app.inject({ url: '/api/v1/me', headers: { cookie: guest.cookie } })
  t.equal(old.statusCode, 401, 'the pre-login session id was not promoted')
})

t.test('unknown username and wrong password get the same answer', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const wrong = await postLogin(app, { username: alice.user.username, password: 'not the password at all' })
  const unknown = await postLogin(app, { username: 'nobody_here', password: 'not the password at all' })
  t.equal(wrong.statusCode, 401)
  t.equal(unknown.statusCode, 401)
  const strip = (html: string) => html.replace(/value="[^"]*"/g, 'value=""')
  t.equal(strip(wrong.body), strip(unknown.body), 'same page apart from the echoed username and token')
  t.match(wrong.body, 'Wrong username or password.')
  t.notOk(wrong.headers.location, 'no redirect: not signed in')
  const json = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ username: alice.user.username, password: 'x' }),
  })
  t.equal(json.statusCode, 403, 'no CSRF token, no sign-in attempt')
})

t.test('a username differing only in case signs in to the same account', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app, { username: 'MixedCase_Lifter' })
  const res = await postLogin(app, { username: 'mixedcase_lifter', password: alice.password })
  t.equal(res.statusCode, 303)
})

t.test('next= returns to the page asked for, never to another site', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const back = await postLogin(app, {
    username: alice.user.username,
    password: alice.password,
    next: '/settings#tokens',
  })
  t.equal(back.headers.location, '/settings#tokens')
  for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
    const res = await postLogin(app, { username: alice.user.username, password: alice.password, next: evil })
    t.equal(res.headers.location, '/', `${evil} is not followed`)
  }
  const form = await app.inject({ url: '/login?next=%2Fcalendar', headers: { accept: 'text/html' } })
  t.match(form.body, '<input type="hidden" name="next" value="/calendar">')
})

t.test('the session cookie: HttpOnly, SameSite=Lax, idle expiry, stored in Redis with a TTL', async (t) => {
  const { app, config } = await buildTestCore(t, { SESSION_IDLE_MINUTES: '30' })
  const guest = await app.inject({ url: '/login' })
  const cookie = guest.cookies.find((c) => c.name === 'liftlog.sid')
  t.ok(cookie, 'a guest gets a session once a form needs a CSRF secret')
  t.equal(cookie?.httpOnly, true)
  t.equal(cookie?.sameSite, 'Lax')
  t.notOk(cookie?.secure, 'plain HTTP: not Secure')
  t.ok(cookie?.expires instanceof Date)
  const seconds = (new Date(cookie?.expires ?? 0).getTime() - Date.now()) / 1000
  t.ok(seconds > 29 * 60 && seconds <= 30 * 60, `cookie expires with the idle timeout (${seconds}s)`)
  t.match(cookie?.value, /\./, 'signed with SECRET_KEY')
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX })
  t.teardown(() => redis.quit())
  const keys = await redis.keys(`${config.REDIS_KEY_PREFIX}session:*`)
  t.equal(keys.length, 1, 'one server-side session')
  const ttl = await redis.ttl(keys[0]!.slice(config.REDIS_KEY_PREFIX.length))
  t.ok(ttl > 29 * 60 && ttl <= 30 * 60, `Redis TTL follows the idle timeout (${ttl}s)`)
  const home = await app.inject({ url: '/' })
  t.equal(home.cookies.length, 0, 'pages without forms do not start a session for guests')
  const tampered = await app.inject({
    url: '/api/v1/me',
    headers: { cookie: `liftlog.sid=${cookie?.value}x` },
  })
  t.equal(tampered.statusCode, 401)
})

t.test(
  'Secure cookie behind a trusted proxy saying https; not when an untrusted client claims it',
  async (t) => {
    const { app } = await buildTestCore(t, { TRUST_PROXY: '10.9.0.0/16' })
    const viaProxy = await app.inject({
      url: '/login',
      remoteAddress: '10.9.0.7',
      headers: { 'x-forwarded-proto': 'https' },
    })
    const secure = viaProxy.cookies.find((c) => c.name === 'liftlog.sid')
    t.equal(secure?.secure, true, 'trusted proxy + https → Secure')
    t.equal(secure?.sameSite, 'Lax')
    const spoofed = await app.inject({
      url: '/login',
      remoteAddress: '192.0.2.10',
      headers: { 'x-forwarded-proto': 'https' },
    })
    const plain = spoofed.cookies.find((c) => c.name === 'liftlog.sid')
    t.ok(plain)
    t.notOk(plain?.secure, 'an untrusted client cannot claim https')
    t.match(viaProxy.headers['strict-transport-security'], /max-age=/)
  },
)

t.test('without REDIS_URL sessions live in PostgreSQL and still end on logout', async (t) => {
  const db = await createTestDatabase()
  const config = loadCoreConfig({
    DATABASE_URL: db.url,
    SECRET_KEY: `in-process-secret-${randomUUID()}`,
    STATS_TOKEN: 'test-stats-token-0123456789',
    STATS_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
  })
  const app = await buildCore(config)
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await db.drop()
  })
  t.same((await app.operator.inject('/ready')).json().checks, { database: 'ok' }, 'no Redis in play')
  const bob = await signUp(app)
  t.equal((await bob.cookieApi('GET', '/api/v1/me')).statusCode, 200)
  t.equal((await bob.form('/logout')).statusCode, 303)
  t.equal((await bob.cookieApi('GET', '/api/v1/me')).statusCode, 401)
})

t.test(
  'activity extends a signed-in session at most once a minute (no store write per request)',
  async (t) => {
    const { app, config } = await buildTestCore(t, { SESSION_IDLE_MINUTES: '30' })
    const redis = new Redis(TEST_REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX })
    t.teardown(() => redis.quit())
    const lifter = await signUp(app)
    const keys = await redis.keys(`${config.REDIS_KEY_PREFIX}session:*`)
    t.equal(keys.length, 1)
    const key = keys[0]!.slice(config.REDIS_KEY_PREFIX.length)
    const stored = async () => JSON.parse((await redis.get(key)) ?? 'null')
    const before = await stored()
    t.ok(before.seenAt, 'a signed-in session records when it was last seen')
    const again = await lifter.page('/settings')
    t.equal(again.cookies.length, 0, 'a request within the minute sends no Set-Cookie')
    t.same(await stored(), before, 'and writes nothing to the store')
    // Pretend the last activity was two minutes ago, with little time left.
    await redis.set(key, JSON.stringify({ ...before, seenAt: Date.now() - 120_000 }), 'EX', 600)
    const touched = await lifter.page('/settings')
    t.ok(
      touched.cookies.some((c) => c.name === 'liftlog.sid'),
      'the cookie is re-sent with a fresh expiry',
    )
    t.ok((await stored()).seenAt > Date.now() - 10_000, 'seenAt moved forward')
    const ttl = await redis.ttl(key)
    t.ok(ttl > 29 * 60, `the store's TTL is back at the idle timeout (${ttl}s)`)
  },
)
