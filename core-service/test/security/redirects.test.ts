// Where sign-in sends a lifter afterwards: only ever a path on this site. Browsers strip tabs and newlines
// from URLs and read a backslash as a slash, so "/\t/evil.example" must not survive as a Location.
import t from 'tap'
import { safeRedirectTarget } from '../../src/accounts/redirect-target.ts'
import { buildTestCore } from '../support/app.ts'
import { guestPost, logIn, signUp } from '../support/users.ts'

const OFF_SITE = [
  '//evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/ /evil.example',
  '/\u3000/evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/\u0000x',
  ' /settings',
]

t.test('safeRedirectTarget keeps same-site paths and refuses everything else', async (t) => {
  t.equal(safeRedirectTarget('/settings#tokens'), '/settings#tokens')
  t.equal(safeRedirectTarget('/calendar?month=2026-11'), '/calendar?month=2026-11')
  t.equal(safeRedirectTarget('/calendar/../settings'), '/settings', 'normalised by the URL parser')
  t.equal(safeRedirectTarget('/caf\u00e9'), '/caf%C3%A9', 'non-ASCII is percent-encoded, never raw')
  for (const bad of OFF_SITE) t.equal(safeRedirectTarget(bad), '/', JSON.stringify(bad))
  t.equal(safeRedirectTarget(undefined), '/')
  t.equal(safeRedirectTarget(`/${'a'.repeat(2001)}`), '/', 'too long')
})

t.test('POST /login with a hostile next lands on the home page, never 500', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  for (const next of OFF_SITE) {
    const res = await guestPost(app, '/login', {
      username: alice.user.username,
      password: alice.password,
      next,
    })
    t.equal(res.statusCode, 303, `${JSON.stringify(next)} signs in`)
    t.equal(res.headers.location, '/', `${JSON.stringify(next)} is not followed`)
  }
})

t.test('GET /login?next= for a signed-in lifter redirects safely; encoded tabs and CR/LF too', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const { cookie } = await logIn(app, alice.user.username, alice.password)
  for (const query of ['/%09/evil.example', '/%0d%0aSet-Cookie:x=1', '/%00', '/%E3%80%80/evil.example']) {
    const res = await app.inject({ url: `/login?next=${query}`, headers: { cookie, accept: 'text/html' } })
    t.equal(res.statusCode, 303, `${query}: redirect, not 500`)
    t.equal(res.headers.location, '/', `${query}: home page`)
  }
  const guest = await app.inject({ url: '/login?next=/%09/evil.example', headers: { accept: 'text/html' } })
  t.equal(guest.statusCode, 200)
  t.notMatch(guest.body, 'evil.example', 'the form does not carry the hostile target along')
})
