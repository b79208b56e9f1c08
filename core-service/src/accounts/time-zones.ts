// IANA time zones: the list the forms offer and the check every write of a zone goes through.
import { isKnownTimeZone } from '@liftlog/service-kit'

/** Sorted zone names the runtime knows (plus UTC), for the <select> on the register and settings forms. */
export const timeZones: readonly string[] = [
  ...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]),
].sort()

export function isValidTimeZone(zone: string): boolean {
  // Luxon accepts offsets like "Etc/GMT+1" and odd casings; require a real IANA name of sane length.
  return zone.length <= 64 && isKnownTimeZone(zone)
}
