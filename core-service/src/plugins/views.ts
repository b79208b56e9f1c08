// Server-rendered pages: @fastify/view with Handlebars (root src/views, layout layouts/main.hbs, every
// file in partials/ registered by its name), the helpers templates share, layout data every page gets
// through reply.locals, flash messages, static files at /static, and the error page.
//
// Routes render with `return reply.viewAsync('pages/<name>.hbs', data)`. The layout reads from locals:
//   user (CurrentUser | null), csrfToken (put `<input type="hidden" name="_csrf" value="{{csrfToken}}">` in
//   every form; inside #each use {{@root.csrfToken}}), currentPath, nav (links with `active`), flash.
// `reply.flash('Saved.')` before a redirect shows the message on the next page rendered.
// Add a helper: `handlebars.registerHelper(...)` in registerHelpers below (keep them small and pure).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import type { ErrorBody } from '@liftlog/service-kit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import Handlebars from 'handlebars'
import { DateTime } from 'luxon'
import { localizeFormError } from '../i18n/form-errors.ts'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts'
import { type Translate, translator } from '../i18n/translate.ts'

const srcDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
export const viewsDir = path.join(srcDir, 'views')
export const publicDir = path.join(srcDir, 'public')

declare module 'fastify' {
  interface FastifyReply {
    /** Data every template gets (set by @fastify/view per request, filled in by the hook below). */
    locals: Record<string, unknown>
    /** Shows `message` on the next page this session renders (e.g. after a redirect). */
    flash(message: string): void
  }
}

/** The main navigation; `label` is a catalog key (i18n/en.json "nav"). */
export const navLinks = [
  { href: '/workouts/new', label: 'nav.logWorkout' },
  { href: '/workouts', label: 'nav.workouts' },
  { href: '/calendar', label: 'nav.calendar' },
  { href: '/exercises', label: 'nav.exercises' },
  { href: '/progress', label: 'nav.progress' },
  { href: '/body-weight', label: 'nav.bodyWeight' },
  { href: '/routines', label: 'nav.routines' },
  { href: '/settings', label: 'nav.settings' },
] as const

/** The nav entries with `active` on the most specific link that contains this path. */
function navFor(currentPath: string, t: Translate) {
  let best = ''
  for (const { href } of navLinks) {
    if ((currentPath === href || currentPath.startsWith(`${href}/`)) && href.length > best.length) best = href
  }
  return navLinks.map((link) => ({ href: link.href, label: t(link.label), active: link.href === best }))
}

/** The page's locale, from the root data every template gets (locals.locale). */
function localeOf(options: Handlebars.HelperOptions): Locale {
  const locale = (options.data?.root as { locale?: unknown } | undefined)?.locale
  return isLocale(locale) ? locale : DEFAULT_LOCALE
}

function toDateTime(value: unknown, zone?: unknown): DateTime | null {
  const zoneName = typeof zone === 'string' && zone ? zone : 'UTC'
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: zoneName })
  if (typeof value === 'string' && value) {
    // A bare YYYY-MM-DD is a calendar date: keep it as that date, in no zone.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone: 'UTC' })
    return DateTime.fromISO(value, { zone: zoneName })
  }
  return null
}

function registerHelpers(handlebars: typeof Handlebars) {
  /**
   * {{t "nav.calendar"}}, {{t "calendar.trainingDays" count=n}}: a catalog message in the page's locale;
   * hash arguments are its interpolation values (and `count` picks the plural form).
   */
  handlebars.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
    translator(localeOf(options))(String(key), options.hash),
  )
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  handlebars.registerHelper('ne', (a: unknown, b: unknown) => a !== b)
  handlebars.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean))
  handlebars.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean))
  handlebars.registerHelper('not', (a: unknown) => !a)
  /** JSON for data-* attributes (escaped by {{ }} like any text; never used inside <script>). */
  handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null))
  /**
   * {{formatDate date}} → "Mon 23 Nov 2026" in the signed-in user's zone; optional luxon format and zone:
   * {{formatDate startedAt "HH:mm"}}, {{formatDate startedAt "d LLL" "Pacific/Auckland"}}.
   */
  handlebars.registerHelper('formatDate', function (this: unknown, value: unknown, ...rest: unknown[]) {
    const options = rest.pop() as Handlebars.HelperOptions
    const [format, zone] = rest
    const userZone = (options.data?.root as { user?: { timeZone?: string } } | undefined)?.user?.timeZone
    const dt = toDateTime(value, zone ?? userZone)
    if (!dt?.isValid) return ''
    return dt.setLocale(localeOf(options)).toFormat(typeof format === 'string' ? format : 'ccc d LLL yyyy')
  })
  /** {{isoDate date}} → "2026-11-23" in the user's zone (for <input type="date"> values). */
  handlebars.registerHelper('isoDate', (value: unknown, options: Handlebars.HelperOptions) => {
    const userZone = (options.data?.root as { user?: { timeZone?: string } } | undefined)?.user?.timeZone
    return toDateTime(value, userZone)?.toISODate() ?? ''
  })
  /** {{selected value current}} / {{checked flag}}: attribute words for options and checkboxes. */
  handlebars.registerHelper('selected', (a: unknown, b: unknown) =>
    String(a) === String(b) ? 'selected' : '',
  )
  handlebars.registerHelper('checked', (a: unknown) =>
    a === true || a === 'on' || a === 'true' ? 'checked' : '',
  )
  /** {{fieldError errors "username"}}: the message for one field of a FieldErrors object, if any. */
  handlebars.registerHelper(
    'fieldError',
    (errors: unknown, field: unknown, options: Handlebars.HelperOptions) =>
      errors && typeof errors === 'object'
        ? localizeFormError((errors as Record<string, string>)[String(field)] ?? '', localeOf(options))
        : '',
  )
  /** {{formError message}}: a form error message (written in English) in the page's locale. */
  handlebars.registerHelper('formError', (message: unknown, options: Handlebars.HelperOptions) =>
    typeof message === 'string' ? localizeFormError(message, localeOf(options)) : '',
  )
}

