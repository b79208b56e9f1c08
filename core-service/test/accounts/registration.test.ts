// Registration: every bad field comes back on the form with a message and stores nothing; usernames are
// unique case-insensitively; passwords are stored as argon2id hashes.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { queryDatabase } from '../support/database.ts'
import { DEFAULT_PASSWORD, encodeForm, guestForm, guestPost, signUp } from '../support/users.ts'

const valid = {
  username: 'newlifter',
  password: DEFAULT_PASSWORD,
  displayName: 'New Lifter',
  timeZone: 'Europe/Ljubljana',
  unit: 'kg',
}

const postRegister = (app: FastifyInstance, fields: Record<string, string>) =>
  guestPost(app, '/register', fields)

t.test('GET /register offers labelled fields, the zone list and the zone-preselect script', async (t) => {
  const { app } = await buildTestCore(t)
  const res = await app.inject({ url: '/register', headers: { accept: 'text/html' } })
  t.equal(res.statusCode, 200)
  for (const id of ['username', 'password', 'displayName', 'timeZone'])
    t.match(res.body, `<label for="${id}">`)
  t.match(res.body, '<option value="Pacific/Auckland"')
  t.match(res.body, 'data-browser-time-zone')
  t.match(res.body, '<script src="/static/js/time-zone.js" defer></script>')
  const script = await app.inject('/static/js/time-zone.js')
  t.equal(script.statusCode, 200)
  t.match(script.body, 'resolvedOptions().timeZone')
})

t.test('POST /register rejects each bad field with a message next to it and stores nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['too short username', { username: 'ab' }, 'username', /3–32 letters/],
    ['username with spaces', { username: 'big lifter' }, 'username', /3–32 letters/],
    ['too long username', { username: 'x'.repeat(33) }, 'username', /3–32 letters/],
    ['username with a slash', { username: 'a/b/c' }, 'username', /3–32 letters/],
    ['too short password', { password: 'short1234' }, 'password', /10–200 characters/],
    ['absurdly long password', { password: 'p'.repeat(201) }, 'password', /10–200 characters/],
    ['too long display name', { displayName: 'd'.repeat(81) }, 'displayName', /up to 80/],
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /not a known IANA time zone/],
    ['overlong time zone', { timeZone: 'Z'.repeat(65) }, 'timeZone', /time zone/],
    ['unknown unit', { unit: 'stone' }, 'unit', /kg or lb/],
  ]
  for (const [name, change, field, message] of cases) {
    const res = await postRegister(app, { ...valid, ...change })
    t.equal(res.statusCode, 400, `${name}: 400`)
    t.match(
      res.body,
      new RegExp(`id="${field}-error">[^<]*${message.source}`),
      `${name}: message next to ${field}`,
    )
    t.notMatch(res.body, DEFAULT_PASSWORD, `${name}: the password is never echoed`)
  }
  for (const missing of ['username', 'password', 'timeZone', 'unit'] as const) {
    const { [missing]: _, ...rest } = valid
    const res = await postRegister(app, rest)
    t.equal(res.statusCode, 400, `missing ${missing}: 400`)
    t.match(res.body, `id="${missing}-error">is required`)
  }
  const several = await postRegister(app, { ...valid, username: 'ab', password: 'short', unit: 'stone' })
  for (const field of ['username', 'password', 'unit'])
    t.match(several.body, `id="${field}-error">`, `all bad fields at once: ${field}`)
  const keeps = await postRegister(app, { ...valid, username: 'ab', displayName: 'Kept Name' })
  t.match(keeps.body, 'value="Kept Name"', 'the form keeps what was typed')
  const rows = await queryDatabase(db.url, 'SELECT count(*)::int AS n FROM users')
  t.equal(rows[0]?.n, 0, 'no user was stored')
})

t.test('a username is taken whatever its case, with a clear message', async (t) => {
  const { app, db } = await buildTestCore(t)
  await signUp(app, { username: 'Alice.Lifts' })
  const res = await postRegister(app, { ...valid, username: 'alice.lifts' })
  t.equal(res.statusCode, 409)
  t.match(res.body, /id="username-error">the username &quot;alice.lifts&quot; is taken; choose another/)
  const rows = await queryDatabase(db.url, 'SELECT count(*)::int AS n FROM users')
  t.equal(rows[0]?.n, 1)
})

t.test('a new account stores an argon2id hash, the chosen zone and unit, and is signed in', async (t) => {
  const { app, db } = await buildTestCore(t)
  const res = await postRegister(app, { ...valid, unit: 'lb' })
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, '/')
  const [row] = await queryDatabase<{
    password_hash: string
    time_zone: string
    unit: string
    display_name: string
  }>(db.url, 'SELECT password_hash, time_zone, unit::text, display_name FROM users WHERE username = $1', [
    'newlifter',
  ])
  t.match(row, { time_zone: 'Europe/Ljubljana', unit: 'lb', display_name: 'New Lifter' })
  t.match(row?.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  const cookie = res.cookies.find((c) => c.name === 'liftlog.sid')
  const home = await app.inject({
    url: '/',
    headers: { cookie: `liftlog.sid=${cookie?.value}`, accept: 'text/html' },
  })
  t.match(home.body, 'Welcome to LiftLog, New Lifter!', 'the flash message shows once')
  t.match(home.body, 'Hello, New Lifter')
  const again = await app.inject({
    url: '/',
    headers: { cookie: `liftlog.sid=${cookie?.value}`, accept: 'text/html' },
  })
  t.notMatch(again.body, 'Welcome to LiftLog')
})

t.test('POST /register without a CSRF token is refused and stores nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const guest = await guestForm(app, '/register')
  const res = await app.inject({
    method: 'POST',
    url: '/register',
    headers: {
      cookie: guest.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
    payload: encodeForm(valid),
  })
  t.equal(res.statusCode, 403)
  t.match(res.body, 'This form has expired')
  const rows = await queryDatabase(db.url, 'SELECT count(*)::int AS n FROM users')
  t.equal(rows[0]?.n, 0)
})

t.test('the unit is preselected from the browser language: en-US → lb, elsewhere kg', async (t) => {
  const { app } = await buildTestCore(t)
  const checkedUnit = async (acceptLanguage?: string) => {
    const res = await app.inject({
      url: '/register',
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    })
    t.equal(res.statusCode, 200)
    return /<input type="radio" name="unit" value="(kg|lb)" checked/.exec(res.body)?.[1]
  }
  t.equal(await checkedUnit('en-US,en;q=0.9'), 'lb', 'a US browser')
  t.equal(await checkedUnit('es-US'), 'lb', 'any language in the US')
  t.equal(await checkedUnit('en-GB,en;q=0.8'), 'kg')
  t.equal(await checkedUnit('sl-SI,sl;q=0.9,en;q=0.8'), 'kg')
  t.equal(await checkedUnit('en'), 'kg', 'no region: kg')
  t.equal(await checkedUnit('not a tag!!'), 'kg')
  t.equal(await checkedUnit(), 'kg', 'no header')
})
