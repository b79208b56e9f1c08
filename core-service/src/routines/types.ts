// A routine as routes, views and the JSON API see it: plain data mapped in routines/repository.ts; target
// weights are decimal strings exactly as typed in their unit (null when the routine leaves it open).
import type { WeightUnit } from '../units.ts'
import type { SetExercise } from '../workouts/types.ts'

export interface RoutineExercise {
  exercise: SetExercise
  sets: number
  reps: number
  /** As typed in `unit`, e.g. "102.5"; null = take last time's weight when started. */
  weight: string | null
  unit: WeightUnit
  restSeconds: number | null
}

export interface Routine {
  id: string
  name: string
  exercises: RoutineExercise[]
  updatedAt: Date
}

/** What a create or replace carries (the API body and the form, once checked). */
export interface RoutineInput {
  name: string
  exercises: {
    exerciseId: string
    sets: number
    reps: number
    weight?: number | null
    unit?: WeightUnit
    restSeconds?: number | null
  }[]
}
