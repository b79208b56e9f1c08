// JSON API for the signed-in lifter: who am I, settings (display name, time zone, unit), password change
// and account deletion (both need the current password; wrong guesses are rate-limited per user).
// Registered inside a signedIn scope (app.ts): handlers go through request.lifter.account.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { ChangePasswordBody, DeleteMeBody, Me, UpdateMeBody } from '../accounts/schemas.ts'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../api-errors.ts'
import { endSession, startSession } from '../plugins/authentication.ts'
import { countingFailures, PASSWORD_CHECKS } from '../plugins/rate-limit.ts'

const passwordErrors = {
  400: errorResponse('Missing fields, or a new password outside 10–200 characters'),
  ...writeErrors,
  403: errorResponse(
    'The current password is not correct (code FORBIDDEN), or a cookie write without x-csrf-token',
  ),
  429: errorResponse('Too many wrong passwords; the message says when to try again (code RATE_LIMITED)'),
}

export default async function meRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'The signed-in lifter',
        security,
        response: { 200: { ...Me, description: 'Who you are and your preferences' }, ...authErrors },
      },
    },
    async (request) => request.lifter.user,
  )

  fastify.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'Change display name, time zone, unit or page language',
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
    async (request) => request.lifter.account.updateSettings(request.body),
  )

  const passwordChecks = fastify.attemptLimiter(PASSWORD_CHECKS.name, PASSWORD_CHECKS)

  fastify.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['account'],
        summary: 'Change your password',
        description:
          'Ends every other browser session of yours; API tokens stay valid (revoke them separately if needed).',
        security,
        body: ChangePasswordBody,
        response: { 204: { type: 'null', description: 'Changed' }, ...passwordErrors },
      },
    },
    async (request, reply) => {
      const { user, account } = request.lifter
      const userId = user.id
      const { currentPassword, newPassword } = request.body
      await countingFailures(passwordChecks, userId, () =>
        account.changePassword(currentPassword, newPassword),
      )
      // Other sessions end with the old password; a cookie caller keeps a fresh session (new cookie).
      if (request.authMethod === 'session') await startSession(request, userId)
      return reply.code(204).send(null)
    },
  )

  fastify.delete(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'Delete your account and all of its data',
        description: 'Removes every workout, set, custom exercise and API token of yours. Cannot be undone.',
        security,
        body: DeleteMeBody,
        response: { 204: { type: 'null', description: 'Deleted' }, ...passwordErrors },
      },
    },
    async (request, reply) => {
      const { user, account } = request.lifter
      await countingFailures(passwordChecks, user.id, () => account.delete(request.body.password))
      if (request.authMethod === 'session') await endSession(request)
      return reply.code(204).send(null)
    },
  )
}
