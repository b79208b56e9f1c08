// Progress pages: the dashboard (/progress) and one exercise (/progress/exercises/:id). Numbers come from
// stats through the resilient client; when stats is unavailable the pages still answer 200, with stale
// numbers and "showing data from <time>", or a "temporarily unavailable" panel. Registered inside a
// signedIn scope (app.ts): handlers read request.lifter.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { NotFound } from '../errors.ts'
import { exerciseName } from '../i18n/exercise-names.ts'
import { idParams } from '../id-params.ts'
import type { CallContext, StatsResult } from '../stats/client.ts'
import { StatsRequestError } from '../stats/errors.ts'
import {
  freshness,
  progressionCharts,
  RANGES,
  type RangeValue,
  rangeOptions,
  rangeStart,
  recentRecordRows,
  recordTable,
  section,
  sessionRows,
  summaryCards,
  twelveWeeksAgo,
  weeklyVolumeChart,
} from '../stats/progress-view.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const STYLES = ['/static/css/training.css', '/static/css/progress.css']
const Range = Type.Union(RANGES.map((r) => Type.Literal(r.value)))
const Formula = Type.Union([Type.Literal('epley'), Type.Literal('brzycki')])
const ExerciseQuery = Type.Object({
  range: Type.Optional(Range),
  formula: Type.Optional(Formula),
  /** Page of the sessions table (newest first). */
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
})

/**
 * A page never fails because of stats: a query stats refuses (4xx, which core's own checks should have
 * prevented) is logged and shown like missing data, not as an error page.
 */
async function pageResult<T>(
  request: FastifyRequest,
  pending: Promise<StatsResult<T>>,
): Promise<StatsResult<T>> {
  try {
    return await pending
  } catch (err) {
    if (!(err instanceof StatsRequestError)) throw err
    request.log.warn({ err }, 'stats refused a progress page query')
    return { state: 'unavailable', reason: err.message, retryAfterSeconds: 0 }
  }
}

export default async function progressRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const stats = fastify.statsClient
  // A page waits less for stats than an API call, so the page as a whole answers within a second.
  const ctx = (request: FastifyRequest): CallContext => ({
    requestId: request.id,
    log: request.log,
    budgetMs: stats.pageBudgetMs,
  })

  fastify.get(
    '/progress',
    { schema: { hide: true, summary: 'Progress dashboard', response: HtmlPage } },
    async (request, reply) => {
      const lifter = request.lifter
      const { user } = lifter
      const viewer = { ...user, locale: lifter.locale }
      const from = twelveWeeksAgo(user.timeZone, lifter.now())
      // The chooser comes from core's own data, so it works even when stats is down.
      const [summary, volume, recent, exercises] = await Promise.all([
        pageResult(request, stats.summary(user.id, ctx(request))),
        pageResult(request, stats.volume(user.id, { bucket: 'week', from }, ctx(request))),
        pageResult(request, stats.recentRecords(user.id, { days: 30 }, ctx(request))),
        lifter.exercises.logged(),
      ])
      const s = section(summary)
      const v = section(volume)
      const r = section(recent)
      return reply.viewAsync('pages/progress.hbs', {
        title: request.t('nav.progress'),
        styles: STYLES,
        freshness: freshness([summary, volume, recent], viewer, request.lifter.twelveHour),
        cards: s.available ? summaryCards(s.data, viewer) : null,
        noWorkouts: s.available && s.data.totals.workouts === 0,
        volumeChart: v.available ? weeklyVolumeChart(v.data, viewer) : null,
        recentAvailable: r.available,
        recentRecords: r.available ? recentRecordRows(r.data, viewer) : null,
        exercises: exercises.map((e) => ({ ...e, name: exerciseName(e.name, lifter.locale) })),
        ranges: rangeOptions(lifter.locale, '1y'),
      })
    },
  )

  // The exercise chooser is a plain GET form; this turns its fields into the exercise page's address.
  fastify.get(
    '/progress/exercise',
    {
      schema: {
        hide: true,
        summary: 'Exercise chooser target',
        querystring: Type.Object({
          exerciseId: Type.String({ format: 'uuid' }),
          range: Type.Optional(Range),
          formula: Type.Optional(Formula),
        }),
        response: { 303: { description: 'to the exercise page', type: 'null' } },
      },
    },
    async (request, reply) => {
      const { exerciseId, range, formula } = request.query
      const search = new URLSearchParams()
      if (range) search.set('range', range)
      if (formula) search.set('formula', formula)
      const query = search.size ? `?${search}` : ''
      return reply.redirect(`/progress/exercises/${exerciseId}${query}`, 303)
    },
  )

  fastify.get(
    '/progress/exercises/:id',
    {
      schema: {
        hide: true,
        summary: 'Progress of one exercise',
        params: idParams('exercise id'),
        querystring: ExerciseQuery,
        response: HtmlPage,
      },
    },
    async (request, reply) => {
      const lifter = request.lifter
      const { user, locale } = lifter
      const viewer = { ...user, locale }
      const range: RangeValue = request.query.range ?? '1y'
      const formula = request.query.formula ?? 'epley'
      // Visible = built-in or this lifter's own; anything else is "not found", never "forbidden".
      const found = await lifter.exercises.find(request.params.id)
      if (!found) throw new NotFound('exercise')
      const exercise = {
        id: found.id,
        name: exerciseName(found.name, locale),
        isBodyweight: found.isBodyweight,
      }
      const from = rangeStart(range, user.timeZone, lifter.now())
      const [progression, records, exercises] = await Promise.all([
        pageResult(request, stats.progression(user.id, exercise.id, { formula, from }, ctx(request))),
        pageResult(request, stats.records(user.id, { exerciseId: exercise.id }, ctx(request))),
        lifter.exercises.logged(),
      ])
      const p = section(progression)
      const r = section(records)
      const sessions = p.available ? sessionRows(p.data, viewer, request.query.page) : null
      const pageLink = (page: number) => {
        const search = new URLSearchParams({ range, formula })
        if (page > 1) search.set('page', String(page))
        return `/progress/exercises/${exercise.id}?${search}#sessions-heading`
      }
      return reply.viewAsync('pages/progress-exercise.hbs', {
        title: request.t('progress.exerciseTitle', { name: exercise.name }),
        styles: STYLES,
        exercise,
        range,
        formula,
        ranges: rangeOptions(locale, range),
        formulas: [
          { value: 'epley', label: 'Epley', selected: formula === 'epley' },
          { value: 'brzycki', label: 'Brzycki', selected: formula === 'brzycki' },
        ],
        exercises: (exercises.some((e) => e.id === exercise.id) ? exercises : [exercise, ...exercises]).map(
          (e) => ({ ...e, name: exerciseName(e.name, locale) }),
        ),
        freshness: freshness([progression, records], viewer, request.lifter.twelveHour),
        isBodyweight: p.available ? p.data.metric === 'reps' : exercise.isBodyweight,
        hasSessions: p.available && p.data.sessions.length > 0,
        charts: p.available ? progressionCharts(p.data, viewer) : null,
        sessions: sessions && {
          ...sessions,
          newer: sessions.page > 1 ? pageLink(sessions.page - 1) : null,
          older: sessions.page < sessions.pages ? pageLink(sessions.page + 1) : null,
        },
        records: r.available ? recordTable(r.data, viewer) : null,
        recordsAvailable: r.available,
      })
    },
  )
}
