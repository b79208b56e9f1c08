// The import plan: what a CSV export holds, as plain JSON-safe data, before anything is written.
import type { WeightUnit } from '../units.ts'
import type { ImportMessage } from './messages.ts'

export type ImportFormat = 'strong' | 'hevy' | 'fitnotes' | 'liftlog'
export const IMPORT_FORMATS: readonly ImportFormat[] = ['strong', 'hevy', 'fitnotes', 'liftlog']

export type DistanceUnit = 'm' | 'km' | 'mi' | 'ft' | 'yd'

export interface PlannedSet {
  /** 1-based line of the row in the file. */
  line: number
  /** The exercise name exactly as the file writes it. */
  exercise: string
  /** What the set measures: reps (with or without load), a duration only, or a distance. */
  kind: 'reps' | 'duration' | 'distance'
  reps: number | null
  /** The weight as an exact decimal string in `unit` (never a float); null when the row has none. */
  weight: string | null
  unit: WeightUnit | null
  durationSeconds: number | null
  distance: { value: string; unit: DistanceUnit | null } | null
  warmup: boolean
  dropSet: boolean
  failure: boolean
  /** RPE as a decimal string, only when LiftLog can keep it (6–10 in steps of 0.5). */
  rpe: string | null
  note: string | null
}

export interface PlannedWorkout {
  line: number
  /** The start instant, ISO 8601 in UTC. */
  start: string
  /** Whether the file gave a time of day (FitNotes gives dates only: read as 12:00 local). */
  timeKnown: boolean
  /** The local date the file itself states (LiftLog's export); otherwise computed, see local-dates.ts. */
  localDate: string | null
  end: string | null
  durationSeconds: number | null
  name: string | null
  note: string | null
  sets: PlannedSet[]
}

export interface RowProblem {
  line: number
  /** Why, as a message the API words in English and pages in the lifter's language (messages.ts). */
  reason: ImportMessage
}

export interface FileExercise {
  name: string
  sets: number
  firstLine: number
  /** What the file says about the exercise (FitNotes' Category, LiftLog's muscle group and equipment). */
  hint: { category?: string; muscleGroup?: string; equipment?: string }
}

export interface ImportPlan {
  format: ImportFormat | null
  /** The format the header looked like, whatever the lifter chose. */
  detected: ImportFormat | null
  /** Why the whole file can't be read (empty, binary, wrong header, broken quoting); null when it can. */
  fileProblem: ImportMessage | null
  workouts: PlannedWorkout[]
  exercises: FileExercise[]
  counts: {
    rows: number
    workouts: number
    sets: number
    /** Sets LiftLog has no columns for (time- or distance-only: planks, runs). */
    withoutReps: number
    firstStart: string | null
    lastStart: string | null
  }
  /** Rows that can't be read: line number and a human reason. Capped at MAX_PROBLEMS; see `moreProblems`. */
  problems: RowProblem[]
  moreProblems: number
  /** Rows read with a change the lifter should know about (an RPE LiftLog can't keep, a rounded weight). */
  warnings: RowProblem[]
  /** Readings that apply to the whole file, e.g. "weights read in kg: the file does not say". */
  assumptions: ImportMessage[]
}

/** What a lifter-independent format reader needs to know about the lifter. */
export interface ReadContext {
  zone: string
  unit: WeightUnit
  delimiter: string
}

/** One row read by a format reader. */
export type RowResult =
  | {
      kind: 'set'
      workoutKey: string
      workout: Omit<PlannedWorkout, 'sets' | 'line'>
      set: PlannedSet
      hint?: FileExercise['hint']
      warnings?: ImportMessage[]
    }
  | { kind: 'note'; workoutKey: string; workout: Omit<PlannedWorkout, 'sets' | 'line'>; text: string }
  | { kind: 'skip' }
  | { kind: 'problem'; reason: ImportMessage }

export interface FormatReader {
  /** Columns (normalized, see detect.ts) the format can't be read without. */
  required: readonly string[]
  read(row: Record<string, string>, line: number): RowResult
  assumptions(): ImportMessage[]
}
