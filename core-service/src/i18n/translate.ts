// The message catalogs (en.json, sl.json) behind one i18next instance, and the locale-bound translate
// function pages and view builders use. i18next picks plural forms with Intl.PluralRules, so Slovenian
// gets its four (one, two, few, other: 1 serija, 2 seriji, 3 serije, 5 serij) from the same `count`.
import { createInstance, type TFunction } from 'i18next'
import en from './en.json' with { type: 'json' }
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts'
import sl from './sl.json' with { type: 'json' }

export const catalogs: Record<Locale, Record<string, unknown>> = { en, sl }

const i18n = createInstance()
// Resources are in memory, so initialisation is synchronous (initAsync: false) and done at import.
void i18n.init({
  resources: { en: { translation: en }, sl: { translation: sl } },
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  // Handlebars escapes what {{t}} returns; escaping here too would show "&amp;amp;".
  interpolation: { escapeValue: false },
  // A missing key must be visible in tests, not hidden by i18next answering the key itself.
  returnNull: false,
  returnEmptyString: false,
})

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** A bound on the messages remembered per language (the catalogs hold ~600; keys come from code). */
const REMEMBERED = 5000

const translators = new Map<Locale, Translate>()
for (const locale of LOCALES) {
  const t: TFunction = i18n.getFixedT(locale)
  // The catalogs never change while the process runs, so a message without values is looked up once:
  // i18next's lookup was ~3 ms of a 66-row exercises page (a few hundred calls; issue 15's profile).
  const plain = new Map<string, string>()
  translators.set(locale, (key, values) => {
    if (values && hasValues(values)) return String(t(key, values))
    let text = plain.get(key)
    if (text === undefined) {
      text = String(t(key, {}))
      if (plain.size < REMEMBERED) plain.set(key, text)
    }
    return text
  })
}

function hasValues(values: Record<string, unknown>): boolean {
  for (const _ in values) return true
  return false
}

/** The translate function for a locale: translator('sl')('nav.calendar') → "Koledar". */
export function translator(locale: Locale): Translate {
  return translators.get(locale) ?? (translators.get(DEFAULT_LOCALE) as Translate)
}

/** Whether the locale's catalog has this message (plural keys count by their forms). */
export function hasKey(locale: Locale, key: string): boolean {
  return (
    i18n.exists(key, { lng: locale, fallbackLng: false, count: 1 }) ||
    i18n.exists(key, { lng: locale, fallbackLng: false })
  )
}
