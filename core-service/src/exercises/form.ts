// The exercise pages' forms mapped to the API's bodies (CreateExerciseBody, UpdateExerciseBody): one step
// from the strings a form posts to what the API takes, which the same schemas then check.
import type { CreateExerciseBody, UpdateExerciseBody } from './schemas.ts'

export type ExerciseFormValues = Readonly<Record<string, string | undefined>>

/** The create form as the API's body; a ticked "bodyweight" box says so, else the API's default. */
export function createBody(values: ExerciseFormValues): CreateExerciseBody {
  return {
    name: values.name?.trim() ?? '',
    category: (values.category ?? '') as CreateExerciseBody['category'],
    muscleGroup: values.muscleGroup?.trim() ?? '',
    equipment: (values.equipment ?? '') as CreateExerciseBody['equipment'],
    ...(values.isBodyweight === 'on' ? { isBodyweight: true } : {}),
  }
}

/** The rename form as the API's change. */
export function renameBody(values: ExerciseFormValues): UpdateExerciseBody {
  return { name: values.name?.trim() ?? '' }
}

/** The archive / restore buttons as the API's change. */
export function archiveBody(values: ExerciseFormValues): UpdateExerciseBody {
  return { archived: values.archived !== 'false' }
}
