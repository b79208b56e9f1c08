// A workout and its sets as routes, views and the JSON API see them: plain data, mapped from the database
// rows in workouts/repository.ts. Exact decimals (kilograms, RPE) are decimal strings, never floats: a
// weight reads back exactly as typed (units.ts does the arithmetic on them exactly).
import type { Equipment } from '../exercises/types.ts'
import type { WeightUnit } from '../units.ts'

/** The exercise a set was logged with, as much of it as a workout page needs. */
export interface SetExercise {
  id: string
  name: string
  isBodyweight: boolean
  equipment: Equipment
  builtIn: boolean
  archived: boolean
}

export interface WorkoutSet {
  id: string
  /** 0-based order within the workout. */
  position: number
  exerciseId: string
  exercise: SetExercise
  reps: number
  /** Exact kilograms as a decimal string, e.g. "83.91458845" (185 lb). */
  weightKg: string
  /** The unit the weight was typed in: weightKg in it is the typed value, exactly. */
  weightUnit: WeightUnit
  /** e.g. "8.5", or null. */
  rpe: string | null
  isWarmup: boolean
}

export interface Workout {
  id: string
  startedAt: Date
  /** The lifter's local date when it was logged, "2026-11-23". */
  localDate: string
  /** The zone it was logged in (null for workouts from before zones were kept). */
  timeZone: string | null
  title: string | null
  notes: string | null
  /** When a live workout was finished; null while live and for workouts logged with the form. */
  endedAt: Date | null
  /** In progress: its sets are ticked one by one on /workouts/live (workouts/live.ts), not replaced. */
  live: boolean
  sets: WorkoutSet[]
  createdAt: Date
  updatedAt: Date
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  perPage: number
  pages: number
}
