// The in-process session store (no Redis) is bounded by bytes, set in SESSION_STORE_MAX_BYTES: a flood of
// guest sessions cannot grow memory past it; the least recently used sessions end first.
import t from 'tap'
import { buildCore } from '../../src/build.ts'
import { loadCoreConfig } from '../../src/config.ts'
import { createTestDatabase } from '../support/database.ts'
import { guestForm, randomAddress, signUp } from '../support/users.ts'

t.test('a flood of guest sessions stays within SESSION_STORE_MAX_BYTES, oldest first out', async (t) => {
  const db = await createTestDatabase()
  const app = await buildCore(
    loadCoreConfig({
      DATABASE_URL: db.url,
      SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
      STATS_TOKEN: 'test-stats-token-0123456789',
      STATS_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
      SESSION_STORE_MAX_BYTES: '1048576',
    }),
  )
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await db.drop()
  })
  const alice = await signUp(app)
  t.equal((await alice.cookieApi('GET', '/api/v1/me')).statusCode, 200)
  const first = await guestForm(app)
  // ~570 counted bytes each: 3000 of them are ~1.7 MB, well past the 1 MiB bound.
  const address = randomAddress()
  for (let i = 0; i < 3000; i++) {
    await app.inject({ url: '/login', remoteAddress: address, headers: { accept: 'text/html' } })
  }
  const last = await guestForm(app)
  const stillThere = (cookie: string) =>
    app.inject({ url: '/login', remoteAddress: address, headers: { cookie, accept: 'text/html' } })
  t.notOk(
    (await stillThere(first.cookie)).cookies.length === 0,
    'the oldest guest session is gone (a new one is issued)',
  )
  t.equal((await stillThere(last.cookie)).cookies.length, 0, 'the newest guest session is still there')
  t.equal((await alice.cookieApi('GET', '/api/v1/me')).statusCode, 401, 'an idle signed-in session ended too')
})
