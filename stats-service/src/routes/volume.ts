// GET /v1/users/:userId/volume

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { endpoints, WORKING_SETS_NOTE } from '@liftlog/stats-contract'
import type { FastifyInstance } from 'fastify'
import { BadRequest } from '../errors.ts'
import { type Bucket, bucketCount, bucketStart } from '../stats/local-dates.ts'
import { firstWorkoutDate, volumeSeries } from '../stats/volume.ts'
import { checkRange, resolveRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import { errorResponses, TAG_STATS } from './schemas.ts'

/** Keeps one answer bounded: ten years of days is 3,653 buckets. */
export const MAX_BUCKETS = 4_000

const { path, params, querystring, response } = endpoints.volume

export default async function volumeRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Volume and frequency per day, ISO week or month',
        description: `Default: weekly buckets over the 12 months up to today. The first bucket is widened back to its start (Monday / 1st) so every bucket is whole. ${WORKING_SETS_NOTE}`,
        params,
        querystring,
        response: { 200: response, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query
      checkRange(q)
      const bucket = q.bucket as Bucket
      return lifterAnswer(fastify, request.params.userId, 'volume', q, async ({ lifter, today }) => {
        const range = await resolveRange(q, today, () => firstWorkoutDate(fastify.db, lifter.userId))
        const from = bucketStart(range.from, bucket)
        const count = bucketCount(from, range.to, bucket)
        if (count > MAX_BUCKETS) {
          throw new BadRequest(
            `${count} ${bucket} buckets is too many (at most ${MAX_BUCKETS}); use a longer bucket or a shorter range`,
          )
        }
        const filter = { exerciseId: q.exerciseId, muscleGroup: q.muscleGroup }
        const series = await volumeSeries(fastify.db, lifter.userId, { from, to: range.to, bucket }, filter)
        return { bucket, from, to: range.to, series }
      })
    },
  )
}
