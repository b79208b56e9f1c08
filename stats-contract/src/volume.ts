// GET /v1/users/:userId/volume
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, RangeFields, UserParams, Uuid } from './common.ts'

export const BUCKETS = ['day', 'week', 'month'] as const

const VolumeQuery = Type.Object({
  bucket: Type.Enum(BUCKETS, { default: 'week', description: 'day, ISO week (Monday first) or month' }),
  ...RangeFields,
  exerciseId: Type.Optional(Uuid('only this exercise')),
  muscleGroup: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 40,
      // No control characters: no muscle group has one, and a request carrying one is not a healthy call.
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
      description: 'only exercises of this muscle group (case-insensitive)',
    }),
  ),
})

const VolumeAnswer = Type.Object(
  {
    ...LifterFields,
    bucket: Type.Enum(BUCKETS),
    from: LocalDate('start of the first bucket (the requested from, moved back to its bucket’s start)'),
    to: LocalDate('last day counted'),
    series: Type.Array(
      Type.Object({
        start: LocalDate('first day of the bucket: the day, the Monday, or the 1st'),
        workouts: Count('workouts (with a working set of the exercise/muscle group, when filtered)'),
        sets: Count('working sets'),
        reps: Count(),
        volumeKg: Kg('Σ reps × weight'),
      }),
      { description: 'every bucket from `from` to `to`, ascending, zeros included' },
    ),
  },
  { description: 'a continuous series' },
)

export const volume = {
  path: '/users/:userId/volume',
  params: UserParams,
  querystring: VolumeQuery,
  response: VolumeAnswer,
}
