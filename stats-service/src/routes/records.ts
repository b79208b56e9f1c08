// GET /v1/users/:userId/records and /v1/users/:userId/records/recent
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { addDays } from '../stats/local-dates.ts'
import { recentRecords, records } from '../stats/records.ts'
import { lifterAnswer } from './lifter-answer.ts'
import {
  errorResponses,
  Kg,
  LifterFields,
  LocalDate,
  Nullable,
  TAG_STATS,
  UserParams,
  WORKING_SETS_NOTE,
} from './schemas.ts'

const Rec = (what: string) =>
  Nullable(
    Type.Object(
      {
        valueKg: Kg(what),
        reps: Type.Optional(Type.Integer({ description: 'reps of the set that holds it' })),
        date: LocalDate('when it was set'),
        workoutId: Type.String({ format: 'uuid' }),
      },
      { description: `${what}; null if no working set qualifies` },
    ),
  )

const RecordsResponse = Type.Object({
  ...LifterFields,
  records: Type.Array(
    Type.Object({
      exerciseId: Type.String({ format: 'uuid' }),
      exerciseName: Type.String(),
      isBodyweight: Type.Boolean(),
      heaviest: Rec('heaviest weight in one working set (weight > 0)'),
      bestE1rm: Rec('best estimated 1RM (Epley, sets of 1–12 reps, weight > 0)'),
      mostReps: Nullable(
        Type.Object(
          {
            reps: Type.Integer(),
            weightKg: Kg('weight of that set'),
            date: LocalDate('when'),
            workoutId: Type.String({ format: 'uuid' }),
          },
          { description: 'most reps in one working set (the heavier set on a tie within a workout)' },
        ),
      ),
      bestSessionVolume: Rec('highest Σ reps × weight of this exercise in one workout'),
      repsAtWeight: Type.Array(
        Type.Object({
          weightKg: Kg('the weight'),
          reps: Type.Integer(),
          date: LocalDate('when'),
          workoutId: Type.String({ format: 'uuid' }),
        }),
        { description: 'most reps ever done at each weight, by weight ascending' },
      ),
    }),
    { description: 'one entry per exercise the lifter has working sets of, by name' },
  ),
})

const RecentResponse = Type.Object({
  ...LifterFields,
  days: Type.Integer(),
  records: Type.Array(
    Type.Object({
      exerciseId: Type.String({ format: 'uuid' }),
      exerciseName: Type.String(),
      kind: Type.Enum(['heaviest', 'e1rm', 'reps', 'volume']),
      valueKg: Nullable(
        Kg(
          'heaviest: the weight; e1rm: the estimate; reps: the weight of the set; volume: the session volume',
        ),
      ),
      reps: Nullable(Type.Integer({ description: 'reps of the set (null for volume)' })),
      date: LocalDate('when'),
      workoutId: Type.String({ format: 'uuid' }),
    }),
    { description: 'newest first' },
  ),
})

export default async function recordsRoutes(fastify: FastifyInstance) {
  const provider = fastify.withTypeProvider<TypeBoxTypeProvider>()
  provider.get(
    '/users/:userId/records',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'Personal records per exercise',
        description: `Ties go to the earliest workout. ${WORKING_SETS_NOTE}`,
        params: UserParams,
        querystring: Type.Object({
          exerciseId: Type.Optional(Type.String({ format: 'uuid', description: 'only this exercise' })),
        }),
        response: { 200: { ...RecordsResponse, description: 'the record board' }, ...errorResponses },
      },
    },
    async (request) =>
      lifterAnswer(fastify, request.params.userId, 'records', request.query, async ({ lifter }) => ({
        records: await records(fastify.prisma, lifter.userId, request.query.exerciseId),
      })),
  )

  provider.get(
    '/users/:userId/records/recent',
    {
      schema: {
        tags: [TAG_STATS],
        summary: 'PRs set in the last N days',
        description:
          'A PR is a workout whose best (heaviest set, best Epley estimate over 1–12 reps, most reps in a set, session volume) ' +
          'beats every earlier workout of that exercise; a first-ever session beats nothing and is not a PR. ' +
          `The last N days are today and the N−1 local dates before it. ${WORKING_SETS_NOTE}`,
        params: UserParams,
        querystring: Type.Object({
          days: Type.Integer({ minimum: 1, maximum: 3660, default: 30, description: 'how far back' }),
        }),
        response: { 200: { ...RecentResponse, description: 'recent PRs' }, ...errorResponses },
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
            fastify.prisma,
            lifter.userId,
            addDays(today, 1 - request.query.days),
            today,
          ),
        }),
      ),
  )
}
