// The workout form without JavaScript: flat fields (sets[3][reps]) in, the API's WorkoutBody out (checked
// by the same schema and domain rules as the API's), and back into rows for re-rendering. Row buttons (add rows, move up/down, remove) post the form to itself and come
// back rearranged without saving, so editing a workout works with scripts off; workout-form.js does the
// same in place when scripts run.
import { categories } from '../exercises/schemas.ts'
import type { Exercise } from '../exercises/types.ts'
import { categoryLabel, compareNames, exerciseName } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'
import { editableWeight, type WeightUnit } from '../units.ts'
import type { FieldErrors } from '../validation.ts'
import { LIMITS } from './input.ts'
import { instantFromLocal, localParts } from './local-time.ts'
import type { WorkoutBody } from './schemas.ts'
import type { Workout } from './types.ts'

export interface FormRow {
  exerciseId: string
  reps: string
  weight: string
  /** The unit the weight is typed in: '' for the lifter's unit, else the unit the set was logged in. */
  unit: string
  rpe: string
  warmup: boolean
}

export interface FormValues {
  date: string
  time: string
  title: string
  notes: string
  rows: FormRow[]
}

export type FormBody = Record<string, string | string[] | undefined>

/** Blank rows a new form starts with (and "Add rows" appends without scripts). */
export const BLANK_ROWS = 3

export function blankRow(exerciseId = ''): FormRow {
  return { exerciseId, reps: '', weight: '', unit: '', rpe: '', warmup: false }
}

