// JSON API schemas for imports (/api/v1/imports): they validate requests, shape responses and write /apidocs.
import Type, { type Static } from 'typebox'
import { Category, EquipmentType, ExerciseName, MuscleGroup } from '../exercises/schemas.ts'
import { IMPORT_FORMATS } from './types.ts'

const Format = Type.Enum([...IMPORT_FORMATS], {
  description: 'the app the export came from',
  examples: ['strong'],
})

export const ImportParams = Type.Object({
  id: Type.String({
    format: 'uuid',
    description: 'import id (from POST /api/v1/imports)',
    examples: ['3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
  }),
})
export type ImportParams = Static<typeof ImportParams>

/**
 * The multipart body, for /apidocs. Fastify validates a multipart body as null (the file is read as a
 * stream by the handler, upload.ts), so the schema admits null; the handler checks the parts.
 */
export const UploadBody = {
  content: {
    'multipart/form-data': {
      schema: {
        type: ['object', 'null'],
        required: ['file'],
        properties: {
          format: {
            type: 'string',
            enum: ['auto', ...IMPORT_FORMATS],
            description:
              'the app the file comes from; default auto (told from the header). Send it before the file.',
          },
          file: {
            type: 'string',
            format: 'binary',
            description: 'the CSV export (UTF-8; comma, semicolon or tab separated), at most 25 MB',
          },
        },
      },
    },
  },
} as const

const Line = Type.Object({
  line: Type.Integer({ description: '1-based line in the file, as a text editor counts', examples: [14] }),
  reason: Type.String({ examples: ['reps "5.5" is not a whole number'] }),
})

const Suggestion = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('match'),
      exerciseId: Type.String({ format: 'uuid' }),
      exerciseName: Type.String({ examples: ['Bench Press'] }),
    }),
    Type.Object({
      kind: Type.Literal('custom'),
      name: Type.String({ examples: ['Zottman Curl'] }),
      category: Category,
      muscleGroup: Type.String({ examples: ['biceps'] }),
      equipment: EquipmentType,
    }),
  ],
  {
    description:
      'what the name becomes unless you choose otherwise: an exercise you may use (kind match), or a new custom exercise (kind custom)',
  },
)

export const ImportPreview = Type.Object({
  id: Type.String({ format: 'uuid', description: 'confirm with POST /api/v1/imports/{id}/confirm' }),
  format: Format,
  detected: Type.Union([Format, Type.Null()], { description: 'what the header looked like' }),
  expiresAt: Type.String({ format: 'date-time', description: 'the upload is forgotten after this' }),
  rows: Type.Integer({ description: 'data rows read (not counting the header)' }),
  workouts: Type.Integer({ description: 'workouts found' }),
  sets: Type.Integer({ description: 'sets found, including time- or distance-only ones' }),
  setsWithoutReps: Type.Integer({
    description:
      'time- or distance-only sets (planks, runs): LiftLog keeps reps and weight, so these are left out',
  }),
  from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'first workout start',
  }),
  to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'last workout start' }),
  unknownExercises: Type.Array(
    Type.Object({
      name: Type.String({ description: 'the name as the file writes it' }),
      sets: Type.Integer(),
      suggestion: Suggestion,
      alternatives: Type.Array(
        Type.Object({ exerciseId: Type.String({ format: 'uuid' }), exerciseName: Type.String() }),
        {
          description: 'other close matches',
        },
      ),
    }),
    {
      description:
        'names you have no exercise of exactly that name for; each needs the suggestion or your choice',
    },
  ),
  knownExercises: Type.Array(
    Type.Object({ name: Type.String(), exerciseId: Type.String({ format: 'uuid' }), sets: Type.Integer() }),
    { description: 'names that are exactly one of your exercises (or the catalog’s)' },
  ),
  unreadable: Type.Array(Line, { description: 'rows that can’t be read, and why (the first 500)' }),
  moreUnreadable: Type.Integer({ description: 'further problems and warnings not listed' }),
  warnings: Type.Array(Line, { description: 'rows read with a change, e.g. an RPE LiftLog can’t keep' }),
  assumptions: Type.Array(Type.String(), {
    description: 'readings for the whole file, e.g. the unit assumed',
  }),
})
export type ImportPreview = Static<typeof ImportPreview>

// One object with exactly one of the two keys (not a union), so a bad field gets a message naming it.
const Choice = Type.Object(
  {
    exerciseId: Type.Optional(
      Type.String({ format: 'uuid', description: 'a catalog exercise or one of yours' }),
    ),
    create: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(ExerciseName),
          muscleGroup: MuscleGroup,
          equipment: EquipmentType,
          category: Type.Optional(Category),
        },
        { additionalProperties: false, description: 'a custom exercise to create for the name' },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1, description: 'exerciseId or create' },
)

export const ConfirmBody = Type.Object(
  {
    choices: Type.Optional(
      Type.Record(Type.String(), Choice, {
        maxProperties: 2000,
        description:
          'by the file’s exercise name: the exercise to use, or a custom exercise to create (name defaults to the file’s, category to the muscle group’s). Names left out get their suggestion.',
        examples: [{ 'Zottman Curl': { exerciseId: '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d' } }],
      }),
    ),
  },
  { additionalProperties: false },
)
export type ConfirmBody = Static<typeof ConfirmBody>

export const ConfirmOut = Type.Object({
  imported: Type.Integer({ description: 'workouts written' }),
  sets: Type.Integer({ description: 'sets written' }),
  skipped: Type.Integer({
    description: 'workouts already in your log (same start second, same sets): not added again',
  }),
  exercisesCreated: Type.Integer(),
  setsWithoutReps: Type.Integer({ description: 'time- or distance-only sets left out' }),
  rejected: Type.Array(Line, {
    description: 'workouts LiftLog can’t take (e.g. starting after today), skipped whole',
  }),
})
export type ConfirmOut = Static<typeof ConfirmOut>
