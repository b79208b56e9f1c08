// The two audiences core-service answers, as encapsulated scopes: every route registered inside one gets
// `config.audience`, and the shared plugins read that instead of guessing from the URL:
//   page → unauthenticated is a 303 to /login?next=, errors render the HTML error page;
//   api  → unauthenticated is 401 JSON, errors stay JSON.
// Both turn @fastify/csrf-protection's refusals into ours (see plugins/security.ts).
import type { FastifyInstance } from 'fastify'
import { csrfRefusal } from '../plugins/security.ts'

export type Audience = 'page' | 'api'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the scope the route is registered in; unset only for routes outside both (health, 404). */
    audience?: Audience
  }
}

/** An encapsulated plugin whose routes (registered by `routes`) all belong to `audience`. */
export function audienceScope(audience: Audience, routes: (scope: FastifyInstance) => Promise<void>) {
  return async function scope(fastify: FastifyInstance) {
    fastify.addHook('onRoute', (route) => {
      route.config = { ...route.config, audience }
    })
    // Runs before the root handler, which then answers as it does for any catalogued error.
    fastify.setErrorHandler(async (error, request) => {
      throw csrfRefusal(fastify, request, error) ?? error
    })
    await routes(fastify)
  }
}

/**
 * Routes registered by `routes` are for signed-in lifters only: each gets fastify.requireUser before
 * anything else, so its handler can read `request.lifter` (user plus stores bound to them) unconditionally.
 * Use it inside an audience scope; the audience decides redirect vs 401.
 */
export function signedIn(routes: (scope: FastifyInstance) => Promise<void>) {
  return async function signedInScope(fastify: FastifyInstance) {
    fastify.addHook('onRequest', fastify.requireUser)
    await routes(fastify)
  }
}

/**
 * Registered with prefix '/api': URLs there that no route claims answer JSON, as the API does (the root's
 * not-found handler renders the page to a browser).
 */
export async function apiNotFound(fastify: FastifyInstance) {
  fastify.setNotFoundHandler(async (request, reply) => {
    reply.code(404)
    return {
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    }
  })
}
