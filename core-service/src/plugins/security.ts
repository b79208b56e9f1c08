// Security headers (helmet, with a CSP the pages satisfy: no inline script or style anywhere) and CSRF.
// CSRF is enforced here for every state-changing request that reaches a route, so no route can forget it:
// - form posts carry the hidden field `_csrf` = {{csrfToken}} (the layout provides it to every page);
// - cookie-authenticated JSON API writes send the header `x-csrf-token` (the same token; pages expose it
//   in <meta name="csrf-token">);
// - requests authenticated with `Authorization: Bearer` are exempt (a browser never adds that header).
// `fastify.csrfProtection` (from @fastify/csrf-protection) is the check itself, reusable in route hooks.
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { CsrfRejected, signInUnavailable } from '../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

async function securityPlugin(fastify: FastifyInstance) {
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        // No upgrade-insecure-requests: a self-hosted instance on plain http://192.168.x.y must keep working.
      },
    },
    // Same-origin pages only; the API is called by scripts and tools, not embedded.
    crossOriginEmbedderPolicy: false,
  })

  await fastify.register(fastifyCsrf, { sessionPlugin: '@fastify/session' })

  // A lifter's pages and data are theirs alone: no shared cache keeps them, and the back button after
  // logging out does not bring them back from the browser's cache.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.user && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store')
  })

  fastify.addHook('preValidation', async (request, reply) => {
    // Unknown routes answer 404 whatever the method; bearer calls carry no ambient credentials.
    if (SAFE_METHODS.has(request.method) || request.authMethod === 'token' || !request.routeOptions.url)
      return
    // The plugin's check answers through reply.send(error); catch that error and throw ours instead, so the
    // API says what to send and the error page what to do.
    const refusal = await new Promise<unknown>((resolve) => {
      const capture = { send: (error: unknown) => resolve(error ?? new Error('CSRF check failed')) }
      fastify.csrfProtection(request, capture as unknown as typeof reply, () => resolve(undefined))
    })
    if (refusal) {
      // Without a session store the form's secret could not be kept: say so, not "invalid CSRF token".
      if (!fastify.sessionsAvailable()) throw signInUnavailable()
      request.log.info({ reason: (refusal as Error).message }, 'CSRF check failed')
      throw new CsrfRejected(
        'missing or invalid CSRF token: forms send the _csrf field, cookie-authenticated API calls the x-csrf-token header',
      )
    }
  })
}

export default fp(securityPlugin, { name: 'security', dependencies: ['session', 'authentication'] })
