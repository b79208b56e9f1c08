// The start page: a short introduction for guests, a small dashboard for signed-in lifters.
import type { FastifyInstance, FastifyRequest } from 'fastify'

export default async function homeRoutes(fastify: FastifyInstance) {
  fastify.get(
    '/',
    {
      schema: {
        hide: true,
        summary: 'Start page',
        querystring: { type: 'object', properties: { deleted: { type: 'string', maxLength: 1 } } },
        response: { 200: { description: 'HTML page', type: 'string' } },
      },
    },
    async (request: FastifyRequest<{ Querystring: { deleted?: string } }>, reply) => {
      return reply.viewAsync('pages/home.hbs', {
        title: request.user ? 'Home' : 'Your lifts, on your server',
        // Set by the redirect after deleting an account, when no session is left to carry a flash.
        accountDeleted: !request.user && request.query.deleted === '1',
      })
    },
  )
}
