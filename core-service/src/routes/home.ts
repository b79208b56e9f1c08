// The start page: a short introduction for guests, a small dashboard for signed-in lifters. Public (outside
// any signedIn scope): it only asks whether someone is signed in.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'

const HomeQuery = Type.Object({ deleted: Type.Optional(Type.String({ maxLength: 1 })) })

export default async function homeRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get(
    '/',
    {
      schema: {
        hide: true,
        summary: 'Start page',
        querystring: HomeQuery,
        response: { 200: { description: 'HTML page', type: 'string' } },
      },
    },
    async (request, reply) => {
      // Public page: the lifter's stores only when someone is signed in.
      if (request.user && (await request.lifter.live.currentId()))
        reply.locals.liveWorkout = { href: '/workouts/live' }
      return reply.viewAsync('pages/home.hbs', {
        title: request.t(request.user ? 'home.title' : 'home.guestTitle'),
        // Set by the redirect after deleting an account, when no session is left to carry a flash.
        accountDeleted: !request.user && request.query.deleted === '1',
      })
    },
  )
}
