// FitNotes' spreadsheet export (Settings → Spreadsheet Export → Workout Data), one row per set. Format from:
// - github.com/LiamMorrow/LiftLog docs/CsvImport.md and tests/csv-import-test-files/fitnotes-android-*.csv
//   (Date, Exercise, Category, Weight, Weight Unit kgs|lbs, Reps, Distance, Distance Unit m|km|…, Time
//   h:mm:ss, Comment)
// - github.com/MakisChristou/verifit issue #18 (the same Android column list)
// - github.com/tihawk/fitnotes2fit FitNotesSet.java and tihawk/push-fitnotes (the older "Weight (kgs)"
//   header); LiftLog PR #936 names the iOS app's "Weight (kg)" / "Weight (lbs)" headers.
// FitNotes writes a date without a time: every set of a day is one workout, started at 12:00 in the
// lifter's zone (see values.ts readWallClock).
import type { WeightUnit } from '../units.ts'
import { reason as msg } from './messages.ts'
import { readSet } from './set-row.ts'
import type { FormatReader, ReadContext, RowResult } from './types.ts'
import { readDistanceUnit, readWallClock, readWeightUnit } from './values.ts'

export function fitnotesReader(columns: readonly string[], ctx: ReadContext): FormatReader {
  const weightColumn =
    ['weight', 'weight (kgs)', 'weight (kg)', 'weight (lbs)'].find((c) => columns.includes(c)) ?? 'weight'
  const headerUnit: WeightUnit | null = weightColumn.includes('kg')
    ? 'kg'
    : weightColumn.includes('lb')
      ? 'lb'
      : null
  const unitColumn = columns.includes('weight unit')
  return {
    required: ['date', 'exercise', 'reps'],
    assumptions: () => [
      msg('fitnotesNoTimes'),
      ...(headerUnit || unitColumn ? [] : [msg('unitAssumed', { unit: ctx.unit })]),
    ],
    read(row, line): RowResult {
      const date = readWallClock((row.date ?? '').trim().slice(0, 10), ctx.zone)
      if (!date.ok || (row.date ?? '').trim().length > 10)
        return { kind: 'problem', reason: msg('badDate', { value: (row.date ?? '').trim() }) }
      let unit = headerUnit ?? ctx.unit
      const unitText = (row['weight unit'] ?? '').trim()
      if (unitColumn && unitText) {
        const u = readWeightUnit(unitText)
        if (!u) return { kind: 'problem', reason: msg('badWeightUnit', { value: unitText, units: 'kgs' }) }
        unit = u
      }
      const distanceUnitText = (row['distance unit'] ?? '').trim()
      const set = readSet(
        {
          line,
          exercise: row.exercise ?? '',
          reps: row.reps ?? '',
          weight: row[weightColumn] ?? '',
          unit,
          seconds: row.time ?? '',
          distance: row.distance ?? '',
          distanceUnit: distanceUnitText ? readDistanceUnit(distanceUnitText) : null,
          note: row.comment ?? '',
        },
        ctx.delimiter,
      )
      if (!set.ok) return { kind: 'problem', reason: set.reason }
      const category = (row.category ?? '').trim()
      return {
        kind: 'set',
        workoutKey: row.date!.trim(),
        workout: { ...date.value, localDate: null, end: null, durationSeconds: null, name: null, note: null },
        set: set.set,
        hint: category ? { category } : undefined,
        warnings: set.warnings,
      }
    },
  }
}
