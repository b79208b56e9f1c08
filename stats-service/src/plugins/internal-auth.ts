// The internal-token check for every /v1 route: core sends STATS_TOKEN in x-internal-token; anything
// else is refused. Compared as SHA-256 digests with timingSafeEqual, so neither the content nor the
// length of the expected token leaks through response timing.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { Unauthorized } from '../errors.ts'

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

export function tokenMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false
  return timingSafeEqual(digest(expected), digest(presented))
}

/** An onRequest hook for the scope it is added to. */
export function requireInternalToken(expected: string) {
  return async (request: FastifyRequest) => {
    const presented = request.headers['x-internal-token']
    if (presented === undefined) throw new Unauthorized('missing x-internal-token header')
    if (!tokenMatches(expected, presented)) throw new Unauthorized('invalid x-internal-token')
  }
}
