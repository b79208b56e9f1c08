// Typebox schemas shared by the /v1 routes: they validate input, serialise output and write /apidocs.
import Type, { type TSchema } from 'typebox'

export const LocalDate = (description: string) =>
  Type.String({
    format: 'date',
    description: `${description} (YYYY-MM-DD, the lifter's local calendar date)`,
  })

export const Kg = (description: string) =>
  Type.Number({ description: `${description}, kilograms (2 decimals)` })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const UserParams = Type.Object({
  userId: Type.String({ format: 'uuid', description: 'the lifter, as authenticated by core-service' }),
})

export const RangeQuery = {
  from: Type.Optional(LocalDate('first day counted; default 12 months before today')),
  to: Type.Optional(LocalDate('last day counted; default today')),
  range: Type.Optional(
    Type.Enum(['all'], {
      description: '"all": from the first workout to today (cannot be combined with from/to)',
    }),
  ),
}

/** Fields every per-user answer carries. */
export const LifterFields = {
  userId: Type.String({ format: 'uuid' }),
  timeZone: Type.String({ description: "the lifter's IANA zone (UTC for an unknown lifter)" }),
  unit: Type.Enum(['kg', 'lb'], {
    description: 'the unit core should display; every ...Kg field stays in kg',
  }),
  generatedAt: Type.String({
    format: 'date-time',
    description: 'when these numbers were computed (cached answers keep it)',
  }),
}

export const ErrorRef = Type.Ref('ErrorResponse')

export const errorResponses = {
  400: { ...ErrorRef, description: 'a parameter is invalid; the message says which and why' },
  401: { ...ErrorRef, description: 'x-internal-token is missing or wrong' },
}

export const TAG_STATS = 'stats'

export const WORKING_SETS_NOTE =
  'Warm-up sets (is_warmup) count towards no set count, reps, volume, record or 1RM (a workout of warm-ups only still counts as a workout); 0-rep sets are missed attempts, never records. ' +
  'Dates are workouts.local_date — the local date fixed when the workout was logged, the same date core’s calendar shows — ' +
  'so a workout stays on its day even if the lifter later changes time zone; "today", "this week" and default ranges use the lifter’s current zone.'
