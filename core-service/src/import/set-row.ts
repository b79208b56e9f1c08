// The cells every format has for one set, read into a PlannedSet or one reason (messages.ts).
import type { WeightUnit } from '../units.ts'
import { type ImportMessage, reason as msg } from './messages.ts'
import type { DistanceUnit, PlannedSet } from './types.ts'
import { hasExtraDecimals, readDecimal, readDuration, readReps, readRpe, readWeight } from './values.ts'

export interface SetCells {
  line: number
  exercise: string
  reps: string
  weight: string
  unit: WeightUnit
  seconds?: string
  distance?: string
  distanceUnit?: DistanceUnit | null
  rpe?: string
  note?: string
  warmup?: boolean
  dropSet?: boolean
  failure?: boolean
  /** Strong writes 0 for "not measured" in reps, seconds and distance; a 0 then means empty. */
  zeroIsEmpty?: boolean
}

export function readSet(
  cells: SetCells,
  delimiter: string,
): { ok: true; set: PlannedSet; warnings: ImportMessage[] } | { ok: false; reason: ImportMessage } {
  const exercise = cells.exercise.trim()
  if (!exercise) return { ok: false, reason: msg('emptyExercise') }
  const reps = readReps(cells.reps, delimiter)
  if (!reps.ok) return reps
  const weight = readWeight(cells.weight, cells.unit, delimiter)
  if (!weight.ok) return weight
  const seconds = readDuration(cells.seconds ?? '')
  if (!seconds.ok) return seconds
  const distance = readDecimal(cells.distance ?? '', 'distance', delimiter)
  if (!distance.ok) return distance
  const warnings: ImportMessage[] = []
  const rpe = readRpe(cells.rpe ?? '', delimiter)
  if (rpe.warning) warnings.push(rpe.warning)

  let repsValue = reps.value
  let weightValue = weight.value
  let secondsValue = seconds.value
  let distanceValue = distance.value
  if (cells.zeroIsEmpty) {
    if (secondsValue === 0) secondsValue = null
    if (distanceValue === '0') distanceValue = null
    // A plank logged as 0 reps and 60 seconds is a timed set, not a missed attempt.
    if (repsValue === 0 && (secondsValue !== null || distanceValue !== null)) {
      repsValue = null
      if (weightValue === '0') weightValue = null
    }
  }
  const kind =
    repsValue !== null
      ? 'reps'
      : secondsValue !== null
        ? 'duration'
        : distanceValue !== null
          ? 'distance'
          : null
  if (kind === null)
    return {
      ok: false,
      reason: weightValue !== null ? msg('weightOnly') : msg('nothingLogged'),
    }
  if (weightValue !== null && hasExtraDecimals(weightValue))
    warnings.push(msg('weightRounded', { value: weightValue, unit: cells.unit }))
  return {
    ok: true,
    warnings,
    set: {
      line: cells.line,
      exercise,
      kind,
      reps: repsValue,
      weight: weightValue,
      unit: weightValue === null ? null : cells.unit,
      durationSeconds: secondsValue,
      distance: distanceValue === null ? null : { value: distanceValue, unit: cells.distanceUnit ?? null },
      warmup: cells.warmup ?? false,
      dropSet: cells.dropSet ?? false,
      failure: cells.failure ?? false,
      rpe: rpe.rpe,
      note: cells.note?.trim() ? cells.note.trim() : null,
    },
  }
}
