// GET /v1/users/:userId/volume
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { BadRequest } from '../errors.ts'
import { type Bucket, bucketCount, bucketStart } from '../stats/local-dates.ts'
import { firstWorkoutDate, volumeSeries } from '../stats/volume.ts'
import { checkRange, resolveRange } from './date-range.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  RangeQuery,
  TAG_STATS,
  UserParams,
  WORKING_SETS_NOTE,
} from './schemas.ts'

/** Keeps one answer bounded: ten years of days is 3,653 buckets. */
export const MAX_BUCKETS = 4_000

const VolumeQuery = Type.Object({
  bucket: Type.Enum(['day', 'week', 'month'], {
    default: 'week',
    description: 'day, ISO week (Monday first) or month',
  }),
  ...RangeQuery,
  exerciseId: Type.Optional(Type.String({ format: 'uuid', description: 'only this exercise' })),
  muscleGroup: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'only exercises of this muscle group (case-insensitive)',
    }),
  ),
})

const VolumeResponse = Type.Object({
  ...LifterFields,
  bucket: Type.Enum(['day', 'week', 'month']),
  from: LocalDate('start of the first bucket (the requested from, moved back to its bucket’s start)'),
  to: LocalDate('last day counted'),
  series: Type.Array(
    Type.Object({
      start: LocalDate('first day of the bucket: the day, the Monday, or the 1st'),
      workouts: Type.Integer({
        description: 'workouts (with a working set of the exercise/muscle group, when filtered)',
      }),
      sets: Type.Integer({ description: 'working sets' }),
      reps: Type.Integer(),
      volumeKg: Kg('Σ reps × weight'),
    }),
    { description: 'every bucket from `from` to `to`, ascending, zeros included' },
  ),
})

export default async function volumeRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    '/users/:userId/volume',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Volume and frequency per day, ISO week or month',
        description: `Default: weekly buckets over the 12 months up to today. The first bucket is widened back to its start (Monday / 1st) so every bucket is whole. ${WORKING_SETS_NOTE}`,
        params: UserParams,
        querystring: VolumeQuery,
        response: { 200: { ...VolumeResponse, description: 'a continuous series' }, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query
      checkRange(q)
      const bucket = q.bucket as Bucket
      return lifterAnswer(fastify, request.params.userId, 'volume', q, async ({ lifter, today }) => {
        const range = await resolveRange(q, today, () => firstWorkoutDate(fastify.prisma, lifter.userId))
        const from = bucketStart(range.from, bucket)
        const count = bucketCount(from, range.to, bucket)
        if (count > MAX_BUCKETS) {
          throw new BadRequest(
            `${count} ${bucket} buckets is too many (at most ${MAX_BUCKETS}); use a longer bucket or a shorter range`,
          )
        }
        const filter = { exerciseId: q.exerciseId, muscleGroup: q.muscleGroup }
        const series = await volumeSeries(
          fastify.prisma,
          lifter.userId,
          { from, to: range.to, bucket },
          filter,
        )
        return { bucket, from, to: range.to, series }
      })
    },
  )
}
