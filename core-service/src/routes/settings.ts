// The settings page: profile (display name, time zone, unit), password, personal API tokens, and
// deleting the account. Each form posts to its own route and re-renders the page with its errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { createApiToken, listApiTokens, revokeApiToken } from '../accounts/api-tokens.ts'
import type { CurrentUser } from '../accounts/current-user.ts'
import {
  accountFieldMessages,
  CreateTokenForm,
  DeleteAccountForm,
  PasswordForm,
  SettingsForm,
  TokenParams,
} from '../accounts/schemas.ts'
import { timeZones } from '../accounts/time-zones.ts'
import { changePassword, deleteAccount, updateSettings } from '../accounts/users.ts'
import { type FieldErrors, fieldErrors, formValidatorCompiler } from '../forms.ts'
import { endSession, startSession } from '../plugins/authentication.ts'
import { countingFailures, PASSWORD_CHECKS } from '../plugins/rate-limit.ts'

type Section = 'profile' | 'password' | 'tokens' | 'delete'

interface SettingsView {
  user?: CurrentUser
  section?: Section
  values?: Record<string, unknown>
  errors?: FieldErrors
  newToken?: { name: string; token: string }
}

const page = (summary: string, extra: object = {}) => ({ schema: { hide: true, summary, ...extra } })

export default async function settingsRoutes(fastify: FastifyInstance) {
  fastify.setValidatorCompiler(formValidatorCompiler)
  const passwordChecks = fastify.attemptLimiter(PASSWORD_CHECKS.name, PASSWORD_CHECKS)
  async function renderSettings(request: FastifyRequest, reply: FastifyReply, view: SettingsView = {}) {
    const user = view.user ?? request.user!
    const tokens = await listApiTokens(fastify.prisma, user.id)
    const section = view.section
    return reply.viewAsync('pages/settings.hbs', {
      title: 'Settings',
      user,
      profile: section === 'profile' ? { ...user, ...view.values } : user,
      errors: { [section ?? 'none']: view.errors ?? {} },
      tokenName: section === 'tokens' ? view.values?.name : '',
      tokens,
      newToken: view.newToken,
      timeZones,
    })
  }

  /** Re-render for a failed form: 400 for bad input, or the catalogued error's own status (403, 409…). */
  function failed(
    request: FastifyRequest,
    reply: FastifyReply,
    section: Section,
    error: unknown,
    values: Record<string, unknown>,
  ) {
    const errors = fieldErrors(error, accountFieldMessages)
    if (!errors) throw error
    reply.code((error as { statusCode?: number }).statusCode ?? 400)
    return renderSettings(request, reply, { section, values, errors })
  }

  fastify.get('/settings', { onRequest: fastify.requireUser, ...page('Settings page') }, (request, reply) =>
    renderSettings(request, reply),
  )

  fastify.post(
    '/settings',
    {
      onRequest: fastify.requireUser,
      attachValidation: true,
      ...page('Save profile', { body: SettingsForm }),
    },
    async (request: FastifyRequest<{ Body: Static<typeof SettingsForm> }>, reply) => {
      const values = { ...(request.body ?? {}) }
      if (request.validationError) return failed(request, reply, 'profile', request.validationError, values)
      try {
        const { displayName, timeZone, unit } = request.body
        await updateSettings(fastify.prisma, request.user!.id, { displayName, timeZone, unit })
      } catch (error) {
        return failed(request, reply, 'profile', error, values)
      }
      reply.flash('Settings saved.')
      return reply.redirect('/settings', 303)
    },
  )

  fastify.post(
    '/settings/password',
    {
      onRequest: fastify.requireUser,
      attachValidation: true,
      ...page('Change password', { body: PasswordForm }),
    },
    async (request: FastifyRequest<{ Body: Static<typeof PasswordForm> }>, reply) => {
      if (request.validationError) return failed(request, reply, 'password', request.validationError, {})
      try {
        const { currentPassword, newPassword } = request.body
        await countingFailures(passwordChecks, request.user!.id, () =>
          changePassword(fastify.prisma, request.user!.id, currentPassword, newPassword),
        )
        // Keep this session; every other one (e.g. a forgotten laptop) ends with the old password.
        await startSession(request, request.user!.id)
      } catch (error) {
        return failed(request, reply, 'password', error, {})
      }
      reply.flash(
        'Password changed. Your other browsers are signed out; API tokens still work — revoke any you no longer trust below.',
      )
      return reply.redirect('/settings', 303)
    },
  )

  fastify.post(
    '/settings/tokens',
    {
      onRequest: fastify.requireUser,
      attachValidation: true,
      ...page('Create API token', { body: CreateTokenForm }),
    },
    async (request: FastifyRequest<{ Body: Static<typeof CreateTokenForm> }>, reply) => {
      const values = { ...(request.body ?? {}) }
      if (request.validationError) {
        return failed(request, reply, 'tokens', request.validationError, values)
      }
      const name = request.body.name.trim()
      if (!name)
        return failed(request, reply, 'tokens', { field: 'name', message: 'give the token a name' }, values)
      const created = await createApiToken(fastify.prisma, request.user!.id, name)
      // Shown on this response only (not via redirect + session): the secret never touches the session store.
      reply.code(201)
      return renderSettings(request, reply, { newToken: { name: created.name, token: created.token } })
    },
  )

  fastify.post(
    '/settings/tokens/:id/revoke',
    { onRequest: fastify.requireUser, ...page('Revoke API token', { params: TokenParams }) },
    async (request: FastifyRequest<{ Params: Static<typeof TokenParams> }>, reply) => {
      await revokeApiToken(fastify.prisma, request.user!.id, request.params.id)
      reply.flash('Token revoked. Programs using it can no longer sign in.')
      return reply.redirect('/settings#tokens', 303)
    },
  )

  fastify.post(
    '/settings/delete',
    {
      onRequest: fastify.requireUser,
      attachValidation: true,
      ...page('Delete account', { body: DeleteAccountForm }),
    },
    async (request: FastifyRequest<{ Body: Static<typeof DeleteAccountForm> }>, reply) => {
      if (request.validationError) return failed(request, reply, 'delete', request.validationError, {})
      try {
        const { password } = request.body
        await countingFailures(passwordChecks, request.user!.id, () =>
          deleteAccount(fastify.prisma, request.user!.id, password),
        )
      } catch (error) {
        return failed(request, reply, 'delete', error, {})
      }
      await endSession(request)
      return reply.redirect('/?deleted=1', 303)
    },
  )
}
