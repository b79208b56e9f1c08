// Sign-in throttling cannot lock the real lifter out: failures for a username impose growing delays (with
// Retry-After), never a fixed lock, and a browser that signed in as that username before is not held back
// by an attacker's failures from elsewhere.
import t from 'tap'
import { delayAfter, MAX_DELAY_SECONDS } from '../../src/accounts/sign-in-throttle.ts'
import { buildTestCore } from '../support/app.ts'
import { guestForm, postForm, randomAddress, signUp } from '../support/users.ts'

type App = Awaited<ReturnType<typeof buildTestCore>>['app']

async function signIn(
  app: App,
  fields: Record<string, string>,
  remoteAddress = randomAddress(),
  device?: string,
) {
  const form = await guestForm(app, '/login', remoteAddress)
  const cookie = device ? `${form.cookie}; ${device}` : form.cookie
  return postForm(app, '/login', { ...form, cookie }, fields)
}

t.test('delays grow from 1 s and stop at 15 minutes', async (t) => {
  t.same(
    [5, 6, 7, 8, 9].map((n) => delayAfter(n, 5)),
    [0, 1, 2, 4, 8],
  )
  t.equal(delayAfter(1000, 5), MAX_DELAY_SECONDS)
})

t.test(
  'an attacker failing from many addresses cannot keep the lifter out of their own browser',
  async (t) => {
    const { app } = await buildTestCore(t)
    const alice = await signUp(app)
    const username = alice.user.username
    // Alice signed in from her phone once: it now carries the device cookie.
    const first = await signIn(app, { username, password: alice.password })
    t.equal(first.statusCode, 303)
    const device = first.cookies.find((c) => c.name === 'liftlog.device')
    t.ok(device?.httpOnly, 'the device cookie is HttpOnly')
    t.equal(device?.path, '/login')
    const deviceCookie = `liftlog.device=${device?.value}`

    for (let i = 0; i < 11; i++) {
      const res = await signIn(app, { username, password: `guess ${i}` })
      t.equal(res.statusCode, 401, `guess ${i + 1} from a fresh address is an ordinary failure`)
    }
    const stranger = await signIn(app, { username, password: alice.password })
    t.equal(stranger.statusCode, 429, 'a new device waits after 11 failures for the username')
    const wait = Number(stranger.headers['retry-after'])
    t.ok(wait >= 1 && wait <= MAX_DELAY_SECONDS, `a delay with Retry-After (${wait} s), not a lock`)
    t.match(stranger.body, /Too many failed sign-ins for this username\. Try again in \d+ seconds\./)

    const phone = await signIn(app, { username, password: alice.password }, randomAddress(), deviceCookie)
    t.equal(phone.statusCode, 303, 'her known device signs in at once')
    const forged = await signIn(
      app,
      { username, password: alice.password },
      randomAddress(),
      'liftlog.device=x.y',
    )
    t.equal(forged.statusCode, 429, 'an unsigned device cookie counts for nothing')
  },
)

t.test('failures from one source slow that source down, then the right password works again', async (t) => {
  const { app } = await buildTestCore(t)
  const bob = await signUp(app)
  const ip = randomAddress()
  for (let i = 0; i < 6; i++) {
    const res = await signIn(app, { username: bob.user.username, password: `guess ${i}` }, ip)
    t.equal(res.statusCode, 401)
  }
  const early = await signIn(app, { username: bob.user.username, password: bob.password }, ip)
  t.equal(early.statusCode, 429, 'the sixth failure costs a second')
  t.equal(early.headers['retry-after'], '1')
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const later = await signIn(app, { username: bob.user.username, password: bob.password }, ip)
  t.equal(later.statusCode, 303, 'after the delay the right password signs in')
})
