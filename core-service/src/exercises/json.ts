// How an exercise is shown in the JSON API (pages label it through i18n/exercise-names.ts).
import type { Exercise } from './types.ts'

export function exerciseJson(exercise: Exercise) {
  return {
    id: exercise.id,
    name: exercise.name,
    category: exercise.category,
    muscleGroup: exercise.muscleGroup,
    equipment: exercise.equipment,
    isBodyweight: exercise.isBodyweight,
    builtIn: exercise.builtIn,
    archived: exercise.archived,
  }
}
