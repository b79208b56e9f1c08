// JSON API schemas for workouts: they validate requests, shape responses and write /apidocs.
import Type, { type Static } from 'typebox'
import { idParams } from '../id-params.ts'
import { MAX_WEIGHT_KG, MAX_WEIGHT_LB } from '../units.ts'
import { withMessage } from '../validation.ts'
import { LIMITS, UNKNOWN_EXERCISE } from './input.ts'

export const WorkoutParams = idParams('workout id', '0b9e3c5e-6f8a-4c1e-9d2b-4a7f1e2c3d4e')
export type WorkoutParams = Static<typeof WorkoutParams>

export const SetBody = Type.Object(
  {
    exerciseId: withMessage(
      Type.String({
        format: 'uuid',
        description: 'a built-in exercise or one of your own (GET /api/v1/exercises)',
        examples: ['5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d'],
      }),
      { required: 'choose an exercise', '*': UNKNOWN_EXERCISE },
    ),
    reps: withMessage(
      Type.Integer({
        minimum: 0,
        maximum: LIMITS.maxReps,
        description: 'repetitions (0 = a missed attempt)',
        examples: [5],
      }),
      `must be a whole number from 0 to ${LIMITS.maxReps}`,
    ),
    weight: withMessage(
      Type.Number({
        minimum: 0,
        maximum: MAX_WEIGHT_LB,
        description: `load in \`unit\` (default your unit), at most two decimals, kept exactly as typed (185 lb reads back as 185 lb); for bodyweight exercises the added load only, 0 = bodyweight alone; at most ${MAX_WEIGHT_KG} kg`,
        examples: [100],
      }),
      `must be a number from 0 to ${MAX_WEIGHT_KG} kg (${MAX_WEIGHT_LB} lb)`,
    ),
    unit: Type.Optional(
      withMessage(
        Type.Union([Type.Literal('kg'), Type.Literal('lb')], {
          description: 'the unit `weight` is typed in; default your profile unit',
          examples: ['kg'],
        }),
        'unit must be kg or lb',
      ),
    ),
    rpe: Type.Optional(
      withMessage(
        Type.Union(
          [Type.Number({ minimum: LIMITS.minRpe, maximum: LIMITS.maxRpe, multipleOf: 0.5 }), Type.Null()],
          {
            description: 'rate of perceived exertion, 6 to 10 in steps of 0.5',
            examples: [8.5],
          },
        ),
        `must be ${LIMITS.minRpe} to ${LIMITS.maxRpe} in steps of 0.5`,
      ),
    ),
    isWarmup: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'warm-up sets are shown but count towards no volume, record, PR or workout total',
      }),
    ),
  },
  { additionalProperties: false, description: 'one set' },
)

export const WorkoutBody = Type.Object(
  {
    startedAt: Type.Optional(
      withMessage(
        Type.String({
          format: 'date-time',
          description:
            'when the workout started, with an offset (default now); not later than the end of your today',
          examples: ['2026-11-23T18:30:00+01:00'],
        }),
        'is not a valid date and time',
      ),
    ),
    title: Type.Optional(
      withMessage(
        Type.Union([Type.String({ maxLength: LIMITS.titleLength }), Type.Null()], { examples: ['Push day'] }),
        `must be at most ${LIMITS.titleLength} characters`,
      ),
    ),
    notes: Type.Optional(
      withMessage(
        Type.Union([Type.String({ maxLength: LIMITS.notesLength }), Type.Null()], {
          examples: ['Felt strong; bar speed good.'],
        }),
        `must be at most ${LIMITS.notesLength} characters`,
      ),
    ),
    sets: withMessage(
      Type.Array(SetBody, {
        minItems: 1,
        maxItems: LIMITS.maxSets,
        description: 'the sets in the order they were done',
      }),
      { minItems: 'add at least one set', maxItems: `at most ${LIMITS.maxSets} sets per workout` },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        startedAt: '2026-11-23T18:30:00+01:00',
        title: 'Push day',
        sets: [
          { exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d', reps: 5, weight: 60, isWarmup: true },
          { exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d', reps: 5, weight: 100, rpe: 8 },
        ],
      },
    ],
  },
)
export type WorkoutBody = Static<typeof WorkoutBody>

export const SetOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer({ description: '0-based order within the workout' }),
  exerciseId: Type.String({ format: 'uuid' }),
  exerciseName: Type.String({ examples: ['Bench Press'] }),
  reps: Type.Integer({ examples: [5] }),
  weight: Type.Number({
    description: 'in your unit: exactly as typed when typed in it, else converted to 0.01',
    examples: [100],
  }),
  loggedWeight: Type.Number({ description: 'the weight exactly as typed, in `loggedUnit`', examples: [100] }),
  loggedUnit: Type.Union([Type.Literal('kg'), Type.Literal('lb')], {
    description: 'the unit the weight was typed in',
    examples: ['kg'],
  }),
  weightKg: Type.Number({
    description: 'exact kilograms of the typed weight (185 lb → 83.91458845), used for all arithmetic',
    examples: [100],
  }),
  rpe: Type.Union([Type.Number(), Type.Null()], { examples: [8] }),
  isWarmup: Type.Boolean(),
})

const common = {
  id: Type.String({ format: 'uuid' }),
  startedAt: Type.String({ format: 'date-time', examples: ['2026-11-23T17:30:00.000Z'] }),
  localDate: Type.String({
    format: 'date',
    description: 'your calendar date of the start, in your time zone',
    examples: ['2026-11-23'],
  }),
  title: Type.Union([Type.String(), Type.Null()]),
  inProgress: Type.Boolean({
    description: 'a live workout still in progress (change it through /api/v1/live-workouts)',
  }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description:
      'when a live workout was finished; null while in progress and for workouts logged afterwards',
  }),
  unit: Type.Union([Type.Literal('kg'), Type.Literal('lb')], {
    description: 'unit of every weight in this answer',
  }),
  volume: Type.Number({
    description:
      'Σ reps × weight over working (non-warm-up) sets, in your unit, rounded half-up to whole units (see /how-liftlog-counts)',
    examples: [4500],
  }),
}

export const WorkoutOut = Type.Object(
  {
    ...common,
    notes: Type.Union([Type.String(), Type.Null()]),
    sets: Type.Array(SetOut),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'a workout with its sets (set ids change whenever the workout is replaced)' },
)

export const WorkoutSummaryOut = Type.Object({
  ...common,
  setCount: Type.Integer({ examples: [12] }),
  exercises: Type.Array(Type.String(), {
    description: 'exercise names in order of first use',
    examples: [['Bench Press', 'Pull-Up']],
  }),
})

export const WorkoutListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: '1-based page number' }),
  perPage: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'workouts per page' }),
  date: Type.Optional(
    Type.String({
      format: 'date',
      description: 'only workouts on this local date',
      examples: ['2026-11-23'],
    }),
  ),
})
export type WorkoutListQuery = Static<typeof WorkoutListQuery>

export const WorkoutList = Type.Object({
  items: Type.Array(WorkoutSummaryOut, { description: 'newest first' }),
  page: Type.Integer(),
  perPage: Type.Integer(),
  total: Type.Integer({ description: 'workouts matching, over all pages' }),
  pages: Type.Integer(),
})
