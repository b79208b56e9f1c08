// GET /v1/users/:userId/summary
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, Nullable, UserParams } from './common.ts'

const Period = Type.Object(
  {
    start: LocalDate('first day'),
    end: LocalDate('last day'),
    workouts: Count(),
    sets: Count('working sets'),
    reps: Count(),
    volumeKg: Kg('Σ reps × weight'),
  },
  { description: 'one ISO week (Monday–Sunday) or calendar month in the lifter’s zone' },
)

const SummaryAnswer = Type.Object(
  {
    ...LifterFields,
    totals: Type.Object({
      workouts: Count(),
      sets: Count('working sets'),
      reps: Count(),
      volumeKg: Kg('Σ reps × weight over all working sets'),
      volume: Type.Number({ description: 'the same volume in the lifter’s unit (kg or lb, 2 decimals)' }),
    }),
    thisWeek: Period,
    lastWeek: Period,
    thisMonth: Period,
    lastMonth: Period,
    streaks: Type.Object(
      {
        currentWeeks: Count(
          'run of consecutive ISO weeks with a workout, ending this week (if it has one) or last week',
        ),
        longestWeeks: Count('longest such run ever'),
      },
      { description: 'weekly streaks; workouts dated after today are ignored' },
    ),
    firstWorkoutDate: Nullable(LocalDate('first workout')),
    lastWorkoutDate: Nullable(LocalDate('last workout')),
  },
  { description: 'the lifter’s summary (zeros for an unknown lifter)' },
)

export const summary = {
  path: '/users/:userId/summary',
  params: UserParams,
  querystring: Type.Object({}),
  response: SummaryAnswer,
}
