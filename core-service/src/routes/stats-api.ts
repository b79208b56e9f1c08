// JSON proxy for the signed-in lifter's analytics under /api/v1/stats/...: stats-service's answer plus
// whether it is live or a stale fallback; 503 with a degraded body and Retry-After when there is nothing.
// Registered inside a signedIn scope (app.ts): every call is for request.lifter.
import { BODY_WEIGHT_TREND_RULE, type EndpointName, endpoints } from '@liftlog/stats-contract'
import type { FastifyInstance, FastifyReply } from 'fastify'
import Type, { type TObject, type TProperties } from 'typebox'
import { authErrors, errorResponse, apiSecurity as security } from '../api-errors.ts'
import { NotFound, ValidationFailed } from '../errors.ts'
import type { Query, StatsResult } from '../stats/client.ts'
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

/** What /apidocs says about each proxied endpoint, and what a 404 from stats is about. */
interface ProxyDoc {
  summary: string
  description: string
  /** The 200 answer's description. */
  answer: string
  /** The thing stats did not find when it answers 404 ("exercise not found"). */
  missing: string
  /** A 404 this endpoint documents (only those with an id in the path). */
  notFound?: string
}

// One entry per stats endpoint: the proxy's path is stats' own without the /users/:userId prefix (the
// lifter is request.lifter), and its parameters, query and answer are the contract's.
const proxied: Record<EndpointName, ProxyDoc> = {
  summary: {
    summary: 'Your totals, this/last week and month, and weekly streaks',
    description: `${DOC} Weeks are ISO weeks (Monday first).`,
    answer: 'summary',
    missing: 'summary',
  },
  volume: {
    summary: 'Volume, sets, reps and workouts per day, week or month',
    description: `${DOC} Every bucket in the range is present (zeros included), oldest first. Default: weekly, the last 12 months.`,
    answer: 'volume series',
    missing: 'exercise',
  },
  progression: {
    summary: 'Estimated 1RM, heaviest weight, best reps and volume per session of one exercise',
    description: `${DOC} e1RM uses Epley (default) or Brzycki over sets of 1..repCap reps. Bodyweight exercises report metric "reps".`,
    answer: 'per-session progression',
    missing: 'exercise',
    notFound: 'No such exercise among the built-ins and yours',
  },
  records: {
    summary: 'Personal records per exercise',
    description: `${DOC} Ties go to the earliest date.`,
    answer: 'records per exercise',
    missing: 'exercise',
  },
  recentRecords: {
    summary: 'Personal records set in the last N days',
    description: DOC,
    answer: 'recent records',
    missing: 'records',
  },
  breakdown: {
    summary: 'Sets and volume per exercise and per muscle group',
    description: `${DOC} Sorted by volume, largest first.`,
    answer: 'breakdown',
    missing: 'range',
  },
  calendar: {
    summary: 'Training load per day of one month',
    description: `${DOC} Only days with workouts are listed.`,
    answer: 'days of the month with workouts',
    missing: 'month',
  },
  bodyWeightTrend: {
    summary: 'Your body-weight entries with their trend line',
    description: `Default: the 12 months up to today; range=all from the first entry. Weights in \`unit\`. ${BODY_WEIGHT_TREND_RULE}`,
    answer: 'entries with their trend',
    missing: 'range',
  },
}

/** Only the query parameters the contract declares go to stats: one last-good key per distinct query. */
function declared(query: unknown, schema: TObject): Query {
  const given = query as Query
  const picked: Query = {}
  for (const name of Object.keys(schema.properties)) if (given[name] !== undefined) picked[name] = given[name]
  return picked
}

export default async function statsApiRoutes(fastify: FastifyInstance) {
  const client = fastify.statsClient
  const tags = ['progress']
  for (const name of Object.keys(proxied) as EndpointName[]) {
    const endpoint = endpoints[name]
    const doc = proxied[name]
    const params = Type.Omit(endpoint.params, ['userId'])
    fastify.get(
      `/api/v1/stats${endpoint.path.replace(/^\/users\/:userId/, '')}`,
      {
        schema: {
          tags,
          security,
          summary: doc.summary,
          description: doc.description,
          ...(Object.keys(params.properties).length > 0 && { params }),
          querystring: endpoint.querystring,
          response: responses(
            endpoint.response,
            doc.answer,
            doc.notFound ? { 404: errorResponse(doc.notFound) } : {},
          ),
        },
      },
      async (request, reply) => {
        const path = { ...(request.params as Record<string, string>), userId: request.lifter.user.id }
        const result = await client
          .get(name, path, declared(request.query, endpoint.querystring), {
            requestId: request.id,
            log: request.log,
          })
          .catch((err) => refused(err, doc.missing))
        return send(reply, result)
      },
    )
  }
}
