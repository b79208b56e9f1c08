// JSON API schemas for routines: they validate requests, shape responses and write /apidocs. Target reps
// and weight reuse SetBody's own schemas, so they are worded and bounded exactly like a logged set's.
import Type, { type Static } from 'typebox'
import { idParams } from '../id-params.ts'
import { withMessage } from '../validation.ts'
import { SetBody } from '../workouts/schemas.ts'
import { ROUTINE_LIMITS } from './limits.ts'

export const RoutineParams = idParams('routine id', '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b')
export const FromWorkoutParams = idParams(
  'a finished workout of yours',
  '0b9e3c5e-6f8a-4c1e-9d2b-4a7f1e2c3d4e',
)

const { exerciseId, reps, weight, unit } = SetBody.properties

export const RoutineExerciseBody = Type.Object(
  {
    exerciseId,
    sets: withMessage(
      Type.Integer({
        minimum: 1,
        maximum: ROUTINE_LIMITS.sets,
        description: 'target number of sets',
        examples: [3],
      }),
      `must be a whole number from 1 to ${ROUTINE_LIMITS.sets}`,
    ),
    reps: { ...reps, description: 'target reps per set', examples: [5] },
    weight: Type.Optional(
      Type.Union([weight, Type.Null()], {
        description:
          'target load in `unit`, kept exactly as typed; null or left out = use last time’s weight when started',
      }),
    ),
    unit,
    restSeconds: Type.Optional(
      withMessage(
        Type.Union([Type.Integer({ minimum: 0, maximum: ROUTINE_LIMITS.maxRestSeconds }), Type.Null()], {
          description: 'rest between sets, in seconds',
          examples: [120],
        }),
        `must be a whole number of seconds from 0 to ${ROUTINE_LIMITS.maxRestSeconds}`,
      ),
    ),
  },
  { additionalProperties: false, description: 'one exercise of the routine with its targets' },
)

export const RoutineBody = Type.Object(
  {
    name: withMessage(
      Type.String({ minLength: 1, maxLength: ROUTINE_LIMITS.nameLength, examples: ['Push day'] }),
      `give the routine a name of at most ${ROUTINE_LIMITS.nameLength} characters`,
    ),
    exercises: withMessage(
      Type.Array(RoutineExerciseBody, {
        minItems: 1,
        maxItems: ROUTINE_LIMITS.exercises,
        description: 'in the order they are done',
      }),
      `add from 1 to ${ROUTINE_LIMITS.exercises} exercises`,
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Push day',
        exercises: [{ exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d', sets: 3, reps: 5, weight: 100 }],
      },
    ],
  },
)
export type RoutineBody = Static<typeof RoutineBody>

export const FromWorkoutBody = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        maxLength: ROUTINE_LIMITS.nameLength,
        description: 'default the workout’s title, else "Workout <date>"',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ name: 'Push day' }] },
)

const Unit = Type.Union([Type.Literal('kg'), Type.Literal('lb')])

export const RoutineOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    exercises: Type.Array(
      Type.Object({
        exerciseId: Type.String({ format: 'uuid' }),
        exerciseName: Type.String({ examples: ['Bench Press'] }),
        sets: Type.Integer(),
        reps: Type.Integer(),
        weight: Type.Union([Type.Number(), Type.Null()], { description: 'exactly as typed, in `unit`' }),
        unit: Unit,
        restSeconds: Type.Union([Type.Integer(), Type.Null()]),
      }),
    ),
  },
  { description: 'a routine: exercises in order with their targets' },
)

export const RoutineListOut = Type.Object({ routines: Type.Array(RoutineOut) })
