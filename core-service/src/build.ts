// Creates the configured Fastify instance with the app registered; used by server.ts and the tests.
import { serverOptions } from '@liftlog/service-kit'
import Fastify from 'fastify'
import app from './app.ts'
import type { CoreConfig } from './config.ts'

export async function buildCore(config: CoreConfig) {
  // Fastify accepts a hop count for trustProxy; its typings omit the number form.
  const trustProxy = parseTrustProxy(config.TRUST_PROXY) as boolean | string[]
  const fastify = Fastify(serverOptions(config, { trustProxy }))
  await fastify.register(app, { config })
  return fastify
}

/** TRUST_PROXY: "false" | "true" | hop count | comma-separated addresses/CIDRs (see README). */
export function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) return Number(value)
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
