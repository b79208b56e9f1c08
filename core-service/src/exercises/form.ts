// The exercise pages' create form: its values as posted, checked with messages for people, and turned
// into the input the repository takes (the same one the API gives it).
import type { FieldErrors } from '../forms.ts'
import { categories, equipments } from './schemas.ts'
import type { NewExercise } from './types.ts'

export type CreateFormValues = {
  name?: string
  category?: string
  muscleGroup?: string
  equipment?: string
  isBodyweight?: string
}

/** Checks a create form the way the API schema would, with messages for people. */
export function checkCreateForm(values: CreateFormValues): FieldErrors {
  const errors: FieldErrors = {}
  const name = values.name?.trim() ?? ''
  if (!name) errors.name = 'enter a name'
  else if (name.length > 80) errors.name = 'use at most 80 characters'
  if (!categories.includes(values.category as (typeof categories)[number]))
    errors.category = 'choose a body region'
  const muscle = values.muscleGroup?.trim() ?? ''
  if (!muscle) errors.muscleGroup = 'enter the main muscle group'
  else if (muscle.length > 40) errors.muscleGroup = 'use at most 40 characters'
  if (!equipments.includes(values.equipment as (typeof equipments)[number]))
    errors.equipment = 'choose the equipment'
  return errors
}

/** The repository input for a create form that passed checkCreateForm. */
export function createInputFromForm(values: CreateFormValues): NewExercise {
  return {
    name: values.name as string,
    category: values.category as (typeof categories)[number],
    muscleGroup: values.muscleGroup as string,
    equipment: values.equipment as (typeof equipments)[number],
    isBodyweight: values.isBodyweight === 'on' || values.equipment === 'bodyweight',
  }
}
