// For a GET route's URL: a hidden catch for the other methods answering 405 with
// an Allow header (Fastify's default would be a 404, which hides the route's existence from callers).
import type { FastifyInstance } from 'fastify'
import { MethodNotAllowed } from '../errors.ts'

export function rejectOtherMethods(fastify: FastifyInstance, url: string) {
  fastify.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url,
    schema: { hide: true },
    handler: async (request, reply) => {
      reply.header('allow', 'GET, HEAD')
      throw new MethodNotAllowed(`${request.method} is not allowed here; stats are read-only (use GET)`)
    },
  })
}
