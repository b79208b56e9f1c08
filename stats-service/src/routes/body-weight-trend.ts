// GET /v1/users/:userId/body-weight/trend — the lifter's body-weight entries with their trend. The whole
// endpoint is this file: the contract entry (stats-contract/src/body-weight.ts) gives its path, schemas and
// rule; the SQL and the trend are here; routes/v1.ts registers it.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { BODY_WEIGHT_TREND_RULE, endpoints, TREND_HALF_LIFE_DAYS } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import sql from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { KG_PER_LB } from '../stats/lifter.ts'
import { checkRange, resolveRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

const { path, params, querystring, response } = endpoints.bodyWeightTrend
const DAY_MS = 86_400_000

interface Entry {
  date: string
  /** Exact kilograms (as text from NUMERIC, read as a number only for the trend arithmetic). */
  kg: string
  /** In the answer's unit: as typed when typed in it, else to 0.01; rounded by PostgreSQL, exactly. */
  weight: number
}

/** Every entry up to `to`, oldest first: the trend starts at the first entry ever, not at `from`. */
function entriesUpTo(db: Db, userId: string, to: string, unit: 'kg' | 'lb') {
  return db.rows<Entry>(sql`
    SELECT to_char(local_date, 'YYYY-MM-DD') AS date, weight_kg::text AS kg,
           round(CASE WHEN ${unit} = 'lb' THEN weight_kg / 0.45359237 ELSE weight_kg END, 2)::float8 AS weight
    FROM body_weights
    WHERE user_id = ${userId}::uuid AND local_date <= ${to}::date
    ORDER BY local_date`)
}

async function firstEntryDate(db: Db, userId: string): Promise<string | null> {
  const rows = await db.rows<{ first: string | null }>(sql`
    SELECT to_char(min(local_date), 'YYYY-MM-DD') AS first FROM body_weights WHERE user_id = ${userId}::uuid`)
  return rows[0]?.first ?? null
}

/** Half-up to 0.01; the 1e-9 nudge keeps a binary 81.005 (really 81.00499…) from rounding down. */
const hundredths = (value: number) => Math.round(value * 100 + 1e-9) / 100

/** The trend (kg) at each entry: see BODY_WEIGHT_TREND_RULE. */
export function trendKg(entries: { date: string; kg: number }[], halfLifeDays = TREND_HALF_LIFE_DAYS) {
  const trend: number[] = []
  entries.forEach((entry, i) => {
    const previous = entries[i - 1]
    if (!previous) {
      trend.push(entry.kg)
      return
    }
    const days = (Date.parse(entry.date) - Date.parse(previous.date)) / DAY_MS
    const pull = 1 - 0.5 ** (days / halfLifeDays)
    const last = trend[i - 1]!
    trend.push(last + pull * (entry.kg - last))
  })
  return trend
}

export default async function bodyWeightTrendRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Body-weight entries with their trend',
        description: `Default range: the 12 months up to today; range=all: from the first entry. ${BODY_WEIGHT_TREND_RULE}`,
        params,
        querystring,
        response: { 200: response, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query
      checkRange(q)
      return lifterAnswer(fastify, request.params.userId, 'bodyWeightTrend', q, async ({ lifter, today }) => {
        const { from, to } = await resolveRange(q, today, () => firstEntryDate(fastify.db, lifter.userId))
        const entries = await entriesUpTo(fastify.db, lifter.userId, to, lifter.unit)
        const trend = trendKg(entries.map((e) => ({ date: e.date, kg: Number(e.kg) })))
        const perUnit = lifter.unit === 'lb' ? KG_PER_LB : 1
        const points = entries
          .map((e, i) => ({ date: e.date, weight: e.weight, trend: hundredths(trend[i]! / perUnit) }))
          .filter((p) => p.date >= from)
        return { from, to, halfLifeDays: TREND_HALF_LIFE_DAYS, points }
      })
    },
  )
}
