// The calendar: a month of the lifter's local days (Monday first) with workout days marked, a day view,
// and GET /api/v1/calendar. Days come from workouts.local_date, fixed in the lifter's zone when saved.
// Registered inside a signedIn scope (app.ts): handlers read request.lifter.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { DateTime, Info } from 'luxon'
import Type from 'typebox'
import type { CurrentUser } from '../accounts/current-user.ts'
import { authErrors, errorResponse, apiSecurity as security } from '../api-errors.ts'
import { MONTH, monthOf } from '../calendar/month.ts'
import { MonthOut, MonthQuery } from '../calendar/schemas.ts'
import { NotFound } from '../errors.ts'
import type { Locale } from '../i18n/locales.ts'
import { formatDate, isRealDate } from '../workouts/local-time.ts'
import { STYLES, workoutCard } from '../workouts/page-data.ts'

export interface CalendarOptions {
  /**
   * Hook for shading days by training load (e.g. from stats-service): resolves to a level 1–4 per local
   * date ("2026-11-23" → 3) for the dates shown. Days without a level get none; a failure is logged and
   * the calendar renders unshaded, so the calendar never depends on it.
   */
  dayLoad?: (user: CurrentUser, from: string, to: string) => Promise<Record<string, number>>
}

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const PageQuery = Type.Object({ month: Type.Optional(Type.String({ maxLength: 20 })) })
const DayParams = Type.Object({ date: Type.String({ maxLength: 20 }) })
/** Monday … Sunday in a locale, long ("Monday", "ponedeljek") and short ("Mon", "pon."). */
function weekdaysIn(locale: Locale) {
  const short = Info.weekdays('short', { locale })
  return Info.weekdays('long', { locale }).map((long, i) => ({ long, short: short[i] ?? long }))
}

/** The column headings for weeks starting on ISO weekday `weekStart`. */
const weekdaysFrom = (weekStart: number, locale: Locale) => {
  const days = weekdaysIn(locale)
  return [...days.slice(weekStart - 1), ...days.slice(0, weekStart - 1)]
}

/** "November 2026", "november 2026": a month heading in the locale. */
const monthLabel = (month: string, locale: Locale) =>
  DateTime.fromISO(`${month}-01`, { locale }).toFormat('LLLL yyyy')

/** A month ("2026-11") the calendar can show: real and within sane years. */
function validMonth(month: string | undefined): month is string {
  return typeof month === 'string' && MONTH.test(month) && month >= '1970-01' && month <= '2999-12'
}

export default async function calendarRoutes(app: FastifyInstance, options: CalendarOptions = {}) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  async function dayLoad(user: CurrentUser, from: string, to: string): Promise<Record<string, number>> {
    if (!options.dayLoad) return {}
    try {
      return await options.dayLoad(user, from, to)
    } catch (err) {
      fastify.log.warn({ err }, 'calendar day shading unavailable')
      return {}
    }
  }

  fastify.get(
    '/calendar',
    { schema: { hide: true, summary: 'Calendar month', querystring: PageQuery, response: HtmlPage } },
    async (request, reply) => {
      const { user, calendar, locale } = request.lifter
      const t = request.t
      const today = request.lifter.today()
      // A mistyped month shows the current one rather than an error page.
      const month = validMonth(request.query.month) ? request.query.month : monthOf(today)
      const weekStart = request.lifter.weekStart
      const view = await calendar.month(month, today, weekStart)
      const first = view.weeks[0]?.[0]?.date ?? `${month}-01`
      const last = view.weeks.at(-1)?.at(-1)?.date ?? `${month}-28`
      const load = await dayLoad(user, first, last)
      const weeks = view.weeks.map((week) =>
        week.map((day) => ({
          ...day,
          load: load[day.date] ?? 0,
          label: `${DateTime.fromISO(day.date, { locale }).toFormat('cccc d LLLL')}${
            day.workouts ? `, ${t('calendar.dayWorkouts', { count: day.workouts })}` : ''
          }${day.isToday ? ` (${t('calendar.todayLower')})` : ''}`,
        })),
      )
      return reply.viewAsync('pages/calendar.hbs', {
        ...view,
        title: monthLabel(month, locale),
        styles: [STYLES],
        weeks,
        weekdays: weekdaysFrom(weekStart, locale),
        isThisMonth: month === view.thisMonth,
        workoutDays: Object.keys(view.counts).length,
        prevLabel: monthLabel(view.prev, locale),
        nextLabel: monthLabel(view.next, locale),
      })
    },
  )

  fastify.get(
    '/calendar/:date',
    { schema: { hide: true, summary: 'One day of workouts', params: DayParams, response: HtmlPage } },
    async (request, reply) => {
      const { user, workouts: store } = request.lifter
      const { date } = request.params
      if (!isRealDate(date) || date < '1970-01-01') throw new NotFound('day')
      const workouts = await store.onDate(date)
      const today = request.lifter.today()
      return reply.viewAsync('pages/calendar-day.hbs', {
        title: formatDate(date, request.lifter.locale),
        styles: [STYLES],
        date,
        monthHref: `/calendar?month=${monthOf(date)}`,
        workouts: workouts.map((w) => workoutCard(w, user, request.lifter.twelveHour, request.lifter.locale)),
        canLog: date <= today,
        logHref: `/workouts/new?date=${date}`,
      })
    },
  )
}

/** GET /api/v1/calendar: the month as JSON (the pages are the default export). */
export async function calendarApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get(
    '/api/v1/calendar',
    {
      schema: {
        tags: ['calendar'],
        security,
        summary: 'Workouts per day of one month',
        description: 'Days are your local dates (your time zone when each workout was saved).',
        querystring: MonthQuery,
        response: {
          200: { ...MonthOut, description: 'the month' },
          400: errorResponse('malformed month'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const today = request.lifter.today()
      const month = request.query.month ?? monthOf(today)
      const view = await request.lifter.calendar.month(month, today)
      const days = view.weeks
        .flat()
        .filter((d) => d.inMonth)
        .map((d) => ({ date: d.date, workouts: d.workouts }))
      return { month, prev: view.prev, next: view.next, today, days }
    },
  )
}
