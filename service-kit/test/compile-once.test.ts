// Schemas compiled once per distinct schema: routes sharing a schema share its validator and serializer,
// and nothing leaks between contexts whose shared schemas ($id) differ.
import Fastify, { type FastifyInstance } from 'fastify'
import t from 'tap'
import { oncePerSchema } from '../src/compile-once.ts'
import { serverOptions } from '../src/server.ts'

t.test(
  'oncePerSchema compiles each distinct schema text once, and the same compiler shares its memo',
  async (t) => {
    let compiles = 0
    const compile = (route: { schema: unknown }) => {
      compiles++
      return () => route.schema
    }
    const once = oncePerSchema(compile)
    const a = once({ schema: { type: 'integer', minimum: 1 } })
    const b = once({ schema: { type: 'integer', minimum: 1 } })
    const c = once({ schema: { type: 'integer', minimum: 2 } })
    t.equal(a, b, 'equal schemas in different objects: one function')
    t.not(a, c)
    t.equal(oncePerSchema(compile), once, 'the same compiler: the same memo')
    t.equal(compiles, 2)
  },
)

/** Two sibling contexts, each with its own schema "limit" ($id), and routes referring to it. */
async function app(): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions({ LOG_LEVEL: 'silent' }))
  for (const [prefix, maximum] of [
    ['/small', 5],
    ['/large', 500],
  ] as const) {
    await fastify.register(
      async (scope) => {
        scope.addSchema({ $id: 'limit', type: 'integer', minimum: 0, maximum })
        const schema = {
          querystring: { type: 'object', properties: { n: { $ref: 'limit#' } } },
          response: {
            200: { type: 'object', properties: { n: { $ref: 'limit#' }, scope: { type: 'string' } } },
          },
        }
        scope.get('/a', { schema }, async (request) => ({
          ...(request.query as object),
          scope: prefix,
          extra: 1,
        }))
        scope.get('/b', { schema }, async (request) => ({ ...(request.query as object), scope: prefix }))
      },
      { prefix },
    )
  }
  return fastify
}

t.test('a shared $id means what its own context says, in validation and serialization', async (t) => {
  const fastify = await app()
  t.teardown(() => fastify.close())
  for (const path of ['/small/a', '/small/b']) {
    t.equal((await fastify.inject(`${path}?n=5`)).statusCode, 200, `${path} takes 5`)
    t.equal((await fastify.inject(`${path}?n=6`)).statusCode, 400, `${path} refuses 6`)
  }
  for (const path of ['/large/a', '/large/b'])
    t.equal((await fastify.inject(`${path}?n=400`)).statusCode, 200)
  t.equal((await fastify.inject('/large/a?n=501')).statusCode, 400)
  t.same((await fastify.inject('/large/a?n=7')).json(), { n: 7, scope: '/large' }, 'serialized by its schema')
})
