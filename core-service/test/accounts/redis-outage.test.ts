// Redis is optional at run time: with the session store's Redis stopped or hung (a Redis of this test's
// own), signed-out pages still render, anything needing a session gets a clear 503 page with Retry-After
// within a second — never a raw 500 or a CSRF refusal — API tokens keep working, and everything recovers
// without a restart.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import { ownRedis } from '../../../scripts/own-servers.ts'
import { buildTestCore } from '../support/app.ts'
import { DEFAULT_PASSWORD, encodeForm, logIn, randomAddress, signUp } from '../support/users.ts'

const LIMIT_MS = 1000

async function timed(request: Promise<LightMyRequestResponse>) {
  const started = performance.now()
  const res = await request
  return { res, ms: performance.now() - started }
}

const guestPage = (app: FastifyInstance, url: string) =>
  app.inject({ url, remoteAddress: randomAddress(), headers: { accept: 'text/html' } })

/** A form post with no session at all, as a browser sends after its guest session could not be kept. */
const cookielessLogin = (app: FastifyInstance, username: string) =>
  app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: randomAddress(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: encodeForm({ _csrf: 'whatever', username, password: DEFAULT_PASSWORD }),
  })

/** Until /ready reports Redis answering again. */
async function redisBack(app: FastifyInstance, ms = 5000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if ((await app.operator.inject('/ready')).json().checks.redis === 'ok') return
    await sleep(50)
  }
}

t.test('Redis stopped, then hung: guest pages render, signed-in requests get a 503 page fast', async (t) => {
  const redis = await ownRedis(t, 42003)
  const { app } = await buildTestCore(t, { REDIS_URL: redis.url })
  const alice = await signUp(app)
  t.equal((await alice.page('/workouts')).statusCode, 200)

  for (const fault of ['stopped', 'paused'] as const) {
    if (fault === 'stopped') await redis.stop()
    else redis.pause()
    await sleep(50)

    const signedIn = await timed(alice.page('/workouts'))
    t.equal(signedIn.res.statusCode, 503, `${fault}: a signed-in page is a 503`)
    t.ok(signedIn.ms < LIMIT_MS, `${fault}: within a second (${signedIn.ms.toFixed(0)} ms)`)
    t.equal(signedIn.res.headers['retry-after'], '5')
    t.match(signedIn.res.headers['content-type'], /text\/html/)
    t.match(signedIn.res.body, /Sign-in is temporarily unavailable/)
    t.notMatch(signedIn.res.body, /max retries|ioredis|internal error/i)

    const cookieApi = await timed(alice.cookieApi('GET', '/api/v1/me'))
    t.equal(cookieApi.res.statusCode, 503, `${fault}: a cookie API call is a 503`)
    t.match(cookieApi.res.json(), { statusCode: 503, code: 'SIGN_IN_UNAVAILABLE' })

    const login = await timed(guestPage(app, '/login'))
    t.equal(login.res.statusCode, 200, `${fault}: the login page still renders`)
    t.ok(login.ms < LIMIT_MS, `${fault}: login page within a second (${login.ms.toFixed(0)} ms)`)
    t.match(login.res.body, /<form/)
    t.equal((await guestPage(app, '/')).statusCode, 200, `${fault}: the home page renders for guests`)

    const submit = await timed(cookielessLogin(app, alice.user.username))
    t.equal(submit.res.statusCode, 503, `${fault}: submitting sign-in is a 503, not CSRF_REJECTED`)
    t.ok(submit.ms < LIMIT_MS, `${fault}: sign-in answer within a second (${submit.ms.toFixed(0)} ms)`)
    t.match(submit.res.body, /Sign-in is temporarily unavailable/)

    const token = await alice.api('GET', '/api/v1/workouts')
    t.equal(token.statusCode, 200, `${fault}: API tokens need no session and keep working`)

    if (fault === 'stopped') await redis.start()
    else redis.resume()
    await redisBack(app)
    await sleep(2100) // the store's memory of the last failure
  }

  // Recovered without a restart: signing in and signed-in pages work again.
  const session = await logIn(app, alice.user.username, DEFAULT_PASSWORD)
  const page = await app.inject({
    url: '/workouts',
    remoteAddress: session.remoteAddress,
    headers: { cookie: session.cookie, accept: 'text/html' },
  })
  t.equal(page.statusCode, 200, 'signed in again after Redis came back')
})
