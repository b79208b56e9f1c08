// The start page: a short introduction for guests, a small dashboard for signed-in lifters.
import type { FastifyInstance } from 'fastify'

export default async function homeRoutes(fastify: FastifyInstance) {
  fastify.get(
    '/',
    {
      schema: {
        hide: true,
        summary: 'Start page',
        response: { 200: { description: 'HTML page', type: 'string' } },
      },
    },
    async (request, reply) => {
      return reply.viewAsync('pages/home.hbs', {
        title: request.user ? 'Home' : 'Your lifts, on your server',
      })
    },
  )
}
