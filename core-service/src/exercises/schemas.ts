// JSON API schemas for exercises: they validate requests, shape responses and write /apidocs.
import Type, { type Static } from 'typebox'
import { idParams } from '../id-params.ts'
import { withMessage } from '../validation.ts'

export const categories = [
  'chest',
  'back',
  'shoulders',
  'arms',
  'legs',
  'core',
  'full_body',
  'cardio',
] as const
export const equipments = [
  'barbell',
  'dumbbell',
  'machine',
  'cable',
  'bodyweight',
  'kettlebell',
  'band',
  'other',
] as const

export const Category = withMessage(
  Type.Enum([...categories], { description: 'body region', examples: ['legs'] }),
  'choose a body region',
)
export const EquipmentType = withMessage(
  Type.Enum([...equipments], { description: 'equipment used', examples: ['barbell'] }),
  'choose the equipment',
)
export const ExerciseName = withMessage(
  Type.String({
    minLength: 1,
    maxLength: 80,
    pattern: '\\S',
    description: '1–80 characters; unique among the built-in catalog and your exercises, ignoring case',
    examples: ['Zercher Squat'],
  }),
  { maxLength: 'use at most 80 characters', '*': 'enter a name' },
)
export const MuscleGroup = withMessage(
  Type.String({
    minLength: 1,
    maxLength: 40,
    pattern: '\\S',
    description: 'main muscle group, e.g. chest, quadriceps, lats',
    examples: ['quadriceps'],
  }),
  { maxLength: 'use at most 40 characters', '*': 'enter the main muscle group' },
)

export const ExerciseParams = idParams('exercise id', '5d3c1a2b-0e4f-4a6b-8c7d-9e0f1a2b3c4d')
export type ExerciseParams = Static<typeof ExerciseParams>

export const ExerciseQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 80,
      description: 'part of the name; case, spaces and punctuation ignored (pullup finds Pull-Up)',
      examples: ['press'],
    }),
  ),
  muscleGroup: Type.Optional(Type.String({ maxLength: 40, examples: ['chest'] })),
  equipment: Type.Optional(EquipmentType),
  category: Type.Optional(Category),
  includeArchived: Type.Boolean({ default: false, description: 'also list your archived exercises' }),
})
export type ExerciseQuery = Static<typeof ExerciseQuery>

export const CreateExerciseBody = Type.Object(
  {
    name: ExerciseName,
    category: Category,
    muscleGroup: MuscleGroup,
    equipment: EquipmentType,
    isBodyweight: Type.Optional(
      Type.Boolean({
        description: 'sets may have weight 0 (added load otherwise); default: equipment is bodyweight',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'Zercher Squat', category: 'legs', muscleGroup: 'quadriceps', equipment: 'barbell' }],
  },
)
export type CreateExerciseBody = Static<typeof CreateExerciseBody>

export const UpdateExerciseBody = Type.Object(
  {
    name: Type.Optional(ExerciseName),
    archived: Type.Optional(
      Type.Boolean({ description: 'archived exercises keep their history but leave the pickers' }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ name: 'Zercher Squat (paused)' }, { archived: true }],
  },
)
export type UpdateExerciseBody = Static<typeof UpdateExerciseBody>

export const ExerciseOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ examples: ['Bench Press'] }),
  category: Category,
  muscleGroup: Type.String({ examples: ['chest'] }),
  equipment: EquipmentType,
  isBodyweight: Type.Boolean(),
  builtIn: Type.Boolean({ description: 'part of the shared catalog (read-only)' }),
  archived: Type.Boolean(),
})

export const ExerciseList = Type.Object({ items: Type.Array(ExerciseOut, { description: 'sorted by name' }) })
