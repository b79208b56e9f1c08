// An exercise as routes, views and the JSON API see it: plain data, mapped from the database row in
// exercises/repository.ts, so nothing past the repository depends on Prisma's models.
import type { categories, equipments } from './schemas.ts'

export type ExerciseCategory = (typeof categories)[number]
export type Equipment = (typeof equipments)[number]

export interface Exercise {
  id: string
  name: string
  category: ExerciseCategory
  muscleGroup: string
  equipment: Equipment
  isBodyweight: boolean
  /** In the built-in catalog (read-only); otherwise the lifter's own — nobody else's is ever returned. */
  builtIn: boolean
  archived: boolean
}

/** An exercise the lifter has logged sets with (progress pages' chooser). */
export interface LoggedExercise {
  id: string
  name: string
}

/** Which of the visible exercises to list. */
export interface ExerciseFilter {
  muscleGroup?: string
  equipment?: Equipment
  category?: ExerciseCategory
  /** Case-insensitive part of the name. */
  q?: string
  includeArchived?: boolean
}

/** One of the lifter's own exercises, to create. */
export interface NewExercise {
  name: string
  category: ExerciseCategory
  muscleGroup: string
  equipment: Equipment
  isBodyweight?: boolean
}

/** A rename and/or (un)archive of one of the lifter's own exercises. */
export interface ExerciseChange {
  name?: string
  archived?: boolean
}
