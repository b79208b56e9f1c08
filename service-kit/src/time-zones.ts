// Whether a string names a time zone this runtime knows, answered once per name and then remembered.
// Asking Intl (as luxon's IANAZone.isValidZone does) builds a DateTimeFormat whose native memory V8's
// collector barely counts: done once per request, it grew stats-service's RSS without bound. The memo is
// bounded because names can come from a query string.
const answers = new Map<string, boolean>()
const MEMO_LIMIT = 2048

export function isKnownTimeZone(zone: string): boolean {
  const known = answers.get(zone)
  if (known !== undefined) return known
  let valid = zone !== ''
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
    } catch {
      valid = false
    }
  }
  if (answers.size < MEMO_LIMIT) answers.set(zone, valid)
  return valid
}
