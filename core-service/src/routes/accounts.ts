// Pages to register, sign in and sign out. Forms post back to themselves; validation problems re-render
// the form with the input and a message next to each field (the pattern other form routes copy). For
// guests: accounts are reached through fastify.accounts (registration, credential checks), never Prisma.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { type AccountFormValues, credentialsBody, registrationBody } from '../accounts/form.ts'
import { unitForLanguages } from '../accounts/locale.ts'
import { prepareDummyHash } from '../accounts/passwords.ts'
import { safeRedirectTarget } from '../accounts/redirect-target.ts'
import { Credentials, Registration } from '../accounts/schemas.ts'
import { SignInThrottle } from '../accounts/sign-in-throttle.ts'
import { timeZones } from '../accounts/time-zones.ts'
import { tooManyRequests } from '../errors.ts'
import { endSession, startSession } from '../plugins/authentication.ts'
import { checkBody, type FieldErrors, FormFields, refusal, validBody } from '../validation.ts'

const MINUTE = 60_000
const DEVICE_COOKIE = 'liftlog.device'
const DEVICE_COOKIE_SECONDS = 365 * 24 * 60 * 60

/** The username this browser last signed in as (signed cookie), or null. */
function deviceUsername(request: FastifyRequest): string | null {
  const raw = request.cookies[DEVICE_COOKIE]
  if (!raw) return null
  const unsigned = request.unsignCookie(raw)
  return unsigned.valid ? unsigned.value : null
}

function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}
const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
// Generic in `extra`, so the type provider still sees the body and querystring schemas.
const pageSchema = <Extra extends object = object>(summary: string, extra?: Extra) => ({
  hide: true,
  summary,
  ...(extra as Extra),
})
const LoginQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })

export default async function accountRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.addHook('onReady', async () => {
    await prepareDummyHash()
  })
  // Per IP: every attempt counts (a shared gym Wi-Fi still has room). Per username: growing delays, never a
  // lock, and none for a browser that signed in to that username before (src/accounts/sign-in-throttle.ts).
  const signInThrottle = new SignInThrottle(fastify.redis)
  const loginPerIp = fastify.attemptLimiter('login-ip', {
    max: 30,
    timeWindow: 15 * MINUTE,
    action: 'sign-in attempts from your network',
  })
  const registerPerIp = fastify.attemptLimiter('register-ip', {
    max: 20,
    timeWindow: 60 * MINUTE,
    action: 'registrations from your network',
  })
  const registerPerUser = fastify.attemptLimiter('register-user', {
    max: 5,
    timeWindow: 60 * MINUTE,
    action: 'registration attempts for this username',
  })

  function renderRegister(reply: FastifyReply, values: AccountFormValues, errors: FieldErrors = {}) {
    return reply.viewAsync('pages/register.hbs', {
      title: reply.request.t('register.title'),
      values: { unit: 'kg', timeZone: 'UTC', ...values, password: '' },
      // Only a fresh form gets the browser's zone preselected; a re-rendered one keeps what was sent.
      zoneChosen: values.timeZone !== undefined,
      errors,
      timeZones,
      scripts: ['/static/js/time-zone.js'],
    })
  }

  function renderLogin(reply: FastifyReply, values: AccountFormValues, errors: FieldErrors = {}) {
    return reply.viewAsync('pages/login.hbs', {
      title: reply.request.t('layout.logIn'),
      values: { ...values, password: '' },
      errors,
    })
  }

  fastify.get(
    '/register',
    { schema: pageSchema('Registration form', { response: HtmlPage }) },
    async (request, reply) => {
      if (request.user) return reply.redirect('/', 303)
      // The unit is preselected from the browser's language (en-US → lb); the lifter can change it.
      return renderRegister(reply, { unit: unitForLanguages(request.headers['accept-language']) })
    },
  )

  fastify.post(
    '/register',
    { schema: pageSchema('Register', { body: FormFields }) },
    async (request, reply) => {
      const body = request.body
      await registerPerIp.hit(request.ip)
      try {
        const valid = validBody(Registration, registrationBody(body))
        await registerPerUser.hit(valid.username.toLowerCase())
        const user = await fastify.accounts.register(valid)
        await startSession(request, user.id)
        reply.flash(request.t('flash.welcome', { name: user.displayName }))
        return reply.redirect('/', 303)
      } catch (error) {
        const { statusCode, errors } = refusal(error)
        reply.code(statusCode)
        return renderRegister(reply, body, errors)
      }
    },
  )

  fastify.get(
    '/login',
    {
      schema: pageSchema('Sign-in form', {
        querystring: LoginQuery,
        response: HtmlPage,
      }),
    },
    async (request, reply) => {
      const next = safeRedirectTarget(request.query.next)
      if (request.user) return reply.redirect(next, 303)
      return renderLogin(reply, next === '/' ? {} : { next })
    },
  )

  fastify.post('/login', { schema: pageSchema('Sign in', { body: FormFields }) }, async (request, reply) => {
    const body = credentialsBody(request.body)
    await loginPerIp.hit(request.ip)
    const checked = checkBody(Credentials, body)
    const username = body.username
    const userKey = username.toLowerCase()
    const knownDevice = userKey !== '' && deviceUsername(request) === userKey
    if (userKey) {
      const { retryAfterSeconds } = await signInThrottle.check(userKey, request.ip, knownDevice)
      if (retryAfterSeconds > 0) {
        throw tooManyRequests(
          `Too many failed sign-ins for this username. Try again in ${inWords(retryAfterSeconds)}.`,
          retryAfterSeconds,
        )
      }
    }
    const user =
      checked.ok && username && body.password
        ? await fastify.accounts.authenticate(username, body.password)
        : null
    if (!user) {
      if (userKey) await signInThrottle.failed(userKey, request.ip)
      reply.code(401)
      return renderLogin(
        reply,
        { username, next: safeRedirectTarget(body.next) },
        { _form: 'Wrong username or password.' },
      )
    }
    await signInThrottle.succeeded(userKey, request.ip)
    // This browser now counts as a known device for this username (OWASP's device cookie).
    reply.setCookie(DEVICE_COOKIE, userKey, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/login',
      maxAge: DEVICE_COOKIE_SECONDS,
    })
    await startSession(request, user.id)
    return reply.redirect(safeRedirectTarget(body.next), 303)
  })

  fastify.post('/logout', { schema: pageSchema('Sign out') }, async (request, reply) => {
    await endSession(request)
    return reply.redirect('/login', 303)
  })
}
