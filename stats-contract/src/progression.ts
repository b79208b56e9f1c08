// GET /v1/users/:userId/exercises/:exerciseId/progression
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, Nullable, Uuid } from './common.ts'

export const FORMULAS = ['epley', 'brzycki'] as const
/** Brzycki divides by 37 − r, so the cap stays well below 37. */
export const MAX_REP_CAP = 30

const ProgressionParams = Type.Object({
  userId: Uuid('the lifter, as authenticated by core-service'),
  exerciseId: Uuid('a built-in exercise or one of the lifter’s own'),
})

const ProgressionQuery = Type.Object({
  formula: Type.Enum(FORMULAS, {
    default: 'epley',
    description: 'epley w·(1+r/30) or brzycki w·36/(37−r); 1 rep = the weight',
  }),
  repCap: Type.Integer({
    minimum: 1,
    maximum: MAX_REP_CAP,
    default: 12,
    description: 'sets with more reps are ignored for the estimate',
  }),
  from: Type.Optional(LocalDate('first day; default the first session')),
  to: Type.Optional(LocalDate('last day; default the last session')),
})

const ProgressionAnswer = Type.Object(
  {
    ...LifterFields,
    exercise: Type.Object({ id: Uuid(), name: Type.String(), isBodyweight: Type.Boolean() }),
    formula: Type.Enum(FORMULAS),
    repCap: Count(),
    metric: Type.Enum(['weight', 'reps'], {
      description: '"reps" for bodyweight exercises: chart bestReps rather than e1rmKg',
    }),
    sessions: Type.Array(
      Type.Object({
        workoutId: Uuid(),
        date: LocalDate('the workout’s date'),
        e1rmKg: Nullable(
          Kg(
            'best estimated one-rep max over working sets with 1 ≤ reps ≤ repCap and weight > 0; null if none',
          ),
        ),
        heaviestKg: Kg('heaviest working set'),
        bestReps: Count('most reps in one working set'),
        volumeKg: Kg('Σ reps × weight'),
        sets: Count('working sets'),
      }),
      { description: 'one entry per workout with a working set of this exercise, ascending by start time' },
    ),
  },
  { description: 'the sessions' },
)

export const progression = {
  path: '/users/:userId/exercises/:exerciseId/progression',
  params: ProgressionParams,
  querystring: ProgressionQuery,
  response: ProgressionAnswer,
}
