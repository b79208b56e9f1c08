// A lifter's local calendar: dates and times in their IANA zone, whatever zone the server runs in.
import { DateTime } from 'luxon'
import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** 00:00 to 23:59 (seconds optional); luxon would read 24:00 as the next day's midnight. */
export const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/
/** Nothing before this is a plausible training log entry (and it keeps date pickers sane). */
export const EARLIEST_DATE = '1970-01-01'

/** The local date ("2026-11-23") of an instant in the zone. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string
}

/** The lifter's date today, by the request's clock (request.lifter.today() passes it). */
export function todayIn(zone: string, now: Date): string {
  return localDateOf(now, zone)
}

/** "2026-11-23" → the value Prisma stores in a DATE column (midnight UTC of that calendar date). */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`)
}

/** A DATE column value back to "2026-11-23". */
export function fromDateColumn(value: Date): string {
  return value.toISOString().slice(0, 10)
}

/** Whether "2026-02-30"-style input names a real calendar date. */
export function isRealDate(isoDate: string): boolean {
  return ISO_DATE.test(isoDate) && DateTime.fromISO(isoDate, { zone: 'UTC' }).isValid
}

/** Form date + time typed in the lifter's zone → the instant; null when they don't name one. */
export function instantFromLocal(date: string, time: string, zone: string): Date | null {
  if (!isRealDate(date) || !LOCAL_TIME.test(time)) return null
  const dt = DateTime.fromISO(`${date}T${time}`, { zone })
  return dt.isValid ? dt.toJSDate() : null
}

/** The instant shown in a form as the lifter's local date and time ("HH:mm"). */
export function localParts(instant: Date, zone: string): { date: string; time: string } {
  const dt = DateTime.fromJSDate(instant, { zone })
  return { date: dt.toISODate() as string, time: dt.toFormat('HH:mm') }
}

/**
 * The latest start a workout may have: the end of the lifter's today. Logging later today (a planned
 * session, a phone with a slow clock) is fine; tomorrow has not happened yet.
 */
export function latestStart(zone: string, now: Date): Date {
  return DateTime.fromJSDate(now, { zone }).endOf('day').toJSDate()
}

/** How a time of day reads: "18:30", or "6:30 PM" on a 12-hour clock (the lifter's language says which). */
export function timeOfDayFormat(twelveHour: boolean): string {
  return twelveHour ? 'h:mm a' : 'HH:mm'
}

/** A readable local timestamp, e.g. "Mon 23 Nov 2026, 18:30" (or ", 6:30 PM"). */
export function formatLocal(instant: Date, zone: string, twelveHour = false, locale: Locale = 'en'): string {
  return DateTime.fromJSDate(instant, { zone })
    .setLocale(locale)
    .toFormat(`ccc d LLL yyyy, ${timeOfDayFormat(twelveHour)}`)
}

/**
 * When a workout started, as it was lived: in the zone it was logged in, e.g. "Sat 4 Apr 2026, 08:45";
 * labelled with that zone when it is not the lifter's zone now ("…, 08:45 Pacific/Chatham time").
 */
export function formatWorkoutTime(
  workout: { startedAt: Date; timeZone: string | null },
  lifterZone: string,
  twelveHour = false,
  locale: Locale = 'en',
): string {
  const zone = workout.timeZone ?? lifterZone
  const text = formatLocal(workout.startedAt, zone, twelveHour, locale)
  return zone === lifterZone ? text : translator(locale)('workouts.whenInZone', { when: text, zone })
}

/** The zone a workout's date and time are shown and edited in: its own, else the lifter's. */
export function workoutZone(workout: { timeZone: string | null }, lifterZone: string): string {
  return workout.timeZone ?? lifterZone
}

/** A readable date, e.g. "Monday 23 November 2026". */
export function formatDate(isoDate: string, locale: Locale = 'en'): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC', locale }).toFormat('cccc d LLLL yyyy')
}
