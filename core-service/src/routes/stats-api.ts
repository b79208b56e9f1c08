// JSON proxy for the signed-in lifter's analytics under /api/v1/stats/...: stats-service's answer plus
// whether it is live or a stale fallback; 503 with a degraded body and Retry-After when there is nothing.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type, { type TObject, type TProperties } from 'typebox'
import { authErrors, errorResponse, apiSecurity as security } from '../api-errors.ts'
import { NotFound, ValidationFailed } from '../errors.ts'
import type { StatsResult } from '../stats/client.ts'
import { StatsRequestError } from '../stats/errors.ts'
import * as shapes from '../stats/shapes.ts'

const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD, your local date',
})
const Uuid = Type.String({ format: 'uuid', description: 'exercise id' })

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

const VolumeQuery = Type.Object({
  bucket: Type.Optional(shapes.Bucket),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  range: Type.Optional(Type.Literal('all', { description: '"all": from your first workout to today' })),
  exerciseId: Type.Optional(Uuid),
  muscleGroup: Type.Optional(
    // No control characters: stats could not use them, and what core forwards must be a healthy request.
    Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
  ),
})
const ProgressionQuery = Type.Object({
  formula: Type.Optional(shapes.Formula),
  repCap: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 30, description: 'ignore sets above this many reps (default 12)' }),
  ),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
})
const RangeQuery = Type.Object({ from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) })

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
  const base = { onRequest: fastify.requireUser }
  const tags = ['progress']

  fastify.get(
    '/api/v1/stats/summary',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Your totals, this/last week and month, and weekly streaks',
        description: `${DOC} Weeks are ISO weeks (Monday first).`,
        response: responses(shapes.Summary, 'summary'),
      },
    },
    async (request, reply) =>
      send(reply, await client.summary(request.user!.id, ctx(request)).catch((e) => refused(e, 'summary'))),
  )

  fastify.get(
    '/api/v1/stats/volume',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Volume, sets, reps and workouts per day, week or month',
        description: `${DOC} Every bucket in the range is present (zeros included), oldest first. Default: weekly, the last 12 months.`,
        querystring: VolumeQuery,
        response: responses(shapes.Volume, 'volume series'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .volume(request.user!.id, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/exercises/:exerciseId/progression',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Estimated 1RM, heaviest weight, best reps and volume per session of one exercise',
        description: `${DOC} e1RM uses Epley (default) or Brzycki over sets of 1..repCap reps. Bodyweight exercises report metric "reps".`,
        params: Type.Object({ exerciseId: Uuid }),
        querystring: ProgressionQuery,
        response: responses(shapes.Progression, 'per-session progression', {
          404: errorResponse('No such exercise among the built-ins and yours'),
        }),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .progression(request.user!.id, request.params.exerciseId, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/records',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Personal records per exercise',
        description: `${DOC} Ties go to the earliest date.`,
        querystring: Type.Object({ exerciseId: Type.Optional(Uuid) }),
        response: responses(shapes.Records, 'records per exercise'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .records(request.user!.id, request.query, ctx(request))
          .catch((e) => refused(e, 'exercise')),
      ),
  )

  fastify.get(
    '/api/v1/stats/records/recent',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Personal records set in the last N days',
        description: DOC,
        querystring: Type.Object({
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, description: 'default 30' })),
        }),
        response: responses(shapes.RecentRecords, 'recent records'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .recentRecords(request.user!.id, request.query, ctx(request))
          .catch((e) => refused(e, 'records')),
      ),
  )

  fastify.get(
    '/api/v1/stats/breakdown',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Sets and volume per exercise and per muscle group',
        description: `${DOC} Sorted by volume, largest first.`,
        querystring: RangeQuery,
        response: responses(shapes.Breakdown, 'breakdown'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .breakdown(request.user!.id, request.query, ctx(request))
          .catch((e) => refused(e, 'range')),
      ),
  )

  fastify.get(
    '/api/v1/stats/calendar',
    {
      ...base,
      schema: {
        tags,
        security,
        summary: 'Training load per day of one month',
        description: `${DOC} Only days with workouts are listed.`,
        querystring: Type.Object({
          month: Type.String({
            pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
            description: 'YYYY-MM',
            examples: ['2026-11'],
          }),
        }),
        response: responses(shapes.Calendar, 'days of the month with workouts'),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await client
          .calendar(request.user!.id, request.query.month, ctx(request))
          .catch((e) => refused(e, 'month')),
      ),
  )
}