function partialsIn(dir: string): Record<string, string> {
  const partials: Record<string, string> = {}
  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith('.hbs')) partials[file.slice(0, -4)] = path.join('partials', file)
  }
  return partials
}

/** Renders pages/error.hbs for page requests (service-kit errorHandler's renderPage); JSON stays JSON. */
export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, body: ErrorBody) {
  // API routes answer JSON; pages, and URLs no route claims, answer a page to a browser.
  if (request.routeOptions.config.audience === 'api' || typeof reply.viewAsync !== 'function')
    return undefined
  const accept = request.headers.accept ?? ''
  if (!accept.includes('text/html')) return undefined
  const t = request.t
  // English pages keep the error's own words; other languages get the catalog's words for its kind
  // (the catalogued messages are English, shared with the JSON API).
  const message =
    body.code === 'CSRF_REJECTED'
      ? t('errorPage.csrf')
      : request.locale === DEFAULT_LOCALE
        ? body.message
        : t(`errorPage.lead.${kindOf(body.statusCode)}`)
  reply.header('content-type', 'text/html; charset=utf-8')
  return reply
    .viewAsync('pages/error.hbs', {
      title: t(`errorPage.title.${kindOf(body.statusCode)}`),
      error: { ...body, message },
    })
    .catch((err: unknown) => {
      request.log.error({ err }, 'error page failed to render')
      reply.header('content-type', 'text/plain; charset=utf-8')
      return `${body.statusCode} ${message}`
    })
}

/** The kind of failure a status is, for the error page's catalog keys (errorPage.title.<kind>). */
function kindOf(statusCode: number): string {
  if (statusCode === 404) return 'notFound'
  if (statusCode === 403) return 'forbidden'
  if (statusCode === 429) return 'tooMany'
  if (statusCode === 503) return 'unavailable'
  if (statusCode >= 500) return 'server'
  return 'refused'
}

async function viewsPlugin(fastify: FastifyInstance) {
  const handlebars = Handlebars.create()
  registerHelpers(handlebars)
  await fastify.register(fastifyView, {
    engine: { handlebars },
    root: viewsDir,
    layout: 'layouts/main.hbs',
    // Templates are compiled once per process (restart to pick up template edits).
    production: true,
    options: { partials: partialsIn(path.join(viewsDir, 'partials')) },
  })
  await fastify.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/',
    // Files are small and change with deploys; let browsers revalidate rather than cache for days.
    maxAge: '1h',
  })

  // Flash messages are already translated: routes pass request.t(...) output.
  fastify.decorateReply('flash', function (this: FastifyReply, message: string) {
    this.request.session.flash = message
  })

  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/') || request.routeOptions.config.audience === 'api') return
    const currentPath = request.url.split('?', 1)[0] ?? '/'
    let csrfToken: string | undefined
    let flash: string | undefined | null = null
    Object.assign(reply.locals, {
      user: request.user,
      // The <html lang> and every {{t}}: request.locale reads request.user, set by authentication before.
      locale: request.locale,
      currentPath,
      nav: navFor(currentPath, request.t),
      // Functions so only pages that show a form (or a flash) touch the session; Handlebars calls them.
      csrfToken: () => {
        csrfToken ??= reply.generateCsrf()
        return csrfToken
      },
      flash: () => {
        if (flash === null) {
          flash = request.session?.flash
          if (flash) request.session.flash = undefined
        }
        return flash
      },
    })
  })
}

export default fp(viewsPlugin, {
  name: 'views',
  dependencies: ['session', 'authentication', 'i18n', 'security'],
})
