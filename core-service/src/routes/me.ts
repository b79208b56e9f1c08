// JSON API for the signed-in lifter: GET /api/v1/me and PATCH /api/v1/me (display name, time zone, unit).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Me, UpdateMeBody } from '../accounts/schemas.ts'
import { updateSettings } from '../accounts/users.ts'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../api-errors.ts'

export default async function meRoutes(fastify: FastifyInstance) {
  fastify.get(
    '/api/v1/me',
    {
      onRequest: fastify.requireUser,
      schema: {
        tags: ['account'],
        summary: 'The signed-in lifter',
        security,
        response: { 200: { ...Me, description: 'Who you are and your preferences' }, ...authErrors },
      },
    },
    async (request) => request.user!,
  )

  fastify.patch(
    '/api/v1/me',
    {
      onRequest: fastify.requireUser,
      schema: {
        tags: ['account'],
        summary: 'Change display name, time zone or unit',
        description:
          'Changing the time zone or unit changes how every number of yours is bucketed and shown; past workouts keep their local dates.',
        security,
        body: UpdateMeBody,
        response: {
          200: { ...Me, description: 'The updated lifter' },
          400: errorResponse('Invalid input, e.g. an unknown time zone'),
          ...writeErrors,
        },
      },
    },
    async (request: FastifyRequest<{ Body: UpdateMeBody }>) =>
      updateSettings(fastify.prisma, request.user!.id, request.body),
  )
}
