// Signs lifters up and in through the real routes, so tests act as a logged-in user exactly like a
// browser (session cookie + CSRF token for forms) or a script (personal API token as Bearer).
//
//   const alice = await signUp(app)                         // registered, signed in, with an API token
//   await alice.page('/settings')                           // GET with the session cookie
//   await alice.form('/settings', { displayName: 'A' })     // POST form with cookie + _csrf
//   await alice.api('POST', '/api/v1/tokens', { name: 'x' }) // JSON with Authorization: Bearer
//   await alice.cookieApi('PATCH', '/api/v1/me', { unit: 'lb' }) // JSON with cookie + x-csrf-token
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { CurrentUser } from '../../src/accounts/current-user.ts'
import { SESSION_COOKIE } from '../../src/plugins/session.ts'

export const DEFAULT_PASSWORD = 'correct horse battery staple'

export interface SignUpOverrides {
  username?: string
  password?: string
  displayName?: string
  timeZone?: string
  unit?: 'kg' | 'lb'
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface SignedInUser {
  user: CurrentUser
  password: string
  /** `liftlog.sid=…`, ready for a Cookie header. */
  cookie: string
  /** A CSRF token valid for this session (for `_csrf` fields and the x-csrf-token header). */
  csrfToken: string
  /** A personal API token (`Authorization: Bearer <token>`). */
  token: string
  /** The client address this user's requests come from (keeps rate limits per test user). */
  remoteAddress: string
  page(url: string): Promise<LightMyRequestResponse>
  form(url: string, fields?: Record<string, string | string[]>): Promise<LightMyRequestResponse>
  api(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>
  cookieApi(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>
}

/** A random client address, so each signed-up user has its own per-IP rate-limit budget. */
export function randomAddress(): string {
  const b = randomBytes(3)
  return `10.${b[0]}.${b[1]}.${b[2]}`
}

/** The `name=value` of the session cookie a response sets, if it sets one. */
export function sessionCookieFrom(res: LightMyRequestResponse): string | undefined {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)
  return cookie ? `${cookie.name}=${cookie.value}` : undefined
}

/** The value of the first `_csrf` hidden field (or csrf-token meta tag) in an HTML page. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /name="csrf-token" content="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no CSRF token in the page')
  return match[1]
}

export function encodeForm(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
  }
  return params.toString()
}

/** Opens a form page as a guest: the session cookie and CSRF token a browser would have. */
export async function guestForm(app: FastifyInstance, url = '/login', remoteAddress = randomAddress()) {
  const res = await app.inject({ url, remoteAddress, headers: { accept: 'text/html' } })
  const cookie = sessionCookieFrom(res)
  if (res.statusCode !== 200 || !cookie)
    throw new Error(`GET ${url} gave ${res.statusCode} without a session cookie`)
  return { cookie, csrfToken: csrfTokenFrom(res.body), remoteAddress }
}

/** A form POST as a browser sends it: the session cookie, and the CSRF token as `_csrf` (caller's fields win). */
export function postForm(
  app: FastifyInstance,
  url: string,
  session: { cookie: string; csrfToken: string; remoteAddress: string },
  fields: Record<string, string | string[]> = {},
  accept = 'text/html',
) {
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: session.remoteAddress,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept },
    payload: encodeForm({ _csrf: session.csrfToken, ...fields }),
  })
}

/** A guest opens the form page at `url`, then submits it. */
export async function guestPost(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  remoteAddress = randomAddress(),
) {
  return postForm(app, url, await guestForm(app, url, remoteAddress), fields)
}

/** POSTs the login form; returns the signed-in session cookie (or throws with the page status). */
export async function logIn(
  app: FastifyInstance,
  username: string,
  password: string,
  remoteAddress = randomAddress(),
) {
  const res = await guestPost(app, '/login', { username, password }, remoteAddress)
  const cookie = sessionCookieFrom(res)
  if (res.statusCode !== 303 || !cookie) throw new Error(`login as ${username} failed: ${res.statusCode}`)
  return { cookie, remoteAddress, response: res }
}

/** Acting as an already signed-in session: fetches a fresh CSRF token and wraps the request helpers. */
export async function actAs(
  app: FastifyInstance,
  session: { cookie: string; remoteAddress: string },
  extra: { user?: CurrentUser; password?: string; token?: string } = {},
): Promise<SignedInUser> {
  const { cookie, remoteAddress } = session
  const settings = await app.inject({
    url: '/settings',
    remoteAddress,
    headers: { cookie, accept: 'text/html' },
  })
  if (settings.statusCode !== 200)
    throw new Error(`GET /settings as a signed-in user gave ${settings.statusCode}`)
  const csrfToken = csrfTokenFrom(settings.body)
  const json = (body: unknown) => (body === undefined ? {} : { payload: JSON.stringify(body) })
  const jsonHeaders = (body: unknown) => (body === undefined ? {} : { 'content-type': 'application/json' })
  const helpers = {
    page: (url: string) => app.inject({ url, remoteAddress, headers: { cookie, accept: 'text/html' } }),
    form: (url: string, fields: Record<string, string | string[]> = {}) =>
      postForm(app, url, { cookie, csrfToken, remoteAddress }, fields),
    cookieApi: (method: Method, url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        remoteAddress,
        headers: { cookie, 'x-csrf-token': csrfToken, accept: 'application/json', ...jsonHeaders(body) },
        ...json(body),
      }),
  }
  let token = extra.token
  if (!token) {
    const created = await helpers.cookieApi('POST', '/api/v1/tokens', { name: 'test token' })
    if (created.statusCode !== 201)
      throw new Error(`creating an API token gave ${created.statusCode}: ${created.body}`)
    token = created.json().token as string
  }
  const bearer = token
  let user = extra.user
  if (!user) {
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${bearer}` } })
    user = me.json() as CurrentUser
  }
  return {
    user,
    password: extra.password ?? '',
    cookie,
    csrfToken,
    token: bearer,
    remoteAddress,
    ...helpers,
    api: (method: Method, url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        remoteAddress,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json', ...jsonHeaders(body) },
        ...json(body),
      }),
  }
}

/** Registers a new lifter through POST /register (unique username unless given) and signs them in. */
export async function signUp(app: FastifyInstance, overrides: SignUpOverrides = {}): Promise<SignedInUser> {
  const username = overrides.username ?? `lifter_${randomBytes(5).toString('hex')}`
  const password = overrides.password ?? DEFAULT_PASSWORD
  const remoteAddress = randomAddress()
  const res = await guestPost(
    app,
    '/register',
    {
      username,
      password,
      displayName: overrides.displayName ?? username,
      timeZone: overrides.timeZone ?? 'UTC',
      unit: overrides.unit ?? 'kg',
    },
    remoteAddress,
  )
  const cookie = sessionCookieFrom(res)
  if (res.statusCode !== 303 || !cookie)
    throw new Error(`registering ${username} failed: ${res.statusCode} ${res.body.slice(0, 500)}`)
  return actAs(app, { cookie, remoteAddress }, { password })
}
