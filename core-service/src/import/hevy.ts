// Hevy's CSV export, one row per set. Format from:
// - openbody.dev/mapping/hevy (title, start_time, end_time, description, exercise_title, superset_id,
//   exercise_notes, set_index, set_type normal|warmup|drop|failure, weight_kg, reps, distance_km,
//   duration_seconds, rpe; dates "22 Dec 2025, 08:00")
// - github.com/jake-walker/workout-converter src/adapters/hevy.ts and test/sample_data/hevy.csv
// - github.com/multiplex55/Multi_Hevy_Workout_Dashboard README and Jake-Leicht/Hevy-Dashboard-App
//   (the pound variant: weight_lbs and distance_miles)
// Times carry no zone: they are wall-clock times in the lifter's zone.
import { type ImportMessage, reason as msg } from './messages.ts'
import { readSet } from './set-row.ts'
import type { FormatReader, ReadContext, RowResult } from './types.ts'
import { readHevyTime } from './values.ts'

const SET_TYPES: Record<string, 'normal' | 'warmup' | 'drop' | 'failure'> = {
  normal: 'normal',
  '': 'normal',
  warmup: 'warmup',
  'warm-up': 'warmup',
  warm_up: 'warmup',
  drop: 'drop',
  dropset: 'drop',
  drop_set: 'drop',
  failure: 'failure',
}

export function hevyReader(columns: readonly string[], ctx: ReadContext): FormatReader {
  const pounds = columns.includes('weight_lbs')
  const miles = columns.includes('distance_miles')
  return {
    required: ['title', 'start_time', 'exercise_title'],
    assumptions: () => [],
    read(row, line): RowResult {
      const start = readHevyTime(row.start_time ?? '', ctx.zone)
      if (!start.ok) return { kind: 'problem', reason: start.reason }
      const endText = (row.end_time ?? '').trim()
      const end = endText ? readHevyTime(endText, ctx.zone) : null
      const endIso = end?.ok ? end.value.start : null
      const warnings: ImportMessage[] = []
      if (end && !end.ok) warnings.push(msg('endTimeLeftOut', { reason: end.reason }))
      const type = SET_TYPES[(row.set_type ?? '').trim().toLowerCase()]
      if (!type) warnings.push(msg('unknownSetType', { value: row.set_type ?? '' }))
      const set = readSet(
        {
          line,
          exercise: row.exercise_title ?? '',
          reps: row.reps ?? '',
          weight: (pounds ? row.weight_lbs : row.weight_kg) ?? '',
          unit: pounds ? 'lb' : 'kg',
          seconds: row.duration_seconds ?? '',
          distance: (miles ? row.distance_miles : row.distance_km) ?? '',
          distanceUnit: miles ? 'mi' : 'km',
          rpe: row.rpe ?? '',
          note: row.exercise_notes ?? '',
          warmup: type === 'warmup',
          dropSet: type === 'drop',
          failure: type === 'failure',
        },
        ctx.delimiter,
      )
      if (!set.ok) return { kind: 'problem', reason: set.reason }
      const name = row.title?.trim() || null
      return {
        kind: 'set',
        workoutKey: `${row.start_time}|${name}`,
        workout: {
          ...start.value,
          localDate: null,
          end: endIso,
          durationSeconds: endIso
            ? Math.round((Date.parse(endIso) - Date.parse(start.value.start)) / 1000)
            : null,
          name,
          note: row.description?.trim() || null,
        },
        set: set.set,
        warnings: [...warnings, ...set.warnings],
      }
    },
  }
}
