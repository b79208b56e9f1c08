// Routines as the JSON API answers them: target weights as typed, in each exercise's own unit.
import type { Routine } from './types.ts'

export function routineJson(routine: Routine) {
  return {
    id: routine.id,
    name: routine.name,
    updatedAt: routine.updatedAt.toISOString(),
    exercises: routine.exercises.map((e) => ({
      exerciseId: e.exercise.id,
      exerciseName: e.exercise.name,
      sets: e.sets,
      reps: e.reps,
      weight: e.weight === null ? null : Number(e.weight),
      unit: e.unit,
      restSeconds: e.restSeconds,
    })),
  }
}
