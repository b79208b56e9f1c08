// The routine form (/routines/new, /routines/:id/edit) as plain fields: `name`, then per row
// `exerciseId.N`, `sets.N`, `reps.N`, `weight.N`, `unit.N` (hidden: the unit the weight is typed in, so a
// row saved in lb stays lb for a kg lifter), `rest.N`. Without JavaScript there is nothing to add or
// remove rows with, so the form always shows the routine's rows plus BLANK_ROWS empty ones: a row whose
// exercise is left at "—" is not part of the routine (that is also how a row is removed).

import type { WeightUnit } from '../units.ts'
import type { FieldErrors } from '../validation.ts'
import type { Routine, RoutineInput } from './types.ts'

export const BLANK_ROWS = 3

export interface FormRow {
  exerciseId: string
  sets: string
  reps: string
  weight: string
  unit: WeightUnit
  rest: string
}

/** The routine's rows plus blank ones, which are typed in the lifter's `unit`. */
export function rowsOf(routine: Routine | null, unit: WeightUnit): FormRow[] {
  const rows = (routine?.exercises ?? []).map((e) => ({
    exerciseId: e.exercise.id,
    sets: String(e.sets),
    reps: String(e.reps),
    weight: e.weight ?? '',
    unit: e.unit,
    rest: e.restSeconds === null ? '' : String(e.restSeconds),
  }))
  return withBlankRows(rows, unit)
}

export function withBlankRows(rows: FormRow[], unit: WeightUnit): FormRow[] {
  const blank = { exerciseId: '', sets: '3', reps: '5', weight: '', unit, rest: '' }
  return [...rows, ...Array.from({ length: BLANK_ROWS }, () => ({ ...blank }))]
}

/** The rows as posted (blank exercise rows dropped), for showing the form again; `unit` when none is given. */
export function postedRows(fields: Record<string, string>, unit: WeightUnit): FormRow[] {
  const rows: FormRow[] = []
  for (let i = 0; i < 60 && `exerciseId.${i}` in fields; i++) {
    if (!fields[`exerciseId.${i}`]) continue
    rows.push({
      exerciseId: fields[`exerciseId.${i}`] ?? '',
      sets: fields[`sets.${i}`] ?? '',
      reps: fields[`reps.${i}`] ?? '',
      weight: fields[`weight.${i}`] ?? '',
      unit: fields[`unit.${i}`] === 'lb' ? 'lb' : fields[`unit.${i}`] === 'kg' ? 'kg' : unit,
      rest: fields[`rest.${i}`] ?? '',
    })
  }
  return rows
}

const whole = /^\d{1,6}$/
const decimal = /^\d{1,6}(\.\d+)?$/

/**
 * The posted form as a routine input, each weight in its row's unit (the lifter's for new rows); number fields that do not read as numbers are
 * field errors here (the store checks the rest: known exercise, decimals, limits).
 */
export function routineInput(
  fields: Record<string, string>,
  unit: WeightUnit,
): { input: RoutineInput; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const exercises = postedRows(fields, unit).map((row, i) => {
    const sets = row.sets.trim()
    const reps = row.reps.trim()
    const weight = row.weight.trim().replace(',', '.')
    const rest = row.rest.trim()
    if (!whole.test(sets) || Number(sets) < 1 || Number(sets) > 30)
      errors[`exercises.${i}.sets`] = 'must be a whole number from 1 to 30'
    if (!whole.test(reps) || Number(reps) > 1000)
      errors[`exercises.${i}.reps`] = 'must be a whole number from 0 to 1000'
    if (weight && !decimal.test(weight)) errors[`exercises.${i}.weight`] = 'must be a number'
    if (rest && (!whole.test(rest) || Number(rest) > 3600))
      errors[`exercises.${i}.restSeconds`] = 'must be a whole number of seconds from 0 to 3600'
    return {
      exerciseId: row.exerciseId,
      sets: Number(sets),
      reps: Number(reps),
      weight: weight ? Number(weight) : null,
      unit: row.unit,
      restSeconds: rest ? Number(rest) : null,
    }
  })
  const name = (fields.name ?? '').trim()
  if (!name || name.length > 120) errors.name = 'give the routine a name of at most 120 characters'
  if (exercises.length === 0) errors.exercises = 'add at least one exercise'
  return { input: { name, exercises }, errors }
}
