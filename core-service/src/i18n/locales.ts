// Which language a page is rendered in: the lifter's own choice (settings page), else the first language
// of the browser's Accept-Language that LiftLog speaks, else English.

/** The languages the pages are written in; the first is the default. */
export const LOCALES = ['en', 'sl'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * The best of LOCALES for an Accept-Language header, by the header's q-values ("sl-SI,sl;q=0.9,en;q=0.8"
 * → sl); a region never matters ("en-US" → en). Nothing we speak: undefined.
 */
export function localeFromHeader(acceptLanguage: string | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined
  let best: { locale: Locale; q: number } | undefined
  // A header is short in practice; the slice keeps a hostile one from costing more than a few splits.
  for (const part of acceptLanguage.slice(0, 512).split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const language = tag.trim().toLowerCase().split('-')[0]
    if (!isLocale(language)) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { locale: language, q }
  }
  return best?.locale
}

/** The page language: the lifter's setting, else Accept-Language, else English. */
export function localeFor(setting: string | null | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(setting)) return setting
  return localeFromHeader(acceptLanguage) ?? DEFAULT_LOCALE
}
