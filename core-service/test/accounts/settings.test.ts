// Settings: profile changes (and the data_version bump stats relies on), password change, CSRF refusal,
// and deleting an account with everything it owns.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { queryDatabase } from '../support/database.ts'
import { actAs, logIn, sessionCookieFrom, signUp } from '../support/users.ts'

async function dataVersion(url: string, userId: string): Promise<number> {
  const [row] = await queryDatabase<{ v: number }>(url, 'SELECT data_version AS v FROM users WHERE id = $1', [
    userId,
  ])
  return row!.v
}

t.test(
  'the settings form saves; a new time zone or unit bumps data_version, a new name does not',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const alice = await signUp(app, { timeZone: 'UTC', unit: 'kg' })
    const v0 = await dataVersion(db.url, alice.user.id)
    const renamed = await alice.form('/settings', { displayName: 'Alice B', timeZone: 'UTC', unit: 'kg' })
    t.equal(renamed.statusCode, 303)
    t.equal(await dataVersion(db.url, alice.user.id), v0, 'display name only: same version')
    const page = await alice.page('/settings')
    t.match(page.body, 'Settings saved.')
    t.match(page.body, 'value="Alice B"')

    await alice.form('/settings', { displayName: 'Alice B', timeZone: 'Pacific/Auckland', unit: 'kg' })
    t.equal(await dataVersion(db.url, alice.user.id), v0 + 1, 'time zone: +1')
    await alice.form('/settings', { displayName: 'Alice B', timeZone: 'Pacific/Auckland', unit: 'lb' })
    t.equal(await dataVersion(db.url, alice.user.id), v0 + 2, 'unit: +1')
    const viaApi = await alice.api('PATCH', '/api/v1/me', { timeZone: 'America/New_York', unit: 'kg' })
    t.equal(viaApi.statusCode, 200)
    t.match(viaApi.json(), { timeZone: 'America/New_York', unit: 'kg', displayName: 'Alice B' })
    t.equal(await dataVersion(db.url, alice.user.id), v0 + 3, 'both in one request: one bump')
    await alice.api('PATCH', '/api/v1/me', { unit: 'kg' })
    t.equal(await dataVersion(db.url, alice.user.id), v0 + 3, 'unchanged unit: no bump')
  },
)

t.test('bad settings come back with messages and change nothing', async (t) => {
  const { app, db } = await buildTestCore(t)
  const bob = await signUp(app, { displayName: 'Bob', timeZone: 'Europe/Ljubljana' })
  const v0 = await dataVersion(db.url, bob.user.id)
  const badZone = await bob.form('/settings', { displayName: 'Bobby', timeZone: 'Not/AZone', unit: 'kg' })
  t.equal(badZone.statusCode, 400)
  t.match(badZone.body, /id="timeZone-error">&quot;Not\/AZone&quot; is not a known IANA time zone/)
  t.match(badZone.body, 'value="Bobby"', 'the typed name is kept on the form')
  const badUnit = await bob.form('/settings', { displayName: 'Bob', timeZone: 'UTC', unit: 'stone' })
  t.equal(badUnit.statusCode, 400)
  t.match(badUnit.body, 'id="unit-error">choose kg or lb')
  for (const body of [{ timeZone: 'Nowhere/Special' }, { unit: 'g' }, { displayName: 'x'.repeat(81) }, {}]) {
    const res = await bob.api('PATCH', '/api/v1/me', body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json(), { statusCode: 400, code: 'VALIDATION', message: String })
  }
  const me = (await bob.api('GET', '/api/v1/me')).json()
  t.match(me, { displayName: 'Bob', timeZone: 'Europe/Ljubljana', unit: 'kg' })
  t.equal(await dataVersion(db.url, bob.user.id), v0)
})

