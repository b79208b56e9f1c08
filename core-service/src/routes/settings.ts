// The settings page: profile (display name, time zone, unit), password, personal API tokens, and
// deleting the account. Each form posts to its own route and re-renders the page with its errors.
// Registered inside a signedIn scope (app.ts): handlers go through request.lifter.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
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

// Generic in `extra`, so the type provider still sees the body and params schemas.
const page = <Extra extends object = object>(summary: string, extra?: Extra) => ({
  schema: { hide: true, summary, ...(extra as Extra) },
})

export default async function settingsRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.setValidatorCompiler(formValidatorCompiler)
  const passwordChecks = fastify.attemptLimiter(PASSWORD_CHECKS.name, PASSWORD_CHECKS)
  async function renderSettings(request: FastifyRequest, reply: FastifyReply, view: SettingsView = {}) {
    const lifter = request.lifter
    const user = view.user ?? lifter.user
    const tokens = await lifter.apiTokens.list()
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

  fastify.get('/settings', page('Settings page'), (request, reply) => renderSettings(request, reply))

  fastify.post(
    '/settings',
    {
      attachValidation: true,
      ...page('Save profile', { body: SettingsForm }),
    },
    async (request, reply) => {
      const values = { ...(request.body ?? {}) }
      if (request.validationError) return failed(request, reply, 'profile', request.validationError, values)
      try {
        const { displayName, timeZone, unit } = request.body
        await request.lifter.account.updateSettings({ displayName, timeZone, unit })
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
      attachValidation: true,
      ...page('Change password', { body: PasswordForm }),
    },
    async (request, reply) => {
      if (request.validationError) return failed(request, reply, 'password', request.validationError, {})
      const { user, account } = request.lifter
      try {
        const { currentPassword, newPassword } = request.body
        await countingFailures(passwordChecks, user.id, () =>
          account.changePassword(currentPassword, newPassword),
        )
        // Keep this session; every other one (e.g. a forgotten laptop) ends with the old password.
        await startSession(request, user.id)
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
      attachValidation: true,
      ...page('Create API token', { body: CreateTokenForm }),
    },
    async (request, reply) => {
      const values = { ...(request.body ?? {}) }
      if (request.validationError) {
        return failed(request, reply, 'tokens', request.validationError, values)
      }
      const name = request.body.name.trim()
      if (!name)
        return failed(request, reply, 'tokens', { field: 'name', message: 'give the token a name' }, values)
      const created = await request.lifter.apiTokens.create(name)
      // Shown on this response only (not via redirect + session): the secret never touches the session store.
      reply.code(201)
      return renderSettings(request, reply, { newToken: { name: created.name, token: created.token } })
    },
  )

  fastify.post(
    '/settings/tokens/:id/revoke',
    page('Revoke API token', { params: TokenParams }),
    async (request, reply) => {
      await request.lifter.apiTokens.revoke(request.params.id)
      reply.flash('Token revoked. Programs using it can no longer sign in.')
      return reply.redirect('/settings#tokens', 303)
    },
  )

  fastify.post(
    '/settings/delete',
    {
      attachValidation: true,
      ...page('Delete account', { body: DeleteAccountForm }),
    },
    async (request, reply) => {
      if (request.validationError) return failed(request, reply, 'delete', request.validationError, {})
      const { user, account } = request.lifter
      try {
        const { password } = request.body
        await countingFailures(passwordChecks, user.id, () => account.delete(password))
      } catch (error) {
        return failed(request, reply, 'delete', error, {})
      }
      await endSession(request)
      return reply.redirect('/?deleted=1', 303)
    },
  )
}
