// Sessions without REDIS_URL live in PostgreSQL: they survive a restart of core, and keep the Redis
// store's guarantees — idle expiry, logout ends the session, a password change ends the other sessions.
import { createHash, randomUUID } from 'node:crypto'
import type { Test } from 'tap'
import t from 'tap'
import { buildCore } from '../../src/build.ts'
import { loadCoreConfig } from '../../src/config.ts'
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/database.ts'
import { actAs, logIn, signUp } from '../support/users.ts'

/** core without Redis on `db`; closing it and calling this again is a restart. */
async function coreWithoutRedis(t: Test, db: TestDatabase, idleMinutes = '30') {
  const config = loadCoreConfig({
    DATABASE_URL: db.url,
    SECRET_KEY: 'postgres-session-secret-0123456789abcdef',
    STATS_TOKEN: 'test-stats-token-0123456789',
    STATS_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
    SESSION_IDLE_MINUTES: idleMinutes,
  })
  const app = await buildCore(config)
  await app.ready()
  t.teardown(() => app.close())
  return app
}

async function freshDatabase(t: Test) {
  const db = await createTestDatabase()
  t.teardown(db.drop)
  return db
}

const sessionRows = (db: TestDatabase) =>
  queryDatabase<{ id_hash: string; data: string; expires_at: Date }>(
    db.url,
    'SELECT id_hash, data, expires_at FROM sessions',
  )

/** The session id inside a `liftlog.sid=<id>.<signature>` cookie. */
function sessionIdOf(cookie: string): string {
  return decodeURIComponent(cookie.replace(/^liftlog\.sid=/, '')).replace(/\.[^.]*$/, '')
}

t.test('a sign-in survives a restart of core', async (t) => {
  const db = await freshDatabase(t)
  const first = await coreWithoutRedis(t, db)
  const alice = await signUp(first)
  t.same((await first.operator.inject('/ready')).json().checks, { database: 'ok' }, 'no Redis in play')
  await first.close()
  const second = await coreWithoutRedis(t, db)
  const me = await second.inject({ url: '/api/v1/me', headers: { cookie: alice.cookie } })
  t.equal(me.statusCode, 200, 'the old cookie still signs in after the restart')
  t.equal(me.json().id, alice.user.id)
})

t.test('the table holds a hash of the session id, expiring with the idle timeout', async (t) => {
  const db = await freshDatabase(t)
  const app = await coreWithoutRedis(t, db, '30')
  const alice = await signUp(app)
  const rows = await sessionRows(db)
  t.equal(rows.length, 1, 'one server-side session')
  const id = sessionIdOf(alice.cookie)
  t.equal(rows[0]!.id_hash, createHash('sha256').update(id).digest('hex'), 'keyed by sha256(id)')
  t.notOk(
    rows.some((row) => row.data.includes(id)),
    'the id itself is stored nowhere',
  )
  const seconds = (rows[0]!.expires_at.getTime() - Date.now()) / 1000
  t.ok(seconds > 29 * 60 && seconds <= 30 * 60, `expires with the idle timeout (${seconds}s)`)
  const denied = await queryDatabase<{ allowed: boolean }>(
    db.url,
    "SELECT has_table_privilege('liftlog_readonly', 'sessions', 'SELECT') AS allowed",
  )
  t.equal(denied[0]?.allowed, false, "stats-service's read-only role cannot read sessions")
})

t.test('an idle session ends, and expired rows are filtered and swept', async (t) => {
  const db = await freshDatabase(t)
  const app = await coreWithoutRedis(t, db)
  const alice = await signUp(app)
  t.equal((await alice.cookieApi('GET', '/api/v1/me')).statusCode, 200)
  // As if the idle timeout passed without a request.
  await queryDatabase(db.url, "UPDATE sessions SET expires_at = now() - interval '1 second'")
  t.equal((await alice.cookieApi('GET', '/api/v1/me')).statusCode, 401, 'the idle session is over')
  const restarted = await coreWithoutRedis(t, db)
  await signUp(restarted) // the first save of a process sweeps expired rows
  const rows = await sessionRows(db)
  t.equal(rows.length, 1, 'only the new session is left')
  t.ok(rows[0]!.expires_at.getTime() > Date.now())
})

t.test('logout deletes the session: the old cookie is worthless, even after a restart', async (t) => {
  const db = await freshDatabase(t)
  const app = await coreWithoutRedis(t, db)
  const bob = await signUp(app)
  const other = await logIn(app, bob.user.username, bob.password)
  t.equal((await sessionRows(db)).length, 2)
  t.equal((await bob.form('/logout')).statusCode, 303)
  t.equal((await bob.cookieApi('GET', '/api/v1/me')).statusCode, 401)
  t.equal((await sessionRows(db)).length, 1, 'the row is gone')
  const restarted = await coreWithoutRedis(t, db)
  const stale = await restarted.inject({ url: '/api/v1/me', headers: { cookie: bob.cookie } })
  t.equal(stale.statusCode, 401)
  const kept = await restarted.inject({ url: '/api/v1/me', headers: { cookie: other.cookie } })
  t.equal(kept.statusCode, 200, 'the other session of the same lifter is untouched')
})

t.test('a password change ends every other session; this one continues', async (t) => {
  const db = await freshDatabase(t)
  const app = await coreWithoutRedis(t, db)
  const carol = await signUp(app)
  const laptop = await actAs(app, await logIn(app, carol.user.username, carol.password), {
    token: carol.token,
  })
  const changed = await carol.form('/settings/password', {
    currentPassword: carol.password,
    newPassword: `a brand new passphrase ${randomUUID().slice(0, 8)}`,
  })
  t.equal(changed.statusCode, 303)
  const renewed = changed.cookies.find((c) => c.name === 'liftlog.sid')
  t.ok(renewed, 'this session continues under a new id')
  const restarted = await coreWithoutRedis(t, db)
  const mine = await restarted.inject({
    url: '/api/v1/me',
    headers: { cookie: `liftlog.sid=${renewed?.value}` },
  })
  t.equal(mine.statusCode, 200, 'the session that changed the password is still signed in')
  const theirs = await restarted.inject({ url: '/api/v1/me', headers: { cookie: laptop.cookie } })
  t.equal(theirs.statusCode, 401, 'the other session ended')
})
