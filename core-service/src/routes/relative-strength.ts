// /progress/exercises/:id/relative: one exercise's progress relative to body weight — the estimated 1RM per
// kg of body weight, or for a bodyweight exercise the total load (body weight + added load). The sessions
// come from stats (progression), the body weights from core. The switch back is the exercise's progress
// page. Registered inside audienceScope('page') + signedIn, so handlers read request.lifter.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { relativeView } from '../body-weight/relative-view.ts'
import { NotFound } from '../errors.ts'
import { exerciseName } from '../i18n/exercise-names.ts'
import { idParams } from '../id-params.ts'
import type { StatsResult } from '../stats/client.ts'
import { StatsRequestError } from '../stats/errors.ts'
import { freshness, RANGES, type RangeValue, rangeOptions, rangeStart } from '../stats/progress-view.ts'

const HtmlPage = { 200: { description: 'HTML page', type: 'string' } } as const
const STYLES = ['/static/css/training.css', '/static/css/progress.css']
const Range = Type.Union(RANGES.map((r) => Type.Literal(r.value)))
const Formula = Type.Union([Type.Literal('epley'), Type.Literal('brzycki')])

export default async function relativeStrengthRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const { statsClient: stats } = fastify

  fastify.get(
    '/progress/exercises/:id/relative',
    {
      schema: {
        hide: true,
        summary: 'Progress of one exercise relative to body weight',
        params: idParams('exercise id'),
        querystring: Type.Object({ range: Type.Optional(Range), formula: Type.Optional(Formula) }),
        response: HtmlPage,
      },
    },
    async (request, reply) => {
      const { user, exercises, bodyWeight, now, locale } = request.lifter
      const range: RangeValue = request.query.range ?? '1y'
      const formula = request.query.formula ?? 'epley'
      const exercise = await exercises.find(request.params.id)
      if (!exercise) throw new NotFound('exercise')
      const ctx = { requestId: request.id, log: request.log, budgetMs: stats.pageBudgetMs }
      const from = rangeStart(range, user.timeZone, now())
      const pending = stats.get(
        'progression',
        { userId: user.id, exerciseId: exercise.id },
        { formula, from },
        ctx,
      )
      const [progression, entries] = await Promise.all([
        pending.catch((err): StatsResult<never> => {
          if (!(err instanceof StatsRequestError)) throw err
          request.log.warn({ err }, 'stats refused a relative-strength query')
          return { state: 'unavailable', reason: err.message, retryAfterSeconds: 0 }
        }),
        bodyWeight.list(),
      ])
      const view =
        progression.state === 'unavailable'
          ? null
          : relativeView(progression.data, entries, user.unit, locale)
      const search = new URLSearchParams({ range, formula })
      return reply.viewAsync('pages/progress-relative.hbs', {
        title: request.t('relative.pageTitle', { name: exerciseName(exercise.name, locale) }),
        styles: STYLES,
        exercise: { id: exercise.id, name: exerciseName(exercise.name, locale) },
        absoluteHref: `/progress/exercises/${exercise.id}?${search}`,
        ranges: rangeOptions(locale, range),
        formula,
        freshness: freshness([progression], { ...user, locale }, request.lifter.twelveHour),
        view,
        total: view?.kind === 'total',
        hasSessions: (view?.rows.length ?? 0) > 0,
        noBodyWeight: entries.length === 0,
      })
    },
  )
}
