// JSON API for personal API tokens: list, create (the secret is in the response only), revoke.
// Registered inside a signedIn scope (app.ts): handlers go through request.lifter.apiTokens.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiTokenJson, createdApiTokenJson } from '../accounts/api-tokens.ts'
import { ApiTokenSchema, CreatedApiToken, CreateTokenBody, TokenParams } from '../accounts/schemas.ts'
import { authErrors, errorResponse as error, apiSecurity as security, writeErrors } from '../api-errors.ts'

export default async function apiTokenRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Your personal API tokens (without their secrets)',
        security,
        response: {
          200: Type.Object({ tokens: Type.Array(ApiTokenSchema) }, { description: 'Newest first' }),
          ...authErrors,
        },
      },
    },
    async (request) => ({ tokens: (await request.lifter.apiTokens.list()).map(apiTokenJson) }),
  )

  fastify.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['account'],
        summary: 'Create a personal API token',
        description:
          'The response holds the token itself; it is stored only as a hash and cannot be shown again.',
        security,
        body: CreateTokenBody,
        response: {
          201: CreatedApiToken,
          400: error('Missing or too long name'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      reply.code(201)
      return createdApiTokenJson(
        await request.lifter.apiTokens.create(request.body.name.trim() || 'API token'),
      )
    },
  )

  fastify.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Revoke one of your API tokens',
        security,
        params: TokenParams,
        response: {
          204: { type: 'null', description: 'Revoked; requests with it now get 401' },
          400: error('The id is not a UUID'),
          ...writeErrors,
          404: error('No such token among yours'),
        },
      },
    },
    async (request, reply) => {
      await request.lifter.apiTokens.revoke(request.params.id)
      return reply.code(204).send(null)
    },
  )
}
