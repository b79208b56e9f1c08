// Reading one cell: exact decimals, whole reps, RPE, durations, distances and wall-clock times. Each reader
// returns a value or a reason (messages.ts), never throws.
import { DateTime } from 'luxon'
import { Prisma } from '../generated/prisma/client.ts'
import { MAX_WEIGHT_KG, toKg, WEIGHT_DECIMALS, type WeightUnit } from '../units.ts'
import { LIMITS } from '../workouts/input.ts'
import { instantFromLocal } from '../workouts/local-time.ts'
import { type ImportMessage, reason as msg } from './messages.ts'
import type { DistanceUnit } from './types.ts'

export type Read<T> = { ok: true; value: T } | { ok: false; reason: ImportMessage }
const ok = <T>(value: T): Read<T> => ({ ok: true, value })
const bad = (reason: ImportMessage): Read<never> => ({ ok: false, reason })

/**
 * An exact non-negative decimal as a canonical string ("35.0" → "35"), or null for an empty cell. A decimal
 * comma is accepted when the file is not comma-separated (semicolon exports from European locales).
 */
export function readDecimal(
  text: string,
  what: 'reps' | 'weight' | 'RPE' | 'distance',
  delimiter: string,
): Read<string | null> {
  const t = text.trim()
  if (t === '') return ok(null)
  const pattern = delimiter === ',' ? /^\d+(?:\.\d+)?$|^\.\d+$/ : /^\d+(?:[.,]\d+)?$|^[.,]\d+$/
  if (!pattern.test(t)) return bad(msg('notNumber', { what: msg(`what.${what}`), value: t }))
  return ok(new Prisma.Decimal(t.replace(',', '.')).toFixed())
}

export function readReps(text: string, delimiter: string): Read<number | null> {
  const value = readDecimal(text, 'reps', delimiter)
  if (!value.ok || value.value === null) return value as Read<number | null>
  const reps = Number(value.value)
  if (!Number.isInteger(reps) || reps > LIMITS.maxReps)
    return bad(msg('repsNotWhole', { value: text.trim(), max: LIMITS.maxReps }))
  return ok(reps)
}

/** A weight LiftLog could hold (0 to 2000 kg in either unit); more decimals than it keeps is a warning. */
export function readWeight(text: string, unit: WeightUnit, delimiter: string): Read<string | null> {
  const value = readDecimal(text, 'weight', delimiter)
  if (!value.ok || value.value === null) return value
  if (toKg(value.value, unit).greaterThan(MAX_WEIGHT_KG))
    return bad(msg('weightTooHeavy', { value: value.value, unit, max: MAX_WEIGHT_KG }))
  return value
}

export function hasExtraDecimals(weight: string): boolean {
  return new Prisma.Decimal(weight).decimalPlaces() > WEIGHT_DECIMALS
}

/** RPE LiftLog can keep, or a warning why it is dropped. */
export function readRpe(text: string, delimiter: string): { rpe: string | null; warning?: ImportMessage } {
  const value = readDecimal(text, 'RPE', delimiter)
  if (!value.ok) return { rpe: null, warning: msg('rpeUnreadable', { reason: value.reason }) }
  if (value.value === null) return { rpe: null }
  const n = Number(value.value)
  if (n >= LIMITS.minRpe && n <= LIMITS.maxRpe && Number.isInteger(n * 2)) return { rpe: value.value }
  return {
    rpe: null,
    warning: msg('rpeOutOfRange', { value: value.value, min: LIMITS.minRpe, max: LIMITS.maxRpe }),
  }
}

export function readWeightUnit(text: string): WeightUnit | null {
  const u = text.trim().toLowerCase()
  if (['kg', 'kgs', 'kilogram', 'kilograms'].includes(u)) return 'kg'
  if (['lb', 'lbs', 'pound', 'pounds'].includes(u)) return 'lb'
  return null
}

export function readDistanceUnit(text: string): DistanceUnit | null {
  const u = text.trim().toLowerCase()
  const units: Record<string, DistanceUnit> = {
    m: 'm',
    meter: 'm',
    meters: 'm',
    metres: 'm',
    km: 'km',
    kilometers: 'km',
    kilometres: 'km',
    mi: 'mi',
    'mi.': 'mi',
    mile: 'mi',
    miles: 'mi',
    ft: 'ft',
    feet: 'ft',
    yd: 'yd',
    yards: 'yd',
  }
  return units[u] ?? null
}

/** Seconds from "75", "1:15", "0:05:00", or Strong's "1h 5m" / "49m" / "30s". */
export function readDuration(text: string): Read<number | null> {
  const t = text.trim()
  if (t === '') return ok(null)
  if (/^\d+(\.\d+)?$/.test(t)) return ok(Math.round(Number(t)))
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(t)
  if (clock) return ok(Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]))
  const words = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(t)
  if (words && (words[1] || words[2] || words[3]))
    return ok(Number(words[1] ?? 0) * 3600 + Number(words[2] ?? 0) * 60 + Number(words[3] ?? 0))
  return bad(msg('badDuration', { value: t }))
}

/** U+202F (narrow no-break space, iOS before AM/PM) and U+00A0 read as plain spaces. */
export function plainSpaces(text: string): string {
  return text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A wall-clock date and time read in the lifter's zone (the files carry no zone). "2026-03-12 19:03:20",
 * "2026-03-12 7:03:20 PM", "2026-03-12 7:03 pm"; a date alone is read as 12:00, which keeps the local date
 * whatever a DST change does at midnight. In a DST gap luxon moves the time forward by the gap.
 */
export function readWallClock(text: string, zone: string): Read<{ start: string; timeKnown: boolean }> {
  const t = plainSpaces(text)
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?)?$/i.exec(t)
  if (!m) return bad(msg('badWallClock', { value: t }))
  const [, date, h, min, sec, ampm] = m
  let hour = h === undefined ? 12 : Number(h)
  if (ampm) {
    if (hour < 1 || hour > 12) return bad(msg('badHour', { value: t, hour, half: `${ampm.toUpperCase()}M` }))
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0)
  }
  const time = `${String(hour).padStart(2, '0')}:${min ?? '00'}:${sec ?? '00'}`
  return instant(date!, time, zone, t, h !== undefined)
}

function instant(date: string, time: string, zone: string, shown: string, timeKnown: boolean) {
  const at = instantFromLocal(date, time, zone)
  if (!at) return bad(msg('notRealDate', { value: shown }))
  return ok({ start: at.toISOString(), timeKnown })
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Hevy's "30 Jan 2025, 12:34" (wall clock, lifter's zone), or an ISO timestamp (with offset if it has one). */
export function readHevyTime(text: string, zone: string): Read<{ start: string; timeKnown: boolean }> {
  const t = plainSpaces(text)
  const m = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?$/i.exec(t)
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1
    if (month === 0) return bad(msg('unknownMonth', { value: t }))
    const date = `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
    return instant(date, `${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}`, zone, t, true)
  }
  const iso = readIsoInstant(t)
  if (iso.ok) return ok({ start: iso.value, timeKnown: true })
  return /^\d{4}-/.test(t) ? readWallClock(t, zone) : bad(msg('badHevyDate', { value: t }))
}

/** An ISO 8601 timestamp with an offset or Z, as the UTC instant. */
export function readIsoInstant(text: string): Read<string> {
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) return bad(msg('noOffset', { value: text }))
  const dt = DateTime.fromISO(text.trim(), { setZone: true })
  return dt.isValid ? ok(dt.toUTC().toISO() as string) : bad(msg('notIso', { value: text.trim() }))
}
