// JSON API schema for the calendar month.
import Type, { type Static } from 'typebox'

export const MonthQuery = Type.Object({
  month: Type.Optional(
    Type.String({
      pattern: '^(19[7-9]\\d|2\\d{3})-(0[1-9]|1[0-2])$',
      description: 'YYYY-MM, 1970-01 to 2999-12; default: your current month',
      examples: ['2026-11'],
    }),
  ),
})
export type MonthQuery = Static<typeof MonthQuery>

export const MonthOut = Type.Object({
  month: Type.String({ examples: ['2026-11'] }),
  prev: Type.String({ examples: ['2026-10'] }),
  next: Type.String({ examples: ['2026-12'] }),
  today: Type.String({
    format: 'date',
    description: 'your date today, in your time zone',
    examples: ['2026-11-23'],
  }),
  days: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date', examples: ['2026-11-23'] }),
      workouts: Type.Integer({ description: 'workouts started on this local date', examples: [1] }),
    }),
    { description: 'every day of the month, in order' },
  ),
})
