// Personal API tokens: created (secret shown once), stored as sha256, used as Bearer, listed, revoked;
// one lifter can neither see nor revoke another's.
import { createHash } from 'node:crypto'
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { queryDatabase } from '../support/database.ts'
import { signUp } from '../support/users.ts'

t.test('create, use, list and revoke a token through /api/v1/tokens', async (t) => {
  const { app, db } = await buildTestCore(t)
  const alice = await signUp(app)
  const created = await alice.api('POST', '/api/v1/tokens', { name: 'export script' })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.match(body, {
    id: String,
    name: 'export script',
    prefix: String,
    createdAt: String,
    lastUsedAt: null,
    token: /^llt_/,
  })
  t.equal(body.token.slice(0, body.prefix.length), body.prefix)

  const [row] = await queryDatabase<{ token_hash: string }>(
    db.url,
    'SELECT token_hash FROM api_tokens WHERE id = $1',
    [body.id],
  )
  t.equal(row?.token_hash, createHash('sha256').update(body.token).digest('hex'), 'only the sha256 is stored')
  const leaks = await queryDatabase(
    db.url,
    "SELECT 1 FROM api_tokens WHERE token_hash LIKE 'llt_%' OR prefix = $1",
    [body.token],
  )
  t.equal(leaks.length, 0)

  const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } })
  t.equal(me.statusCode, 200)
  t.equal(me.json().id, alice.user.id)

  const list = await alice.api('GET', '/api/v1/tokens')
  t.equal(list.statusCode, 200)
  const listed = list.json().tokens.find((x: { id: string }) => x.id === body.id)
  t.match(listed, { name: 'export script', prefix: body.prefix })
  t.notOk('token' in listed, 'the list never shows secrets')
  t.notOk('tokenHash' in listed)
  t.ok(listed.lastUsedAt, 'last use is recorded')

  const revoked = await alice.api('DELETE', `/api/v1/tokens/${body.id}`)
  t.equal(revoked.statusCode, 204)
  const after = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } })
  t.equal(after.statusCode, 401)
  t.match(after.json(), { code: 'UNAUTHENTICATED', message: /revoked/ })
  t.equal((await alice.api('DELETE', `/api/v1/tokens/${body.id}`)).statusCode, 404, 'revoking twice is a 404')
})

t.test('tokens of one lifter are invisible and unrevocable to another (404)', async (t) => {
  const { app, db } = await buildTestCore(t)
  const alice = await signUp(app)
  const bob = await signUp(app)
  const aliceTokens = (await alice.api('GET', '/api/v1/tokens')).json().tokens as { id: string }[]
  const bobTokens = (await bob.api('GET', '/api/v1/tokens')).json().tokens as { id: string }[]
  t.equal(aliceTokens.length, 1)
  t.notOk(
    bobTokens.some((b) => aliceTokens.some((a) => a.id === b.id)),
    "bob's list has none of alice's",
  )
  const aliceTokenId = aliceTokens[0]!.id
  const viaApi = await bob.api('DELETE', `/api/v1/tokens/${aliceTokenId}`)
  t.equal(viaApi.statusCode, 404)
  t.equal(viaApi.json().code, 'NOT_FOUND')
  const viaForm = await bob.form(`/settings/tokens/${aliceTokenId}/revoke`)
  t.equal(viaForm.statusCode, 404)
  t.match(viaForm.body, 'API token not found')
  t.equal((await alice.api('GET', '/api/v1/me')).statusCode, 200, "alice's token still works")
  const rows = await queryDatabase(db.url, 'SELECT 1 FROM api_tokens WHERE id = $1', [aliceTokenId])
  t.equal(rows.length, 1)
  const settings = await bob.page('/settings')
  t.notMatch(settings.body, aliceTokenId)
})

t.test('the settings page creates a token, shows it once, lists and revokes it', async (t) => {
  const { app } = await buildTestCore(t)
  const carol = await signUp(app)
  const created = await carol.form('/settings/tokens', { name: 'phone shortcut' })
  t.equal(created.statusCode, 201)
  const secret = /<code class="secret" id="new-token">([^<]+)<\/code>/.exec(created.body)?.[1]
  t.match(secret, /^llt_/)
  t.equal(
    (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    200,
  )
  const later = await carol.page('/settings')
  t.match(later.body, 'phone shortcut')
  t.notMatch(later.body, secret!, 'never shown again')
  const id = (await carol.api('GET', '/api/v1/tokens'))
    .json()
    .tokens.find((x: { name: string }) => x.name === 'phone shortcut').id
  const revoke = await carol.form(`/settings/tokens/${id}/revoke`)
  t.equal(revoke.statusCode, 303)
  t.match((await carol.page('/settings')).body, 'Token revoked.')
  t.equal(
    (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    401,
  )
})

t.test('bad token input: 4xx with a message, nothing created', async (t) => {
  const { app, db } = await buildTestCore(t)
  const dave = await signUp(app)
  const cases: [unknown, RegExp][] = [
    [{}, /name is required/],
    [{ name: '' }, /name/],
    [{ name: 'n'.repeat(81) }, /name/],
    // Fastify's default ajv coerces scalars (42 → "42") and drops unknown properties; objects still fail.
    [{ name: { nested: true } }, /name/],
  ]
  for (const [payload, message] of cases) {
    const res = await dave.api('POST', '/api/v1/tokens', payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json().message, message)
  }
  const invalidJson = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { authorization: `Bearer ${dave.token}`, 'content-type': 'application/json' },
    payload: '{"name": ',
  })
  t.equal(invalidJson.statusCode, 400)
  t.equal((await dave.api('DELETE', '/api/v1/tokens/not-a-uuid')).statusCode, 400)
  const form = await dave.form('/settings/tokens', { name: '   ' })
  t.equal(form.statusCode, 400)
  t.match(form.body, 'id="name-error">give the token a name')
  const rows = await queryDatabase(db.url, 'SELECT count(*)::int AS n FROM api_tokens')
  t.equal(rows[0]?.n, 1, 'only the helper-created token exists')
  const malformed = await app.inject({ url: '/api/v1/me', headers: { authorization: 'Token abc' } })
  t.equal(malformed.statusCode, 401)
  t.match(malformed.json().message, /Bearer/)
})