function text(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

const FIELD = /^sets\[(\d{1,3})\]\[(exerciseId|reps|weight|unit|rpe|warmup)\]$/

/** The values as typed, every row in index order (row buttons count rows as they were shown). */
export function readForm(body: FormBody): FormValues {
  const byIndex = new Map<number, FormRow>()
  for (const [key, value] of Object.entries(body)) {
    const match = FIELD.exec(key)
    if (!match) continue
    const index = Number(match[1])
    const row = byIndex.get(index) ?? blankRow()
    const field = match[2] as keyof FormRow
    if (field === 'warmup') row.warmup = text(value) !== ''
    else row[field] = text(value)
    byIndex.set(index, row)
  }
  // A workout holds at most LIMITS.maxSets sets; one row more is kept so saving says so, and a form
  // padded with thousands of rows cannot make its re-rendered page megabytes long.
  const rows = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .slice(0, LIMITS.maxSets + 1)
    .map(([, row]) => row)
  return {
    date: text(body.date),
    time: text(body.time),
    title: text(body.title),
    notes: text(body.notes),
    rows,
  }
}

/**
 * The rows to save: those with anything typed. A row with only its exercise chosen is a spare row (new
 * rows start on the previous row's exercise), not a set.
 */
export function filledRows(values: FormValues): FormValues {
  return { ...values, rows: values.rows.filter((row) => row.reps || row.weight || row.rpe) }
}

// Plain decimals only: Number() would also read "0x10", "1e3", "Infinity" and " ". Phones in many
// locales type a decimal comma.
const DECIMAL = /^\d{1,7}(?:[.,]\d{1,6})?$/

/** A plain decimal as typed in a form ("102,5" too), else NaN for the schema to refuse. */
export function formNumber(value: string): number {
  return DECIMAL.test(value) ? Number(value.replace(',', '.')) : Number.NaN
}

/**
 * The API's body for (filled) form values, the date and time read in `zone`. Numbers that are not plain
 * decimals become NaN and a date that does not exist an empty start, so the schema refuses them. `shown`
 * (editing): the start the form showed; a date and time left as they were keep its instant, and so its
 * local date.
 */
export function toWorkoutBody(
  values: FormValues,
  zone: string,
  shown?: { date: string; time: string; startedAt: Date },
): WorkoutBody {
  const startedAt =
    shown && values.date === shown.date && values.time === shown.time
      ? shown.startedAt
      : instantFromLocal(values.date, values.time || '00:00', zone)
  return {
    startedAt: startedAt ? startedAt.toISOString() : '',
    title: values.title,
    notes: values.notes,
    sets: values.rows.map((row) => ({
      // No exercise chosen is a missing one ("choose an exercise").
      ...(row.exerciseId === '' ? {} : { exerciseId: row.exerciseId }),
      reps: formNumber(row.reps),
      // An empty weight means no load: fine for bodyweight movements, refused for the rest.
      weight: row.weight === '' ? 0 : formNumber(row.weight),
      ...(row.unit === '' ? {} : { unit: row.unit as WeightUnit }),
      rpe: row.rpe === '' ? null : formNumber(row.rpe),
      isWarmup: row.warmup,
    })) as WorkoutBody['sets'],
  }
}

/**
 * Applies a row button ("add", "up:2", "down:0", "remove:1", or "keep": Enter without scripts, which only
 * shows the form again) to the values. Returns null for "save" (or no action), i.e. when the form should be
 * saved rather than shown again.
 */
export function applyRowAction(values: FormValues, action: string | undefined): FormValues | null {
  if (!action || action === 'save') return null
  if (action === 'keep') return values
  const rows = [...values.rows]
  const [verb, at] = action.split(':')
  const i = Number(at)
  if (verb === 'add') {
    // A new row starts on the exercise of the last one: sets of one exercise usually come together.
    const last = rows.at(-1)?.exerciseId ?? ''
    for (let n = 0; n < BLANK_ROWS; n++) rows.push(blankRow(last))
  } else if (Number.isInteger(i) && i >= 0 && i < rows.length) {
    if (verb === 'remove') rows.splice(i, 1)
    else if (verb === 'up' && i > 0) rows.splice(i - 1, 2, rows[i] as FormRow, rows[i - 1] as FormRow)
    else if (verb === 'down' && i < rows.length - 1)
      rows.splice(i, 2, rows[i + 1] as FormRow, rows[i] as FormRow)
  }
  return { ...values, rows }
}

/** Form values for an existing workout (edit) or a copy of it (repeat: `now` gives the new start). */
export function valuesFromWorkout(
  workout: Workout,
  unit: WeightUnit,
  zone: string,
  { startedAt = workout.startedAt, notes = workout.notes ?? '' }: { startedAt?: Date; notes?: string } = {},
): FormValues {
  const parts = localParts(startedAt, zone)
  return {
    ...parts,
    // An edit shows the local date fixed when the workout was logged, even after a move to another zone.
    date: startedAt === workout.startedAt ? workout.localDate : parts.date,
    title: workout.title ?? '',
    notes,
    rows: workout.sets.map((set) => ({
      exerciseId: set.exerciseId,
      reps: String(set.reps),
      // As typed: in the unit it was logged in, which is shown beside it when not the lifter's.
      weight: editableWeight(set.weightKg, set.weightUnit),
      unit: set.weightUnit === unit ? '' : set.weightUnit,
      rpe: set.rpe ?? '',
      warmup: set.isWarmup,
    })),
  }
}

/** Empty values for a new workout starting now (or on `date` at the current time) in the lifter's zone. */
export function newValues(zone: string, now: Date, date?: string): FormValues {
  const parts = localParts(now, zone)
  return { ...parts, date: date ?? parts.date, title: '', notes: '', rows: [] }
}

export interface ExerciseOption {
  id: string
  name: string
}

export interface ExerciseOptionGroup {
  label: string
  options: ExerciseOption[]
}

/**
 * The exercise picker: active exercises grouped by category, plus any archived one the form already uses
 * (so editing an old workout never silently drops its history).
 */
export function exerciseOptions(
  exercises: Exercise[],
  used: Set<string>,
  locale: Locale = 'en',
): ExerciseOptionGroup[] {
  const groups = new Map<string, ExerciseOption[]>()
  for (const category of categories) groups.set(category, [])
  const archived = translator(locale)('exercises.archived')
  for (const e of exercises) {
    if (e.archived && !used.has(e.id)) continue
    const name = exerciseName(e.name, locale)
    groups.get(e.category)?.push({ id: e.id, name: e.archived ? `${name} (${archived})` : name })
  }
  const byName = compareNames(locale)
  return [...groups.entries()]
    .filter(([, options]) => options.length > 0)
    .map(([category, options]) => ({
      label: categoryLabel(category, locale),
      options: locale === 'en' ? options : options.sort((a, b) => byName(a.name, b.name)),
    }))
}

export interface RenderRow extends FormRow {
  index: number
  number: number
  first: boolean
  last: boolean
  errors: Record<string, string>
}

/**
 * Rows for the template: the values plus their per-field errors ("sets.2.reps" → row 2, "reps"), padded
 * with spare rows to `minimum`.
 */
export function renderRows(values: FormValues, errors: FieldErrors, minimum = BLANK_ROWS): RenderRow[] {
  const rows = [...values.rows]
  while (rows.length < minimum) rows.push(blankRow(rows.at(-1)?.exerciseId ?? ''))
  return rows.map((row, index) => {
    const rowErrors: Record<string, string> = {}
    for (const field of ['exerciseId', 'reps', 'weight', 'rpe']) {
      const message = errors[`sets.${index}.${field}`]
      if (message) rowErrors[field] = message
    }
    // The unit is typed beside the weight (a hidden field when it is the lifter's own).
    const unit = errors[`sets.${index}.unit`]
    if (unit) rowErrors.weight ??= unit
    return {
      ...row,
      index,
      number: index + 1,
      first: index === 0,
      last: index === rows.length - 1,
      errors: rowErrors,
    }
  })
}
