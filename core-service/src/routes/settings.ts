// The settings page: profile (display name, time zone, unit), password, personal API tokens, and
// deleting the account. Each form posts to its own route and re-renders the page with its errors.
// Registered inside a signedIn scope (app.ts): handlers go through request.lifter.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CurrentUser } from '../accounts/current-user.ts'
import { deleteAccountBody, passwordBody, settingsBody, tokenBody } from '../accounts/form.ts'
import {
  ChangePasswordBody,
  CreateTokenBody,
  DeleteMeBody,
  TokenParams,
  UpdateMeBody,
} from '../accounts/schemas.ts'
import { timeZones } from '../accounts/time-zones.ts'
import { localeFor } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'
import { endSession, startSession } from '../plugins/authentication.ts'
import { countingFailures, PASSWORD_CHECKS } from '../plugins/rate-limit.ts'
import { type FieldErrors, FormFields, refusal, validBody } from '../validation.ts'

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
  const passwordChecks = fastify.attemptLimiter(PASSWORD_CHECKS.name, PASSWORD_CHECKS)
  async function renderSettings(request: FastifyRequest, reply: FastifyReply, view: SettingsView = {}) {
    const lifter = request.lifter
    const user = view.user ?? lifter.user
    const tokens = await lifter.apiTokens.list()
    const section = view.section
    return reply.viewAsync('pages/settings.hbs', {
      title: request.t('nav.settings'),
      user,
      // Automatic, or the language's own name (a reader who cannot read this page can still find theirs).
      languages: [
        { value: 'auto', label: request.t('settings.languageAuto') },
        { value: 'en', label: 'English' },
        { value: 'sl', label: 'Slovenščina' },
      ],
      language: (section === 'profile' ? view.values?.language : undefined) ?? user.language ?? 'auto',
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
    const { statusCode, errors } = refusal(error)
    reply.code(statusCode)
    return renderSettings(request, reply, { section, values, errors })
  }

  fastify.get('/settings', page('Settings page'), (request, reply) => renderSettings(request, reply))

  fastify.post('/settings', page('Save profile', { body: FormFields }), async (request, reply) => {
    const values = request.body
    let saved: CurrentUser
    try {
      saved = await request.lifter.account.updateSettings(validBody(UpdateMeBody, settingsBody(values)))
    } catch (error) {
      return failed(request, reply, 'profile', error, values)
    }
    // Said in the language just chosen: it is the one the next page is in.
    reply.flash(
      translator(localeFor(saved.language, request.headers['accept-language']))('flash.settingsSaved'),
    )
    return reply.redirect('/settings', 303)
  })

  fastify.post(
    '/settings/password',
    page('Change password', { body: FormFields }),
    async (request, reply) => {
      const { user, account } = request.lifter
      try {
        const { currentPassword, newPassword } = validBody(ChangePasswordBody, passwordBody(request.body))
        await countingFailures(passwordChecks, user.id, () =>
          account.changePassword(currentPassword, newPassword),
        )
        // Keep this session; every other one (e.g. a forgotten laptop) ends with the old password.
        await startSession(request, user.id)
      } catch (error) {
        return failed(request, reply, 'password', error, {})
      }
      reply.flash(request.t('flash.passwordChanged'))
      return reply.redirect('/settings', 303)
    },
  )

  fastify.post('/settings/tokens', page('Create API token', { body: FormFields }), async (request, reply) => {
    const values = request.body
    let name: string
    try {
      name = validBody(CreateTokenBody, tokenBody(values)).name
    } catch (error) {
      return failed(request, reply, 'tokens', error, values)
    }
    const created = await request.lifter.apiTokens.create(name)
    // Shown on this response only (not via redirect + session): the secret never touches the session store.
    reply.code(201)
    return renderSettings(request, reply, { newToken: { name: created.name, token: created.token } })
  })

  fastify.post(
    '/settings/tokens/:id/revoke',
    page('Revoke API token', { params: TokenParams }),
    async (request, reply) => {
      await request.lifter.apiTokens.revoke(request.params.id)
      reply.flash(request.t('flash.tokenRevoked'))
      return reply.redirect('/settings#tokens', 303)
    },
  )

  fastify.post('/settings/delete', page('Delete account', { body: FormFields }), async (request, reply) => {
    const { user, account } = request.lifter
    try {
      const { password } = validBody(DeleteMeBody, deleteAccountBody(request.body))
      await countingFailures(passwordChecks, user.id, () => account.delete(password))
    } catch (error) {
      return failed(request, reply, 'delete', error, {})
    }
    await endSession(request)
    return reply.redirect('/?deleted=1', 303)
  })
}
