// TRUST_PROXY → Fastify's trustProxy: which peers' X-Forwarded-For/-Proto/-Host core believes. That decides
// request.ip (rate limits) and request.protocol (the Secure cookie), so a wrong value fails start-up.
import net from 'node:net'
import { ConfigError } from '@liftlog/service-kit'

/** Trusts the nearest `hops` addresses of the chain (the socket peer first), as Express does. */
export type HopTrust = (address: string, hop: number) => boolean

// Ranges proxy-addr (Fastify's resolver) knows by name.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (!family || rest.length) return false
  if (prefix === undefined) return true
  // proxy-addr also takes an IPv4 netmask after the slash (10.0.0.0/255.0.0.0).
  if (family === 4 && net.isIPv4(prefix)) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/**
 * TRUST_PROXY: "false" | "true" | a hop count | comma-separated addresses/CIDRs (see README).
 * A hop count becomes a function: the installed Fastify treats a bare number as "trust nothing".
 */
export function parseTrustProxy(value: string): boolean | HopTrust | string[] {
  const text = value.trim()
  if (text === 'false' || text === '0') return false
  if (text === 'true') return true
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    return (_address, hop) => hop < hops
  }
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = entries.filter((entry) => !isAddressOrRange(entry))
  if (entries.length === 0 || bad.length) {
    throw new ConfigError(
      `invalid configuration: TRUST_PROXY is not false, true, a hop count or addresses/CIDRs (got "${value.slice(0, 60)}") — e.g. 1, or 10.42.0.0/16,127.0.0.1`,
    )
  }
  return entries
}
