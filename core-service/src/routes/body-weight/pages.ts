// The body-weight page: log (or replace) the weight of a day, delete an entry, the recent entries, and a
// chart of the last 12 months with the trend line from stats. Registered inside audienceScope('page') +
// signedIn, so every handler reads request.lifter. When stats is unavailable the page still shows the
// entries (charted from core's own data) and says the trend is unavailable. The JSON twin is ./api.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DateTime } from 'luxon'
import Type from 'typebox'
import { bodyWeightFieldErrors, type FieldErrors, LIMITS, weightLimits } from '../../body-weight/input.ts'
import { entriesChart, entryRows, trendChart } from '../../body-weight/page-view.ts'
import { type BodyWeightForm, BodyWeightForm as FormSchema } from '../../body-weight/schemas.ts'
import { formatChartDate } from '../../charts/svg-chart.ts'
import { NotFound } from '../../errors.ts'
import { acceptDecimalComma, localDecimal } from '../../i18n/numbers.ts'
import type { StatsResult } from '../../stats/client.ts'
import { StatsRequestError } from '../../stats/errors.ts'
import { freshness } from '../../stats/progress-view.ts'
import { editableWeight, formatWeight } from '../../units.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const STYLES = ['/static/css/training.css', '/static/css/progress.css']
/** Page addresses are forgiving: anything that is not one of the lifter's dates is "not found". */
const EntryParams = Type.Object({ date: Type.String({ maxLength: 64 }) })
const RECENT = 30
const TYPED_NUMBER = /^\d+(?:\.\d+)?$/

export default async function bodyWeightPages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const { statsClient: stats } = fastify

  /** The trend, or "unavailable": a query stats refuses is logged and shown like missing data. */
  async function trendOf(request: FastifyRequest) {
    const ctx = { requestId: request.id, log: request.log, budgetMs: stats.pageBudgetMs }
    try {
      return await stats.get('bodyWeightTrend', { userId: request.lifter.user.id }, {}, ctx)
    } catch (err) {
      if (!(err instanceof StatsRequestError)) throw err
      request.log.warn({ err }, 'stats refused the body-weight trend query')
      return { state: 'unavailable', reason: err.message, retryAfterSeconds: 0 } as StatsResult<never>
    }
  }

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: BodyWeightForm; errors?: FieldErrors } = {},
  ) {
    const { user, bodyWeight, locale } = request.lifter
    const today = request.lifter.today()
    const from = DateTime.fromISO(today, { zone: 'UTC' }).minus({ months: 12 }).toISODate() as string
    const [trend, year, recent] = await Promise.all([
      trendOf(request),
      bodyWeight.list({ from, to: today }),
      bodyWeight.list({ limit: RECENT }),
    ])
    const latest = recent[0]
    const errors = form.errors ?? {}
    return reply.viewAsync('pages/body-weight.hbs', {
      title: request.t('nav.bodyWeight'),
      styles: STYLES,
      unit: user.unit,
      today,
      limits: weightLimits(user.unit),
      noteLength: LIMITS.noteLength,
      latest: latest ? formatWeight(latest.weightKg, user.unit, 'weight', locale) : null,
      values: form.values ?? {
        date: today,
        weight: latest ? editableWeight(latest.weightKg, user.unit) : '',
        note: '',
      },
      errors,
      hasErrors: Object.keys(errors).length > 0,
      freshness: freshness([trend], { ...user, locale }, request.lifter.twelveHour),
      trendUnavailable: trend.state === 'unavailable',
      chart:
        trend.state === 'unavailable'
          ? entriesChart([...year].reverse(), user.unit, locale)
          : trendChart(trend.data, user.unit, locale),
      entries: entryRows(recent, user.unit, locale),
    })
  }

  fastify.get(
    '/body-weight',
    { schema: { hide: true, summary: 'Body weight', response: HtmlPage } },
    async (request, reply) => renderPage(request, reply),
  )

  fastify.post(
    '/body-weight',
    { schema: { hide: true, summary: 'Log or replace the body weight of a day', body: FormSchema } },
    async (request, reply) => {
      const { bodyWeight } = request.lifter
      const values = request.body
      const date = values.date?.trim() ?? ''
      const typed = acceptDecimalComma(values.weight?.trim() ?? '')
      const errors: FieldErrors = {}
      // In English like every form error; pages show them in the lifter's language (i18n/form-errors.ts).
      if (!date) errors.date = 'enter a date'
      if (!typed) errors.weight = 'enter your weight'
      else if (!TYPED_NUMBER.test(typed)) errors.weight = 'must be a number, e.g. 81.35'
      if (Object.keys(errors).length > 0) {
        reply.code(400)
        return renderPage(request, reply, { values, errors })
      }
      try {
        const { entry, replaced } = await bodyWeight.save({ date, weight: Number(typed), note: values.note })
        const { locale } = request.lifter
        const weight = `${localDecimal(entry.weight, locale)} ${entry.unit}`
        const day = formatChartDate(entry.date, true, locale)
        reply.flash(
          request.t(replaced ? 'flash.bodyWeightReplaced' : 'flash.bodyWeightSaved', { day, weight }),
        )
        return reply.redirect('/body-weight', 303)
      } catch (err) {
        const fields = bodyWeightFieldErrors(err)
        if (!fields) throw err
        reply.code(400)
        return renderPage(request, reply, { values, errors: fields })
      }
    },
  )

  fastify.post(
    '/body-weight/:date/delete',
    { schema: { hide: true, summary: 'Delete the body weight of a day', params: EntryParams } },
    async (request, reply) => {
      const { date } = request.params
      if (!(await request.lifter.bodyWeight.delete(date))) throw new NotFound('body weight')
      reply.flash(
        request.t('flash.bodyWeightDeleted', { day: formatChartDate(date, true, request.lifter.locale) }),
      )
      return reply.redirect('/body-weight', 303)
    },
  )
}
