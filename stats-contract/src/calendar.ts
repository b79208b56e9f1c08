// GET /v1/users/:userId/calendar
import Type from 'typebox'
import { Count, Kg, LifterFields, LocalDate, UserParams } from './common.ts'

const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$'

const CalendarAnswer = Type.Object(
  {
    ...LifterFields,
    month: Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' }),
    days: Type.Array(
      Type.Object({
        date: LocalDate('the day'),
        workouts: Count(),
        sets: Count('working sets'),
        volumeKg: Kg('Σ reps × weight'),
      }),
      { description: 'only days with a workout, ascending' },
    ),
  },
  { description: 'the month’s training days' },
)

export const calendar = {
  path: '/users/:userId/calendar',
  params: UserParams,
  querystring: Type.Object({
    month: Type.Optional(
      Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM; default the lifter’s current month' }),
    ),
  }),
  response: CalendarAnswer,
}
