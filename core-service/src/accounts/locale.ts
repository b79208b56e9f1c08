// What the browser's language says about the lifter: the weight unit its country lifts in (a fresh
// registration form), whether its clock reads 12-hour (times on every page) and the day its calendar
// weeks start on.
import { LRUCache } from 'lru-cache'

/** Countries whose gyms load in pounds (the US, Liberia, Myanmar); everywhere else kilograms. */
const POUND_REGIONS = new Set(['US', 'LR', 'MM'])

/**
 * The unit for the browser's preferred language (the first of Accept-Language): lb when that tag names
 * a pound country ("en-US"), else kg. A tag without a region ("en") says nothing about the gym: kg.
 */
export function unitForLanguages(acceptLanguage: string | undefined): 'kg' | 'lb' {
  const first = firstTag(acceptLanguage)
  if (!first) return 'kg'
  try {
    const region = new Intl.Locale(first).region
    return region && POUND_REGIONS.has(region) ? 'lb' : 'kg'
  } catch {
    return 'kg' // not a language tag
  }
}

/** The first tag of Accept-Language, or undefined. */
function firstTag(acceptLanguage: string | undefined): string | undefined {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim()
  return first && first !== '*' ? first : undefined
}

// Tags come from requests: a bounded cache, and one Intl formatter per distinct tag (a formatter per
// request is what made stats-service's memory grow, issue 15).
const twelveHour = new LRUCache<string, boolean>({ max: 256 })

/**
 * Whether times read 12-hour ("8:45 AM") for the browser's preferred language, as Intl says for it (en-US,
 * en-AU, hi-IN: yes; en-GB, de, sl: no). No header or an unreadable one: 24-hour.
 */
export function twelveHourClock(acceptLanguage: string | undefined): boolean {
  const tag = firstTag(acceptLanguage)
  if (!tag) return false
  let known = twelveHour.get(tag)
  if (known === undefined) {
    try {
      const cycle = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hourCycle
      known = cycle === 'h11' || cycle === 'h12'
    } catch {
      known = false // not a language tag
    }
    twelveHour.set(tag, known)
  }
  return known
}

const weekStarts = new LRUCache<string, number>({ max: 256 })

/**
 * The first day of the calendar week for the browser's preferred language, as an ISO weekday (1 Monday …
 * 7 Sunday) from Intl's week data: Sunday for en-US or pt-BR, Monday for en-GB, de or sl. No header or an
 * unreadable one: Monday (ISO).
 */
export function firstDayOfWeek(acceptLanguage: string | undefined): number {
  const tag = firstTag(acceptLanguage)
  if (!tag) return 1
  let known = weekStarts.get(tag)
  if (known === undefined) {
    try {
      // getWeekInfo() in current engines; the weekInfo getter in older ones (Node 20).
      const locale = new Intl.Locale(tag) as Intl.Locale & {
        getWeekInfo?: () => { firstDay: number }
        weekInfo?: { firstDay: number }
      }
      const day = (locale.getWeekInfo?.() ?? locale.weekInfo)?.firstDay
      known = Number.isInteger(day) && day! >= 1 && day! <= 7 ? day! : 1
    } catch {
      known = 1
    }
    weekStarts.set(tag, known)
  }
  return known
}
