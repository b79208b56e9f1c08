// GET /v1/users/:userId/records and /v1/users/:userId/records/recent

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { addDays } from '../stats/local-dates.ts'
import { recentRecords, records } from '../stats/records.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

const board = endpoints.records
const recent = endpoints.recentRecords

export default async function recordsRoutes(fastify: FastifyInstance) {
  const provider = fastify.withTypeProvider<TypeBoxTypeProvider>()
  provider.get(
    board.path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Personal records per exercise',
        description: `Ties go to the earliest workout. ${WORKING_SETS_NOTE}`,
        params: board.params,
        querystring: board.querystring,
        response: { 200: board.response, ...errorResponses },
      },
    },
    async (request) =>
      lifterAnswer(fastify, request.params.userId, 'records', request.query, async ({ lifter }) => ({
        records: await records(fastify.db, lifter.userId, request.query.exerciseId),
      })),
  )

  provider.get(
    recent.path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'PRs set in the last N days',
        description:
          'A PR is a workout whose best (heaviest set, best Epley estimate over 1–12 reps, most reps in a set, session volume) ' +
          'beats every earlier workout of that exercise; a first-ever session beats nothing and is not a PR. ' +
          `The last N days are today and the N−1 local dates before it. ${WORKING_SETS_NOTE}`,
        params: recent.params,
        querystring: recent.querystring,
        response: { 200: recent.response, ...errorResponses },
      },
    },
    async (request) =>
      lifterAnswer(
        fastify,
        request.params.userId,
        'records-recent',
        request.query,
        async ({ lifter, today }) => ({
          days: request.query.days,
          records: await recentRecords(
            fastify.db,
            lifter.userId,
            addDays(today, 1 - request.query.days),
            today,
          ),
        }),
      ),
  )
}
