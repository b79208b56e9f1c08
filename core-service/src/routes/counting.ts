// "How LiftLog counts": the definitions behind every number, for lifters, from the same list the OpenAPI
// descriptions are made of. Public: it is documentation, and linked from the progress pages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { COUNTING_RULES } from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'

export default async function countingRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get(
    '/how-liftlog-counts',
    {
      schema: {
        hide: true,
        summary: 'How LiftLog counts',
        response: { 200: { description: 'HTML page', type: 'string' } },
      },
    },
    async (_request, reply) =>
      reply.viewAsync('pages/how-liftlog-counts.hbs', { title: 'How LiftLog counts', rules: COUNTING_RULES }),
  )
}