t.test('a form post with a missing or wrong CSRF token is refused (403) and changes nothing', async (t) => {
  const { app } = await buildTestCore(t)
  const carol = await signUp(app, { displayName: 'Carol' })
  const post = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/settings',
      remoteAddress: carol.remoteAddress,
      headers: {
        cookie: carol.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: new URLSearchParams(fields).toString(),
    })
  const fields = { displayName: 'Mallory', timeZone: 'UTC', unit: 'lb' }
  const missing = await post(fields)
  t.equal(missing.statusCode, 403)
  t.match(missing.body, 'This form has expired or was sent from another site')
  const wrong = await post({ ...fields, _csrf: 'forged-token' })
  t.equal(wrong.statusCode, 403)
  const other = await signUp(app)
  const foreign = await post({ ...fields, _csrf: other.csrfToken })
  t.equal(foreign.statusCode, 403, "another session's token does not work")
  const deletion = await app.inject({
    method: 'POST',
    url: '/settings/delete',
    headers: { cookie: carol.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ password: carol.password }).toString(),
  })
  t.equal(deletion.statusCode, 403)
  t.match((await carol.api('GET', '/api/v1/me')).json(), { displayName: 'Carol', unit: 'kg' })
})

t.test(
  'changing the password: the current one is checked; afterwards only the new one signs in',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const dave = await signUp(app)
    const [before] = await queryDatabase<{ h: string }>(
      db.url,
      'SELECT password_hash AS h FROM users WHERE id = $1',
      [dave.user.id],
    )
    const wrong = await dave.form('/settings/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    })
    t.equal(wrong.statusCode, 403)
    t.match(wrong.body, 'id="currentPassword-error">the current password is not correct')
    const short = await dave.form('/settings/password', {
      currentPassword: dave.password,
      newPassword: 'short',
    })
    t.equal(short.statusCode, 400)
    t.match(short.body, 'id="newPassword-error">use 10–200 characters')
    const [unchanged] = await queryDatabase<{ h: string }>(
      db.url,
      'SELECT password_hash AS h FROM users WHERE id = $1',
      [dave.user.id],
    )
    t.equal(unchanged?.h, before?.h, 'failed attempts change nothing')

    const laptop = await actAs(app, await logIn(app, dave.user.username, dave.password), {
      token: dave.token,
    })
    const ok = await dave.form('/settings/password', {
      currentPassword: dave.password,
      newPassword: 'a brand new passphrase',
    })
    t.equal(ok.statusCode, 303)
    const renewed = sessionCookieFrom(ok)
    t.ok(renewed && renewed !== dave.cookie, 'this session continues under a new id')
    const page = await app.inject({ url: '/settings', headers: { cookie: renewed!, accept: 'text/html' } })
    t.match(page.body, 'Password changed.')
    t.equal((await laptop.cookieApi('GET', '/api/v1/me')).statusCode, 401, 'the other session ended')
    t.equal((await dave.api('GET', '/api/v1/me')).statusCode, 200, 'API tokens stay valid')
    await t.rejects(logIn(app, dave.user.username, dave.password), /failed: 401/)
    const session = await logIn(app, dave.user.username, 'a brand new passphrase')
    t.ok(session.cookie)
  },
)

t.test('deleting the account needs the password, then removes every row of the lifter', async (t) => {
  const { app, db } = await buildTestCore(t)
  const erin = await signUp(app)
  const frank = await signUp(app)
  // Give both lifters data in every table (directly: this file tests accounts, not the workout routes).
  for (const who of [erin, frank]) {
    await queryDatabase(
      db.url,
      `WITH ex AS (
         INSERT INTO exercises (id, owner_id, name, category, muscle_group, equipment, updated_at)
         VALUES (gen_random_uuid(), $1, 'Zercher squat', 'legs', 'quads', 'barbell', now()) RETURNING id),
       w AS (
         INSERT INTO workouts (id, user_id, started_at, local_date, updated_at)
         VALUES (gen_random_uuid(), $1, now(), current_date, now()) RETURNING id),
       builtin AS (SELECT id FROM exercises WHERE owner_id IS NULL LIMIT 1)
       INSERT INTO workout_sets (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg)
       SELECT gen_random_uuid(), w.id, ex.id, $1, now(), 1, 5, 100 FROM w, ex
       UNION ALL
       SELECT gen_random_uuid(), w.id, builtin.id, $1, now(), 2, 8, 60 FROM w, builtin`,
      [who.user.id],
    )
  }
  const counts = async (userId: string) =>
    (
      await queryDatabase<{
        users: number
        exercises: number
        workouts: number
        sets: number
        tokens: number
      }>(
        db.url,
        `SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users,
                (SELECT count(*)::int FROM exercises WHERE owner_id = $1) AS exercises,
                (SELECT count(*)::int FROM workouts WHERE user_id = $1) AS workouts,
                (SELECT count(*)::int FROM workout_sets WHERE user_id = $1) AS sets,
                (SELECT count(*)::int FROM api_tokens WHERE user_id = $1) AS tokens`,
        [userId],
      )
    )[0]
  t.same(await counts(erin.user.id), { users: 1, exercises: 1, workouts: 1, sets: 2, tokens: 1 })

  const wrong = await erin.form('/settings/delete', { password: 'not the password' })
  t.equal(wrong.statusCode, 403)
  t.match(wrong.body, 'id="password-error">the current password is not correct')
  t.same(
    await counts(erin.user.id),
    { users: 1, exercises: 1, workouts: 1, sets: 2, tokens: 1 },
    'nothing deleted',
  )

  const gone = await erin.form('/settings/delete', { password: erin.password })
  t.equal(gone.statusCode, 303)
  t.equal(gone.headers.location, '/?deleted=1')
  t.same(await counts(erin.user.id), { users: 0, exercises: 0, workouts: 0, sets: 0, tokens: 0 })
  t.same(
    await counts(frank.user.id),
    { users: 1, exercises: 1, workouts: 1, sets: 2, tokens: 1 },
    'others untouched',
  )
  t.equal((await erin.cookieApi('GET', '/api/v1/me')).statusCode, 401, 'the session ended')
  t.equal((await erin.api('GET', '/api/v1/me')).statusCode, 401, 'the tokens died with the account')
  const home = await app.inject({ url: '/?deleted=1', headers: { accept: 'text/html' } })
  t.match(home.body, 'Your account and all of its data have been deleted.')
})

