// JSON API schemas for body weight: they validate requests, shape responses and write /apidocs.
import Type, { type Static } from 'typebox'
import { LIMITS, weightLimits } from './input.ts'

const Unit = (description: string) => Type.Union([Type.Literal('kg'), Type.Literal('lb')], { description })
const LB = weightLimits('lb')

export const BodyWeightParams = Type.Object({
  date: Type.String({
    format: 'date',
    description: 'your local date of the entry (YYYY-MM-DD); not after your today',
    examples: ['2026-12-07'],
  }),
})
export type BodyWeightParams = Static<typeof BodyWeightParams>

export const BodyWeightBody = Type.Object(
  {
    weight: Type.Number({
      // The schema's bounds are the widest (lb); the kilogram limits are checked in your unit (input.ts).
      minimum: LIMITS.minKg,
      maximum: LB.max,
      description: `your body weight in your profile unit, at most two decimals, kept exactly as typed (179.4 lb reads back as 179.4 lb); ${LIMITS.minKg}–${LIMITS.maxKg} kg (${LB.min}–${LB.max} lb)`,
      examples: [81.35],
    }),
    note: Type.Optional(
      Type.Union([Type.String({ maxLength: LIMITS.noteLength }), Type.Null()], {
        description: `optional note, at most ${LIMITS.noteLength} characters; blank or null = none`,
        examples: ['after breakfast'],
      }),
    ),
  },
  { additionalProperties: false, description: 'the entry of that date (replaces any entry already there)' },
)
export type BodyWeightBody = Static<typeof BodyWeightBody>

export const BodyWeightListQuery = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date', description: 'first local date included', examples: ['2026-01-01'] }),
  ),
  to: Type.Optional(
    Type.String({ format: 'date', description: 'last local date included', examples: ['2026-12-31'] }),
  ),
})
export type BodyWeightListQuery = Static<typeof BodyWeightListQuery>

export const BodyWeightOut = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'your local date', examples: ['2026-12-07'] }),
    weight: Type.Number({
      description: 'in your unit: exactly as typed when typed in it, else converted to 0.01',
      examples: [81.35],
    }),
    loggedWeight: Type.Number({ description: 'exactly as typed, in `loggedUnit`', examples: [81.35] }),
    loggedUnit: Unit('the unit it was typed in'),
    weightKg: Type.Number({
      description: 'exact kilograms of the typed weight (179.4 lb → 81.374471178)',
      examples: [81.35],
    }),
    note: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'one body-weight entry' },
)

export const BodyWeightList = Type.Object({
  unit: Unit('unit of every `weight` in this answer (your profile unit)'),
  items: Type.Array(BodyWeightOut, { description: 'newest first' }),
})

/** The page form as posted: strings, checked by input.ts with messages for people. */
export const BodyWeightForm = Type.Object({
  date: Type.Optional(Type.String({ maxLength: 100 })),
  weight: Type.Optional(Type.String({ maxLength: 100 })),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
  _csrf: Type.Optional(Type.String()),
})
export type BodyWeightForm = Static<typeof BodyWeightForm>
