// The current time and UTC offset in an IANA zone, computed locally (the old system called a third-party
// API for this, and its failures opened the analytics circuit breaker).
import { DateTime } from 'luxon'

export function zoneTime(zone: string, now: Date) {
  const t = DateTime.fromJSDate(now, { zone })
  return {
    zone: t.zoneName as string,
    now: t.toISO({ suppressMilliseconds: false }) as string,
    offsetMinutes: t.offset,
    offset: t.toFormat('ZZ'),
    abbreviation: t.offsetNameShort ?? t.toFormat('ZZ'),
  }
}
