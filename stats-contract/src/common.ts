// Building blocks every stats endpoint's schemas share.
import Type, { type TSchema } from 'typebox'

export const LocalDate = (description: string) =>
  Type.String({
    format: 'date',
    description: `${description} (YYYY-MM-DD, the lifter's local calendar date)`,
  })

export const Kg = (description: string) =>
  Type.Number({ description: `${description}, kilograms (2 decimals)` })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Uuid = (description?: string) => Type.String({ format: 'uuid', description })

/** Working sets, reps and workouts are counts. */
export const Count = (description?: string) => Type.Integer({ minimum: 0, description })

export const UserParams = Type.Object({
  userId: Uuid('the lifter, as authenticated by core-service'),
})

/** The optional from/to/range filter of the range-based endpoints. */
export const RangeFields = {
  from: Type.Optional(LocalDate('first day counted; default 12 months before today')),
  to: Type.Optional(LocalDate('last day counted; default today')),
  range: Type.Optional(
    Type.Enum(['all'], {
      description: '"all": from the first workout to today (cannot be combined with from/to)',
    }),
  ),
}

/** Fields every per-lifter answer carries. */
export const LifterFields = {
  userId: Uuid(),
  timeZone: Type.String({ description: "the lifter's IANA zone (UTC for an unknown lifter)" }),
  unit: Type.Enum(['kg', 'lb'], {
    description: 'the unit core should display; every ...Kg field stays in kg',
  }),
  generatedAt: Type.String({
    format: 'date-time',
    description: 'when these numbers were computed (cached answers keep it)',
  }),
}

/** What every figure counts; both services put it in their /apidocs descriptions. */
export const WORKING_SETS_NOTE =
  'Warm-up sets (is_warmup) count towards no set count, reps, volume, record or 1RM (a workout of warm-ups only still counts as a workout); 0-rep sets are missed attempts, never records. ' +
  'Dates are workouts.local_date — the local date fixed when the workout was logged, the same date core’s calendar shows — ' +
  'so a workout stays on its day even if the lifter later changes time zone; "today", "this week" and default ranges use the lifter’s current zone.'
