// Security headers and the pages' side of the CSP: no inline script or style anywhere, so the strict
// policy never blocks anything; /apidocs still works and documents the bearer scheme.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { viewsDir } from '../../src/plugins/views.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'

function inlineViolations(html: string): string[] {
  const found: string[] = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(m[1] ?? '') || (m[2] ?? '').trim()) found.push(`inline script: ${m[0].slice(0, 60)}`)
  }
  if (/<style\b/i.test(html)) found.push('<style> element')
  if (/\sstyle\s*=/i.test(html)) found.push('style= attribute')
  const handler = /\son[a-z]+\s*=/i.exec(html)
  if (handler) found.push(`event handler attribute ${handler[0]}`)
  if (/javascript:/i.test(html)) found.push('javascript: URL')
  return found
}

t.test('pages carry a strict CSP and the usual hardening headers', async (t) => {
  const { app } = await buildTestCore(t)
  const res = await app.inject({ url: '/', headers: { accept: 'text/html' } })
  const csp = String(res.headers['content-security-policy'])
  t.match(csp, "default-src 'self'")
  t.match(csp, "script-src 'self'")
  t.match(csp, "style-src 'self'")
  t.match(csp, "frame-ancestors 'none'")
  t.match(csp, "form-action 'self'")
  t.match(csp, "object-src 'none'")
  t.notMatch(csp, 'unsafe-inline')
  t.notMatch(csp, 'unsafe-eval')
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(res.headers['referrer-policy'], /no-referrer/)
  t.match(res.headers['cross-origin-opener-policy'], 'same-origin')
  t.match(res.headers['strict-transport-security'], /max-age=\d+/)
  const api = await app.inject({ url: '/api/v1/me' })
  t.equal(api.headers['x-content-type-options'], 'nosniff', 'the API too')
})

t.test("a signed-in lifter's responses are never stored by caches", async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  t.equal((await alice.page('/settings')).headers['cache-control'], 'private, no-store')
  t.equal((await alice.api('GET', '/api/v1/me')).headers['cache-control'], 'private, no-store')
  const css = await app.inject({ url: '/static/css/app.css', headers: { cookie: alice.cookie } })
  t.match(css.headers['cache-control'], /max-age=3600/, 'static files stay cacheable')
})

t.test('every rendered page satisfies the CSP: no inline scripts, styles or handlers', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const guestPages = ['/', '/login', '/register', '/no-such-page', '/?deleted=1']
  for (const url of guestPages) {
    const res = await app.inject({ url, headers: { accept: 'text/html' } })
    t.same(inlineViolations(res.body), [], `guest ${url}`)
    t.match(res.body, /^<!doctype html>\s*<html lang="en">/, `guest ${url} is a full document`)
  }
  for (const url of ['/', '/settings']) {
    const res = await alice.page(url)
    t.equal(res.statusCode, 200)
    t.same(inlineViolations(res.body), [], `signed-in ${url}`)
  }
  const withToken = await alice.form('/settings/tokens', { name: 'csp check' })
  t.same(inlineViolations(withToken.body), [], 'settings with a new token shown')
})

t.test('templates never use inline script or style (checked at the source too)', async (t) => {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.hbs')) files.push(full)
    }
  }
  walk(viewsDir)
  t.ok(files.length >= 8)
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8').replace(/\{\{!--[\s\S]*?--\}\}/g, '')
    t.same(inlineViolations(source), [], path.relative(viewsDir, file))
  }
})

t.test('every form field on the account pages has a label', async (t) => {
  const { app } = await buildTestCore(t)
  const alice = await signUp(app)
  const pages = [
    (await app.inject({ url: '/login', headers: { accept: 'text/html' } })).body,
    (await app.inject({ url: '/register', headers: { accept: 'text/html' } })).body,
    (await alice.page('/settings')).body,
  ]
  for (const html of pages) {
    for (const m of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const attrs = m[2] ?? ''
      if (/type="(hidden|submit)"|\shidden\b/.test(attrs)) continue
      if (/type="radio"/.test(attrs)) continue // wrapped in <label class="choice"> inside a <fieldset><legend>
      const id = /\sid="([^"]+)"/.exec(attrs)?.[1]
      t.ok(
        id && html.includes(`<label for="${id}">`),
        `field ${/name="([^"]+)"/.exec(attrs)?.[1]} has a label`,
      )
    }
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    t.same(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      'ids are unique',
    )
  }
})

t.test('static files are served; /apidocs works under helmet and documents bearer auth', async (t) => {
  const { app } = await buildTestCore(t)
  const css = await app.inject('/static/css/app.css')
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /text\/css/)
  const docs = await app.inject('/apidocs/')
  t.equal(docs.statusCode, 200)
  const doc = (await app.inject('/apidocs/json')).json()
  t.match(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' })
  for (const [p, method] of [
    ['/api/v1/me', 'get'],
    ['/api/v1/me', 'patch'],
    ['/api/v1/me', 'delete'],
    ['/api/v1/me/password', 'post'],
    ['/api/v1/tokens', 'get'],
    ['/api/v1/tokens', 'post'],
    ['/api/v1/tokens/{id}', 'delete'],
  ] as const) {
    const op = doc.paths[p]?.[method]
    t.ok(op, `${method} ${p} documented`)
    t.same(op?.security, [{ bearerAuth: [] }, { cookieAuth: [] }])
    t.ok(op?.responses?.['401'], `${method} ${p} documents 401`)
  }
  t.notOk(doc.paths['/login'], 'pages are not in the API document')
})
