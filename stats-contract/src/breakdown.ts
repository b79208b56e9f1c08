// GET /v1/users/:userId/breakdown
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, RangeFields, UserParams, Uuid } from './common.ts'

const BreakdownAnswer = Type.Object(
  {
    ...LifterFields,
    from: LocalDate('first day counted'),
    to: LocalDate('last day counted'),
    exercises: Type.Array(
      Type.Object({
        exerciseId: Uuid(),
        name: Type.String(),
        muscleGroup: Type.String(),
        sets: Count('working sets'),
        volumeKg: Kg('Σ reps × weight'),
      }),
      { description: 'exercises trained in the range, by volume (then sets) descending' },
    ),
    muscleGroups: Type.Array(
      Type.Object({ muscleGroup: Type.String(), sets: Count(), volumeKg: Kg('Σ reps × weight') }),
      { description: 'the same per muscle group, by volume descending' },
    ),
  },
  { description: 'the breakdown' },
)

export const breakdown = {
  path: '/users/:userId/breakdown',
  params: UserParams,
  querystring: Type.Object(RangeFields),
  response: BreakdownAnswer,
}
