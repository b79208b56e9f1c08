// JSON proxy for the signed-in lifter's analytics under /api/v1/stats/...: stats-service's answer plus
// whether it is live or a stale fallback; 503 with a degraded body and Retry-After when there is nothing.
// Registered inside a signedIn scope (app.ts): every call is for request.lifter.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { BODY_WEIGHT_TREND_RULE, endpoints } from '@liftlog/stats-contract'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type, { type TObject, type TProperties } from 'typebox'
import { authErrors, errorResponse, apiSecurity as security } from '../api-errors.ts'
import { NotFound, ValidationFailed } from '../errors.ts'
import type { StatsResult } from '../stats/client.ts'
import { StatsRequestError } from '../stats/errors.ts'

const Freshness = {
  stale: Type.Boolean({
    description: 'true when stats is unavailable and this is the last good answer core kept',
  }),
  asOf: Type.String({ description: 'when core received this answer from stats (ISO 8601)' }),
  ageSeconds: Type.Integer({ minimum: 0, description: 'how old the answer is, in seconds (0 when live)' }),
}

/** A stats answer with the freshness fields added, for the OpenAPI document and fast serialisation. */
function withFreshness<T extends TProperties>(schema: TObject<T>, description: string) {
  return Type.Object({ ...schema.properties, ...Freshness }, { description })
}

export const StatsDegraded = Type.Object(
  {
    statusCode: Type.Literal(503),
    code: Type.Union([
      Type.Literal('STATS_UNAVAILABLE'),
      Type.Literal('DATABASE_UNAVAILABLE'),
      Type.Literal('SIGN_IN_UNAVAILABLE'),
    ]),
    message: Type.String(),
    degraded: Type.Optional(Type.Literal(true, { description: 'present (true) for STATS_UNAVAILABLE' })),
    retryAfterSeconds: Type.Optional(
      Type.Integer({ description: 'for STATS_UNAVAILABLE; always sent as the Retry-After header' }),
    ),
  },
  {
    description:
      'STATS_UNAVAILABLE: stats-service is unavailable and core has no earlier answer to this query to fall back to. DATABASE_UNAVAILABLE / SIGN_IN_UNAVAILABLE: core’s database or session store is down. Retry after Retry-After seconds',
  },
)

function responses(schema: TObject, description: string, extra: Record<number, unknown> = {}) {
  return {
    200: withFreshness(schema, description),
    400: errorResponse('A malformed parameter (e.g. a date that is not YYYY-MM-DD)'),
    503: StatsDegraded,
    ...authErrors,
    ...extra,
  }
}

// The proxy takes stats' own query parameters (the contract's): what core accepts, stats accepts.
const { summary, volume, progression, records, recentRecords, breakdown, calendar, bodyWeightTrend } =
  endpoints

const DOC =
  'Computed by stats-service from your working sets (warm-ups count towards no set count, volume, record or 1RM; a workout of warm-ups only still counts as a workout). Weights are kilograms in *Kg fields; `unit` is how you display them. Dates are your local dates. Definitions and rounding: /how-liftlog-counts.'

/** Sends a stats result: the data (live or stale), or 503 + Retry-After + degraded body. */
function send<T extends object>(reply: FastifyReply, result: StatsResult<T>) {
  if (result.state === 'unavailable') {
    return reply
      .code(503)
      .header('retry-after', String(result.retryAfterSeconds))
      .send({
        statusCode: 503 as const,
        code: 'STATS_UNAVAILABLE' as const,
        message: `progress is temporarily unavailable (${result.reason}); try again in ${result.retryAfterSeconds} s`,
        degraded: true as const,
        retryAfterSeconds: result.retryAfterSeconds,
      })
  }
  // The validated JSON text goes out as it came, with the freshness fields spliced in: no parse-and-
  // reserialise of every answer (the route's 200 schema documents the shape; stats' answer already has it).
  const freshness = JSON.stringify({
    stale: result.state === 'stale',
    asOf: result.asOf.toISOString(),
    ageSeconds: result.state === 'stale' ? result.ageSeconds : 0,
  })
  return reply
    .type('application/json; charset=utf-8')
    .send(`${result.json.slice(0, result.json.lastIndexOf('}'))},${freshness.slice(1)}`)
}

