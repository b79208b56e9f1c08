// Calendar arithmetic in a lifter's IANA zone with luxon: "today", ISO weeks, months and date ranges.
// Dates travel as 'YYYY-MM-DD' strings (the lifter's local calendar dates), never as instants.
import { isKnownTimeZone } from '@liftlog/service-kit'
import { DateTime } from 'luxon'

export type Bucket = 'day' | 'week' | 'month'

export const isValidZone = isKnownTimeZone

function date(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'UTC' })
}

/** The lifter's local date at the instant `now`. */
export function localToday(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() as string
}

export function addDays(iso: string, days: number): string {
  return date(iso).plus({ days }).toISODate() as string
}

export function addMonths(iso: string, months: number): string {
  return date(iso).plus({ months }).toISODate() as string
}

/** First local date of the bucket containing `iso`: itself, its ISO week's Monday, or the 1st. */
export function bucketStart(iso: string, bucket: Bucket): string {
  return date(iso)
    .startOf(bucket === 'week' ? 'week' : bucket)
    .toISODate() as string
}

/** Last local date of the bucket containing `iso`. */
export function bucketEnd(iso: string, bucket: Bucket): string {
  return date(iso)
    .endOf(bucket === 'week' ? 'week' : bucket)
    .toISODate() as string
}

/** Number of buckets from the one containing `from` to the one containing `to`, inclusive. */
export function bucketCount(from: string, to: string, bucket: Bucket): number {
  const a = date(bucketStart(from, bucket))
  const b = date(bucketStart(to, bucket))
  if (bucket === 'day') return b.diff(a, 'days').days + 1
  if (bucket === 'week') return Math.round(b.diff(a, 'days').days / 7) + 1
  return Math.round(b.diff(a, 'months').months) + 1
}

export function daysInMonth(month: string): { first: string; last: string } {
  const first = date(`${month}-01`)
  return { first: first.toISODate() as string, last: first.endOf('month').toISODate() as string }
}

/**
 * UTC instants that surely contain every workout whose local date lies in [from, to], whatever zone it
 * was logged in (offsets run from −12h to +14h): lets set queries use the (user_id, …, started_at)
 * indexes while local_date decides exactly.
 */
export function instantWindow(from: string, to: string): { lo: string; hi: string } {
  return { lo: `${addDays(from, -1)}T00:00:00Z`, hi: `${addDays(to, 2)}T00:00:00Z` }
}
