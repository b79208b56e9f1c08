// A live (in-progress) workout as routes, views and the JSON API see it: the workout's exercises in the
// order they were added, each with its rows — planned (typed, not yet done) or ticked (a real set). Plain
// data mapped in workouts/live.ts; weights are decimal strings exactly as typed.
import type { WeightUnit } from '../units.ts'
import type { SetExercise } from './types.ts'

export interface LiveRow {
  id: string
  /** null until typed. */
  reps: number | null
  /** As typed in `unit`, e.g. "102.5"; null until typed. */
  weight: string | null
  unit: WeightUnit
  /** Ticked: the row is a saved set (setId is its workout_sets row). */
  done: boolean
  setId: string | null
}

/** What the exercise's most recent earlier session held: "last: 3 × 5 @ 100 kg, 28 Nov". */
export interface LastTime {
  workoutId: string
  localDate: string
  sets: { reps: number; weight: string; unit: WeightUnit }[]
}

export interface LiveEntry {
  id: string
  exercise: SetExercise
  rows: LiveRow[]
  last: LastTime | null
}

export interface LiveWorkout {
  id: string
  startedAt: Date
  localDate: string
  timeZone: string | null
  title: string | null
  entries: LiveEntry[]
  /** Ticked rows over all entries. */
  doneCount: number
}

/** A finished live workout: when it ended and how long it took. */
export interface FinishedWorkout {
  id: string
  startedAt: Date
  endedAt: Date
  durationSeconds: number
}
