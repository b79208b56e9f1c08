// Strong's CSV export, one row per set. Format from:
// - openbody.dev/mapping/strong (Strong CSV, "," or ";" delimited; Date, Workout Name, Duration, Exercise
//   Name, Set Order, Weight, Reps, Distance, Seconds, Notes, Workout Notes)
// - github.com/mtanzim/vis-strong-go README (";" file with Weight Unit, RPE, Distance Unit columns)
// - github.com/jake-walker/workout-converter src/adapters/strong.ts and sample_data/strong.csv (12-hour
//   dates "yyyy-MM-dd h:mm:ss a" with U+202F before AM/PM, Duration "49m", no Weight Unit column)
// - github.com/a-mufasa/hevy-tools strong-csv-migrator/README.md (Workout Duration "30m"/"1h", Weight Unit)
// - public Strong→other-app converters (code search: "Workout #", "Duration (sec)", "Weight (kg)",
//   Set Order "W" warm-up, "Note" and "Rest Timer" rows; durations "#h #m", "#h", "#m", "#s")
// Set Order: a number, W (warm-up), D (drop set), F (failure); "Note" rows carry an exercise note and
// "Rest Timer" rows no set. Without a Weight Unit column (or a unit in the Weight header) weights are in
// the lifter's unit, which the plan states as an assumption. 0 in Reps/Seconds/Distance means "not logged".
import type { WeightUnit } from '../units.ts'
import { reason as msg } from './messages.ts'
import { readSet } from './set-row.ts'
import type { FormatReader, ReadContext, RowResult } from './types.ts'
import { readDistanceUnit, readDuration, readWallClock, readWeightUnit } from './values.ts'

const pick = (row: Record<string, string>, ...names: string[]) => {
  for (const n of names) if (row[n] !== undefined) return row[n]!
  return ''
}

export function strongReader(columns: readonly string[], ctx: ReadContext): FormatReader {
  const has = (c: string) => columns.includes(c)
  const headerUnit: WeightUnit | null = has('weight (kg)')
    ? 'kg'
    : has('weight (lbs)') || has('weight (lb)')
      ? 'lb'
      : null
  const headerDistance = has('distance (meters)')
    ? 'm'
    : has('distance (km)')
      ? 'km'
      : has('distance (miles)')
        ? 'mi'
        : null
  const unitColumn = has('weight unit')
  // Every set of a workout repeats its date: read each distinct one once (luxon is the slow part).
  const dates = new Map<string, ReturnType<typeof readWallClock>>()
  const dateOf = (text: string) => {
    const known = dates.get(text)
    if (known) return known
    const read = readWallClock(text, ctx.zone)
    dates.set(text, read)
    return read
  }
  return {
    required: ['date', 'exercise name', 'set order', 'reps'],
    assumptions: () => (headerUnit || unitColumn ? [] : [msg('strongUnitAssumed', { unit: ctx.unit })]),
    read(row, line): RowResult {
      const date = dateOf(row.date ?? '')
      if (!date.ok) return { kind: 'problem', reason: date.reason }
      const duration = readDuration(pick(row, 'duration (sec)', 'duration', 'workout duration'))
      const durationSeconds = duration.ok ? duration.value : null
      const name = pick(row, 'workout name').trim() || null
      const workoutKey = row['workout #']?.trim() || `${date.value.start}|${name}`
      const workout = {
        ...date.value,
        localDate: null,
        end: durationSeconds
          ? new Date(Date.parse(date.value.start) + durationSeconds * 1000).toISOString()
          : null,
        durationSeconds,
        name,
        note: pick(row, 'workout notes').trim() || null,
      }
      const order = pick(row, 'set order').trim()
      if (order === 'Rest Timer') return { kind: 'skip' }
      if (order === 'Note') {
        const text = pick(row, 'notes').trim()
        return text
          ? { kind: 'note', workoutKey, workout, text: `${pick(row, 'exercise name').trim()}: ${text}` }
          : { kind: 'skip' }
      }
      if (!/^(\d+|[WDF])$/i.test(order))
        return {
          kind: 'problem',
          reason: msg('badSetOrder', { value: order }),
        }
      let unit = headerUnit ?? ctx.unit
      if (unitColumn && row['weight unit']?.trim()) {
        const u = readWeightUnit(row['weight unit'])
        if (!u)
          return {
            kind: 'problem',
            reason: msg('badWeightUnit', { value: row['weight unit'].trim(), units: 'kg' }),
          }
        unit = u
      }
      const set = readSet(
        {
          line,
          exercise: pick(row, 'exercise name'),
          reps: pick(row, 'reps'),
          weight: pick(row, 'weight', 'weight (kg)', 'weight (lbs)', 'weight (lb)'),
          unit,
          seconds: pick(row, 'seconds'),
          distance: pick(row, 'distance', 'distance (meters)', 'distance (km)', 'distance (miles)'),
          distanceUnit: headerDistance ?? readDistanceUnit(pick(row, 'distance unit')),
          rpe: pick(row, 'rpe'),
          note: pick(row, 'notes'),
          warmup: /^w$/i.test(order),
          dropSet: /^d$/i.test(order),
          failure: /^f$/i.test(order),
          zeroIsEmpty: true,
        },
        ctx.delimiter,
      )
      if (!set.ok) return { kind: 'problem', reason: set.reason }
      return { kind: 'set', workoutKey, workout, set: set.set, warnings: set.warnings }
    },
  }
}
