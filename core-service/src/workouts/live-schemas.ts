// JSON API schemas for live workouts: they validate requests, shape responses and write /apidocs. The set
// fields reuse SetBody's own schemas (schemas.ts), so a row's reps and weight are worded and bounded
// exactly like any logged set's.
import Type, { type Static } from 'typebox'
import { LIMITS } from './input.ts'
import { SetBody } from './schemas.ts'

const uuid = (description: string) =>
  Type.String({ format: 'uuid', description, examples: ['0b9e3c5e-6f8a-4c1e-9d2b-4a7f1e2c3d4e'] })

export const LiveParams = Type.Object({ id: uuid('the live workout (GET /api/v1/live-workouts/current)') })
export const LiveEntryParams = Type.Object({
  id: uuid('the live workout'),
  entryId: uuid('an exercise of that workout (`entries[].id`)'),
})
export const LiveRowParams = Type.Object({
  id: uuid('the live workout'),
  rowId: uuid('a row of that workout (`entries[].rows[].id`)'),
})

const { reps, weight, unit } = SetBody.properties

export const AddExerciseBody = Type.Object(
  {
    exerciseId: SetBody.properties.exerciseId,
    copyLast: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'start with last time’s sets of this exercise as planned rows (else three empty rows)',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d' }] },
)

export const AddRowBody = Type.Object(
  { reps: Type.Optional(reps), weight: Type.Optional(weight), unit },
  {
    additionalProperties: false,
    description: 'values for the new planned row; anything left out is copied from the exercise’s last row',
    examples: [{}],
  },
)

export const RowChangeBody = Type.Object(
  {
    reps: Type.Optional(reps),
    weight: Type.Optional(weight),
    unit,
    done: Type.Optional(
      Type.Boolean({
        description:
          'true ticks the row: its set is saved now (weight rules as for any set). A planned row’s empty reps and weight are taken from the previous row (the nearest earlier one with reps); with no reps typed and none to take, it is refused (409) and nothing is saved. false unticks it: the set is deleted, the typed values stay as a planned row',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ reps: 5, weight: 100, done: true }] },
)
export type RowChangeBody = Static<typeof RowChangeBody>

export const FinishBody = Type.Object(
  {
    title: Type.Optional(
      Type.Union([Type.String({ maxLength: LIMITS.titleLength }), Type.Null()], { examples: ['Push day'] }),
    ),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.notesLength }), Type.Null()])),
  },
  { additionalProperties: false, examples: [{ title: 'Push day' }] },
)

const Unit = Type.Union([Type.Literal('kg'), Type.Literal('lb')])

export const LiveRowOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reps: Type.Union([Type.Integer(), Type.Null()], { description: 'null until typed' }),
  weight: Type.Union([Type.Number(), Type.Null()], {
    description: 'exactly as typed, in `unit`; null until typed',
    examples: [102.5],
  }),
  unit: Unit,
  done: Type.Boolean({ description: 'ticked: saved as a set of the workout' }),
  setId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'the saved set (GET /api/v1/workouts/{id}) while ticked',
  }),
})

export const LiveWorkoutOut = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    startedAt: Type.String({ format: 'date-time' }),
    localDate: Type.String({ format: 'date' }),
    doneCount: Type.Integer({ description: 'rows ticked so far' }),
    entries: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        exerciseId: Type.String({ format: 'uuid' }),
        exerciseName: Type.String({ examples: ['Bench Press'] }),
        rows: Type.Array(LiveRowOut),
        last: Type.Union(
          [
            Type.Object({
              localDate: Type.String({ format: 'date' }),
              summary: Type.String({ examples: ['3 × 5 @ 100 kg'] }),
              sets: Type.Array(Type.Object({ reps: Type.Integer(), weight: Type.Number(), unit: Unit })),
            }),
            Type.Null(),
          ],
          { description: 'this exercise’s working sets in your most recent other workout with it' },
        ),
      }),
      { description: 'exercises in the order they were added' },
    ),
  },
  { description: 'your workout in progress: planned rows and ticked sets' },
)

export const FinishedOut = Type.Object({
  id: Type.String({ format: 'uuid', description: 'the workout, now finished (GET /api/v1/workouts/{id})' }),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.String({ format: 'date-time' }),
  durationSeconds: Type.Integer({ examples: [3120] }),
})
