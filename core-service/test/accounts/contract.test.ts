// The accounts contract other areas build on: request.user from cookie or bearer, requireUser's answers,
// CSRF on writes, the layout's nav, and the error page.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'

t.test('a signed-up user is request.user through the cookie and through a bearer token', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app, { displayName: 'Alice', timeZone: 'Europe/Ljubljana', unit: 'lb' })
  t.match(alice.user, { displayName: 'Alice', timeZone: 'Europe/Ljubljana', unit: 'lb' })
  const viaCookie = await alice.cookieApi('GET', '/api/v1/me')
  t.equal(viaCookie.statusCode, 200)
  t.same(viaCookie.json(), alice.user)
  const viaBearer = await alice.api('GET', '/api/v1/me')
  t.same(viaBearer.json(), alice.user)
})

t.test('requireUser: 401 JSON for /api, 303 to /login?next= for pages', async (t) => {
  const { app } = await buildTestCore(t)
  const api = await app.inject({ url: '/api/v1/me' })
  t.equal(api.statusCode, 401)
  t.match(api.json(), { statusCode: 401, code: 'UNAUTHENTICATED', message: String })
  const page = await app.inject({ url: '/settings?x=1', headers: { accept: 'text/html' } })
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, `/login?next=${encodeURIComponent('/settings?x=1')}`)
  const badBearer = await app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer llt_nope' } })
  t.equal(badBearer.statusCode, 401)
})

t.test('the layout shows every nav link and a logout form with a CSRF token', async (t) => {
  const { app } = await buildTestCore(t)
  const bob = await signUp(app)
  const home = await bob.page('/')
  t.equal(home.statusCode, 200)
  t.match(home.headers['content-type'], /text\/html/)
  for (const href of [
    '/workouts/new',
    '/workouts',
    '/calendar',
    '/exercises',
    '/progress',
    '/body-weight',
    '/settings',
  ]) {
    t.match(home.body, `href="${href}"`, `nav links to ${href}`)
  }
  t.match(home.body, /<form method="post" action="\/logout"[\s\S]*?name="_csrf" value="[^"]+"/)
  const settings = await bob.page('/settings')
  t.match(settings.body, /<a href="\/settings" aria-current="page">Settings<\/a>/)
})

t.test('pages render errors with pages/error.hbs, the API answers JSON', async (t) => {
  const { app } = await buildTestCore(t)
  const page = await app.inject({ url: '/nowhere', headers: { accept: 'text/html' } })
  t.equal(page.statusCode, 404)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /Page not found/)
  const api = await app.inject({ url: '/api/v1/nowhere', headers: { accept: 'text/html' } })
  t.equal(api.statusCode, 404)
  t.equal(api.json().code, 'NOT_FOUND')
})

t.test('cookie-authenticated API writes need x-csrf-token; bearer writes do not', async (t) => {
  const { app } = await buildTestCore(t)
  const carol = await signUp(app)
  const noCsrf = await app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    headers: { cookie: carol.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ unit: 'lb' }),
  })
  t.equal(noCsrf.statusCode, 403)
  t.match(noCsrf.json(), { statusCode: 403, code: 'CSRF_REJECTED', message: /x-csrf-token/ })
  t.equal((await carol.api('GET', '/api/v1/me')).json().unit, 'kg', 'nothing changed')
  t.equal((await carol.cookieApi('PATCH', '/api/v1/me', { unit: 'lb' })).statusCode, 200)
  t.equal((await carol.api('PATCH', '/api/v1/me', { unit: 'kg' })).json().unit, 'kg')
})

t.test('a POST to an unknown route is a 404, not a CSRF refusal', async (t) => {
  const { app } = await buildTestCore(t)
  const res = await app.inject({
    method: 'POST',
    url: '/no/such/thing',
    headers: { accept: 'application/json' },
  })
  t.equal(res.statusCode, 404)
  t.equal(res.json().code, 'NOT_FOUND')
})
