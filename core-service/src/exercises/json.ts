// How an exercise is shown: its JSON shape (API and pages alike) and the labels pages put on it.
import type { Exercise } from './types.ts'

export const equipmentLabels: Record<string, string> = {
  barbell: 'Barbell',
  dumbbell: 'Dumbbell',
  machine: 'Machine',
  cable: 'Cable',
  bodyweight: 'Bodyweight',
  kettlebell: 'Kettlebell',
  band: 'Band',
  other: 'Other',
}

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