t.test(
  'the JSON API changes the password and deletes the account, checking the password each time',
  async (t) => {
    const { app, db } = await buildTestCore(t)
    const gina = await signUp(app)
    const wrong = await gina.api('POST', '/api/v1/me/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'another long passphrase',
    })
    t.equal(wrong.statusCode, 403)
    t.match(wrong.json(), { code: 'FORBIDDEN', message: 'the current password is not correct' })
    const short = await gina.api('POST', '/api/v1/me/password', {
      currentPassword: gina.password,
      newPassword: 'short',
    })
    t.equal(short.statusCode, 400)
    const changed = await gina.api('POST', '/api/v1/me/password', {
      currentPassword: gina.password,
      newPassword: 'another long passphrase',
    })
    t.equal(changed.statusCode, 204)
    t.equal(
      (await gina.cookieApi('GET', '/api/v1/me')).statusCode,
      401,
      'browser sessions end with the old password',
    )
    await logIn(app, gina.user.username, 'another long passphrase')

    const keep = await gina.api('DELETE', '/api/v1/me', { password: 'not it at all' })
    t.equal(keep.statusCode, 403)
    t.equal((await queryDatabase(db.url, 'SELECT 1 FROM users WHERE id = $1', [gina.user.id])).length, 1)
    const gone = await gina.api('DELETE', '/api/v1/me', { password: 'another long passphrase' })
    t.equal(gone.statusCode, 204)
    t.equal((await queryDatabase(db.url, 'SELECT 1 FROM users WHERE id = $1', [gina.user.id])).length, 0)
    t.equal((await gina.api('GET', '/api/v1/me')).statusCode, 401)
  },
)

t.test('wrong current passwords are rate-limited per user (pages and API share the budget)', async (t) => {
  const { app } = await buildTestCore(t)
  const hank = await signUp(app)
  for (let i = 0; i < 5; i++) {
    t.equal((await hank.form('/settings/delete', { password: `guess ${i}` })).statusCode, 403)
    t.equal(
      (
        await hank.api('POST', '/api/v1/me/password', {
          currentPassword: `guess ${i}`,
          newPassword: 'whatever long enough',
        })
      ).statusCode,
      403,
    )
  }
  const blocked = await hank.api('DELETE', '/api/v1/me', { password: hank.password })
  t.equal(blocked.statusCode, 429, 'even the right password waits now')
  t.match(blocked.json().message, /Too many wrong passwords\. Try again in \d+ minutes\./)
  const page = await hank.form('/settings/password', {
    currentPassword: hank.password,
    newPassword: 'whatever long enough',
  })
  t.equal(page.statusCode, 429)
  t.match(page.body, 'Too many wrong passwords')
  t.equal((await hank.api('GET', '/api/v1/me')).statusCode, 200, 'the account is untouched')
})
