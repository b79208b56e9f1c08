// Numbers for reading in a page's locale: "1,234.5" in English, "1.234,5" in Slovenian. One Intl
// formatter per (locale, decimals), built on first use: toLocaleString would build one per call.
import { DEFAULT_LOCALE, type Locale } from './locales.ts'

/** The Intl tag for each locale: en keeps the en-US digits the pages have always shown. */
const INTL_TAGS: Record<Locale, string> = { en: 'en-US', sl: 'sl-SI' }

const formatters = new Map<string, Intl.NumberFormat>()

/** A formatter showing at most `decimals` digits after the separator (no trailing zeros). */
export function numberFormat(locale: Locale = DEFAULT_LOCALE, decimals = 0): Intl.NumberFormat {
  const key = `${locale}:${decimals}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: decimals })
    formatters.set(key, format)
  }
  return format
}

/**
 * A decimal as typed ("81.35", a Decimal's string) with the locale's separator: "81,35" in Slovenian.
 * The digits stay exactly as typed: no rounding, no grouping.
 */
export function localDecimal(typed: string | number, locale: Locale = DEFAULT_LOCALE): string {
  const text = String(typed)
  return locale === 'sl' ? text.replace('.', ',') : text
}

/**
 * A typed number with a decimal comma ("81,35", as Slovenian writes it) read as its decimal point twin
 * ("81.35"); anything else is left as it was typed. Only one or two digits after the comma count: weights
 * have at most two decimals, so "1,250" stays unreadable rather than becoming 1.25 or 1250.
 */
export function acceptDecimalComma(typed: string): string {
  return /^\d+,\d{1,2}$/.test(typed) ? typed.replace(',', '.') : typed
}

/** A whole count: 1234 → "1,234" (en), "1234" (sl: Slovenian groups from five digits). */
export function formatCount(value: number, locale: Locale = DEFAULT_LOCALE): string {
  return Number.isFinite(value) ? numberFormat(locale, 0).format(value) : ''
}
