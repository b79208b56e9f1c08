// GET /v1/users/:userId/records and /v1/users/:userId/records/recent
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, Nullable, UserParams, Uuid } from './common.ts'

const Rec = (what: string) =>
  Nullable(
    Type.Object(
      {
        valueKg: Kg(what),
        reps: Type.Optional(Count('reps of the set that holds it')),
        date: LocalDate('when it was set'),
        workoutId: Uuid(),
      },
      { description: `${what}; null if no working set qualifies` },
    ),
  )

const RecordsAnswer = Type.Object(
  {
    ...LifterFields,
    records: Type.Array(
      Type.Object({
        exerciseId: Uuid(),
        exerciseName: Type.String(),
        isBodyweight: Type.Boolean(),
        heaviest: Rec('heaviest weight in one working set (weight > 0)'),
        bestE1rm: Rec('best estimated 1RM (Epley, sets of 1–12 reps, weight > 0)'),
        mostReps: Nullable(
          Type.Object(
            {
              reps: Count(),
              weightKg: Kg('weight of that set'),
              date: LocalDate('when'),
              workoutId: Uuid(),
            },
            { description: 'most reps in one working set (the heavier set on a tie within a workout)' },
          ),
        ),
        bestSessionVolume: Rec('highest Σ reps × weight of this exercise in one workout'),
        repsAtWeight: Type.Array(
          Type.Object({
            weightKg: Kg('the weight'),
            reps: Count(),
            date: LocalDate('when'),
            workoutId: Uuid(),
          }),
          { description: 'most reps ever done at each weight, by weight ascending' },
        ),
      }),
      { description: 'one entry per exercise the lifter has working sets of, by name' },
    ),
  },
  { description: 'the record board' },
)

export const RECORD_KINDS = ['heaviest', 'e1rm', 'reps', 'volume'] as const

const RecentAnswer = Type.Object(
  {
    ...LifterFields,
    days: Count(),
    records: Type.Array(
      Type.Object({
        exerciseId: Uuid(),
        exerciseName: Type.String(),
        kind: Type.Enum(RECORD_KINDS),
        valueKg: Nullable(
          Kg(
            'heaviest: the weight; e1rm: the estimate; reps: the weight of the set; volume: the session volume',
          ),
        ),
        reps: Nullable(Count('reps of the set (null for volume)')),
        date: LocalDate('when'),
        workoutId: Uuid(),
      }),
      { description: 'newest first' },
    ),
  },
  { description: 'recent PRs' },
)

export const records = {
  path: '/users/:userId/records',
  params: UserParams,
  querystring: Type.Object({ exerciseId: Type.Optional(Uuid('only this exercise')) }),
  response: RecordsAnswer,
}

export const recentRecords = {
  path: '/users/:userId/records/recent',
  params: UserParams,
  querystring: Type.Object({
    days: Type.Integer({ minimum: 1, maximum: 3660, default: 30, description: 'how far back' }),
  }),
  response: RecentAnswer,
}
