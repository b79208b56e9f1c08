// Security headers (helmet, with a CSP the pages satisfy: no inline script or style anywhere) and CSRF.
// CSRF is enforced here for every state-changing request that reaches a route, so no route can forget it:
// - form posts carry the hidden field `_csrf` = {{csrfToken}} (the layout provides it to every page);
// - cookie-authenticated JSON API writes send the header `x-csrf-token` (the same token; pages expose it
//   in <meta name="csrf-token">);
// - requests authenticated with `Authorization: Bearer` are exempt (a browser never adds that header).
// `fastify.csrfProtection` (from @fastify/csrf-protection) is the check itself; its refusals become ours in
// the audience scopes' error handler (csrfRefusal below, routes/scopes.ts).
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance, FastifyRequest } from 'fastify'
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

  fastify.addHook('preValidation', (request, reply, done) => {
    // Unknown routes answer 404 whatever the method; bearer calls carry no ambient credentials.
    if (SAFE_METHODS.has(request.method) || request.authMethod === 'token' || !request.routeOptions.url)
      return done()
    // On refusal the plugin answers reply.send(its error); the route's scope turns that into ours.
    fastify.csrfProtection(request, reply, done)
  })
}

/**
 * Ours for a refusal of @fastify/csrf-protection (null for any other error), so the API says what to send
 * and the error page what to do. The audience scopes (routes/scopes.ts) call it from their error handler.
 */
export function csrfRefusal(fastify: FastifyInstance, request: FastifyRequest, error: unknown): Error | null {
  const code = (error as { code?: unknown } | null)?.code
  if (code !== 'FST_CSRF_MISSING_SECRET' && code !== 'FST_CSRF_INVALID_TOKEN') return null
  // Without a session store the form's secret could not be kept: say so, not "invalid CSRF token".
  if (!fastify.sessionsAvailable()) return signInUnavailable()
  request.log.info({ reason: (error as Error).message }, 'CSRF check failed')
  return new CsrfRejected(
    'missing or invalid CSRF token: forms send the _csrf field, cookie-authenticated API calls the x-csrf-token header',
  )
}

export default fp(securityPlugin, { name: 'security', dependencies: ['session', 'authentication'] })
