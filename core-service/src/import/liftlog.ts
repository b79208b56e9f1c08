// LiftLog's own export (core-service/src/workouts/export.ts): date, started_at (ISO with the lifter's
// offset), workout_id, workout_title, workout_notes, exercise, muscle_group, equipment, set, reps,
// weight_kg (exact kilograms), weight (exactly as typed), unit (kg|lb), rpe, warmup (yes|no). Typed text
// that looked like a formula was written with a leading apostrophe; it is taken off again here.
import { Prisma } from '../generated/prisma/client.ts'
import { toKg } from '../units.ts'
import { reason as msg } from './messages.ts'
import { readSet } from './set-row.ts'
import type { FormatReader, ReadContext, RowResult } from './types.ts'
import { readIsoInstant, readWeightUnit } from './values.ts'

// The exporter's test for formula-looking text (export.ts FORMULA_START); the round-trip test keeps the two
// in step.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/

export function untyped(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

export function liftlogReader(_columns: readonly string[], ctx: ReadContext): FormatReader {
  return {
    required: ['date', 'started_at', 'workout_id', 'exercise', 'reps', 'weight_kg', 'weight', 'unit'],
    assumptions: () => [],
    read(row, line): RowResult {
      const start = readIsoInstant(row.started_at ?? '')
      if (!start.ok) return { kind: 'problem', reason: msg('startedAt', { reason: start.reason }) }
      const unit = readWeightUnit(row.unit ?? '')
      if (!unit) return { kind: 'problem', reason: msg('badUnit', { value: row.unit ?? '' }) }
      const warmup = (row.warmup ?? '').trim().toLowerCase()
      if (!['yes', 'no', ''].includes(warmup))
        return { kind: 'problem', reason: msg('badWarmup', { value: row.warmup ?? '' }) }
      const set = readSet(
        {
          line,
          exercise: untyped(row.exercise ?? ''),
          reps: row.reps ?? '',
          weight: row.weight ?? '',
          unit,
          rpe: row.rpe ?? '',
          warmup: warmup === 'yes',
        },
        ctx.delimiter,
      )
      if (!set.ok) return { kind: 'problem', reason: set.reason }
      // The exact kilograms must be the typed weight in its unit; anything else is an edited file.
      const kg = /^\d+(\.\d+)?$/.test((row.weight_kg ?? '').trim())
        ? new Prisma.Decimal(row.weight_kg!.trim())
        : null
      if (!kg || !toKg(set.set.weight ?? '0', unit).equals(kg))
        return {
          kind: 'problem',
          reason: msg('kgMismatch', { value: row.weight ?? '', unit, kg: row.weight_kg ?? '' }),
        }
      const date = (row.date ?? '').trim()
      return {
        kind: 'set',
        workoutKey: (row.workout_id ?? '').trim() || `${row.started_at}`,
        workout: {
          start: start.value,
          timeKnown: true,
          localDate: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
          end: null,
          durationSeconds: null,
          name: untyped(row.workout_title ?? '').trim() || null,
          note: untyped(row.workout_notes ?? '').trim() || null,
        },
        set: set.set,
        hint: {
          muscleGroup: untyped(row.muscle_group ?? '').trim() || undefined,
          equipment: (row.equipment ?? '').trim() || undefined,
        },
        warnings: set.warnings,
      }
    },
  }
}