/** stats refused the query itself (4xx): the lifter's problem, in the catalogue's words. */
function refused(err: unknown, what: string): never {
  if (err instanceof StatsRequestError) {
    if (err.status === 404) throw new NotFound(what)
    throw new ValidationFailed(err.message)
  }
  throw err
}

export default async function statsApiRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  const client = fastify.statsClient
  const ctx = (request: FastifyRequest) => ({ requestId: request.id, log: request.log })
  const tags = ['progress']

  fastify.get(
    '/api/v1/stats/summary',
    {
      schema: {
        tags,
        security,
        summary: 'Your totals, this/last week and month, and weekly streaks',
        description: `${DOC} Weeks are ISO weeks (Monday first).`,
        response: responses(summary.response, 'summary'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client.summary(request.lifter.user.id, ctx(request)).catch((e) => refused(e, 'summary')),
      ),
  )

  fastify.get(
    '/api/v1/stats/volume',
    {
      schema: {
        tags,
        security,
        summary: 'Volume, sets, reps and workouts per day, week or month',
        description: `${DOC} Every bucket in the range is present (zeros included), oldest first. Default: weekly, the last 12 months.`,
        querystring: volume.querystring,
        response: responses(volume.response, 'volume series'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .volume(request.lifter.user.id, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/exercises/:exerciseId/progression',
    {
      schema: {
        tags,
        security,
        summary: 'Estimated 1RM, heaviest weight, best reps and volume per session of one exercise',
        description: `${DOC} e1RM uses Epley (default) or Brzycki over sets of 1..repCap reps. Bodyweight exercises report metric "reps".`,
        params: Type.Omit(progression.params, ['userId']),
        querystring: progression.querystring,
        response: responses(progression.response, 'per-session progression', {
          404: errorResponse('No such exercise among the built-ins and yours'),
        }),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .progression(request.lifter.user.id, request.params.exerciseId, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/records',
    {
      schema: {
        tags,
        security,
        summary: 'Personal records per exercise',
        description: `${DOC} Ties go to the earliest date.`,
        querystring: records.querystring,
        response: responses(records.response, 'records per exercise'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .records(request.lifter.user.id, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/records/recent',
    {
      schema: {
        tags,
        security,
        summary: 'Personal records set in the last N days',
        description: DOC,
        querystring: recentRecords.querystring,
        response: responses(recentRecords.response, 'recent records'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .recentRecords(request.lifter.user.id, request.query, ctx(request))
          .catch((e) => refused(e, 'records')),
      ),
  )

  fastify.get(
    '/api/v1/stats/breakdown',
    {
      schema: {
        tags,
        security,
        summary: 'Sets and volume per exercise and per muscle group',
        description: `${DOC} Sorted by volume, largest first.`,
        querystring: breakdown.querystring,
        response: responses(breakdown.response, 'breakdown'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .breakdown(request.lifter.user.id, request.query, ctx(request))
          .catch((e) => refused(e, 'range')),
      ),
  )

  fastify.get(
    '/api/v1/stats/calendar',
    {
      schema: {
        tags,
        security,
        summary: 'Training load per day of one month',
        description: `${DOC} Only days with workouts are listed.`,
        querystring: calendar.querystring,
        response: responses(calendar.response, 'days of the month with workouts'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .calendar(request.lifter.user.id, request.query.month, ctx(request))
          .catch((e) => refused(e, 'month')),
      ),
  )

  fastify.get(
    '/api/v1/stats/body-weight/trend',
    {
      schema: {
        tags,
        security,
        summary: 'Your body-weight entries with their trend line',
        description: `Default: the 12 months up to today; range=all from the first entry. Weights in \`unit\`. ${BODY_WEIGHT_TREND_RULE}`,
        querystring: bodyWeightTrend.querystring,
        response: responses(bodyWeightTrend.response, 'entries with their trend'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .get('bodyWeightTrend', { userId: request.lifter.user.id }, request.query, ctx(request))
          .catch((e) => refused(e, 'range')),
      ),
  )
}
