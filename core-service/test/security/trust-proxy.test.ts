// TRUST_PROXY in each documented form, end to end: which client address core sees (what rate limits key
// on), whether the session cookie is Secure behind a TLS-terminating proxy, and that X-Forwarded-* from a
// peer that is not a trusted proxy changes nothing.
import { randomUUID } from 'node:crypto'
import { ConfigError } from '@liftlog/service-kit'
import t, { type Test } from 'tap'
import { buildCore } from '../../src/build.ts'
import { loadCoreConfig } from '../../src/config.ts'
import { parseTrustProxy } from '../../src/trust-proxy.ts'
import { createTestDatabase } from '../support/database.ts'
import { encodeForm, guestForm } from '../support/users.ts'

const PROXY = '10.9.0.7'
const STRANGER = '192.0.2.10'

/** core with TRUST_PROXY set, plus a probe route that answers what core believes about the caller. */
async function coreBehind(t: Test, trustProxy: string) {
  const db = await createTestDatabase()
  const config = loadCoreConfig({
    DATABASE_URL: db.url,
    SECRET_KEY: `trust-proxy-secret-${randomUUID()}`,
    STATS_TOKEN: 'test-stats-token-0123456789',
    STATS_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: trustProxy,
  })
  const app = await buildCore(config)
  app.get('/_probe', async (request) => ({ ip: request.ip, protocol: request.protocol }))
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await db.drop()
  })
  const probe = async (remoteAddress: string, headers: Record<string, string> = {}) =>
    (await app.inject({ url: '/_probe', remoteAddress, headers })).json() as { ip: string; protocol: string }
  const secureCookie = async (remoteAddress: string) => {
    const res = await app.inject({ url: '/login', remoteAddress, headers: { 'x-forwarded-proto': 'https' } })
    return res.cookies.find((c) => c.name === 'liftlog.sid')?.secure === true
  }
  return { app, probe, secureCookie }
}

const forwarded = { 'x-forwarded-for': '6.6.6.6, 203.0.113.5', 'x-forwarded-proto': 'https' }

t.test('parseTrustProxy reads every documented form and refuses the rest at start-up', async (t) => {
  t.equal(parseTrustProxy('false'), false)
  t.equal(parseTrustProxy('true'), true)
  const hops = parseTrustProxy('2') as (a: string, i: number) => boolean
  t.same([hops('x', 0), hops('x', 1), hops('x', 2)], [true, true, false], 'a hop count trusts that many hops')
  t.same(parseTrustProxy('10.42.0.0/16, 127.0.0.1,::1,fd00::/8,loopback'), [
    '10.42.0.0/16',
    '127.0.0.1',
    '::1',
    'fd00::/8',
    'loopback',
  ])
  for (const bad of ['yes', '10.0.0.0/33', '999.1.1.1', 'proxy.example', '10.0.0.1/8/8', ',']) {
    t.throws(() => parseTrustProxy(bad), ConfigError, `${bad} is refused with a config error`)
  }
})

t.test('TRUST_PROXY=false (default): forwarded headers are ignored', async (t) => {
  const { probe, secureCookie } = await coreBehind(t, 'false')
  t.same(await probe(PROXY, forwarded), { ip: PROXY, protocol: 'http' })
  t.equal(await secureCookie(PROXY), false)
})

t.test('TRUST_PROXY=1: the proxy in front is trusted, the client is the last address it adds', async (t) => {
  const { probe, secureCookie } = await coreBehind(t, '1')
  t.same(
    await probe(PROXY, forwarded),
    { ip: '203.0.113.5', protocol: 'https' },
    'a spoofed 6.6.6.6 is ignored',
  )
  t.equal(await secureCookie(PROXY), true, 'Secure cookie behind a TLS proxy')
  t.same(await probe(PROXY), { ip: PROXY, protocol: 'http' }, 'no header: the peer itself')
})

t.test('TRUST_PROXY=2: two proxies (e.g. load balancer + ingress)', async (t) => {
  const { probe } = await coreBehind(t, '2')
  const chain = { 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.9.0.2' }
  t.equal((await probe(PROXY, chain)).ip, '203.0.113.5')
})

t.test('TRUST_PROXY=true: every peer is a proxy (only when nothing else can reach core)', async (t) => {
  const { probe, secureCookie } = await coreBehind(t, 'true')
  t.same(await probe(STRANGER, forwarded), { ip: '6.6.6.6', protocol: 'https' })
  t.equal(await secureCookie(STRANGER), true)
})

t.test('TRUST_PROXY=addresses/CIDRs: only those peers may forward; anyone else is taken as is', async (t) => {
  const { probe, secureCookie } = await coreBehind(t, '10.9.0.0/16, 127.0.0.1')
  t.same(await probe(PROXY, forwarded), { ip: '203.0.113.5', protocol: 'https' })
  t.equal(await secureCookie(PROXY), true)
  t.same(await probe(STRANGER, forwarded), { ip: STRANGER, protocol: 'http' }, 'untrusted XFF ignored')
  t.equal(await secureCookie(STRANGER), false, 'an untrusted client cannot claim https')
  t.equal((await probe('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' })).ip, '198.51.100.1')
})

/** Spends one registration (an invalid form, cheap) from `client` behind the proxy; returns the status. */
async function registration(
  app: Awaited<ReturnType<typeof coreBehind>>['app'],
  peer: string,
  client?: string,
) {
  const form = await guestForm(app, '/register', peer)
  const res = await app.inject({
    method: 'POST',
    url: '/register',
    remoteAddress: peer,
    headers: {
      cookie: form.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(client ? { 'x-forwarded-for': client } : {}),
    },
    payload: encodeForm({ _csrf: form.csrfToken, username: 'x' }),
  })
  return res.statusCode
}

t.test('rate limits count per client behind a trusted proxy, per peer otherwise', async (t) => {
  const { app } = await coreBehind(t, '1')
  const statuses: number[] = []
  for (let i = 0; i < 21; i++) statuses.push(await registration(app, PROXY, '203.0.113.5'))
  t.same(statuses.slice(0, 20), Array(20).fill(400), '20 registrations an hour for one client')
  t.equal(statuses[20], 429, 'the 21st from that client is refused')
  t.equal(await registration(app, PROXY, '203.0.113.6'), 400, 'another lifter behind the same proxy is not')

  const { app: strict } = await coreBehind(t, '10.9.0.0/16')
  for (let i = 0; i < 20; i++) await registration(strict, STRANGER, `198.51.100.${i}`)
  t.equal(
    await registration(strict, STRANGER, '198.51.100.99'),
    429,
    'an untrusted peer cannot mint new addresses with X-Forwarded-For',
  )
})
