// What a fresh registration form can guess from the browser: the weight unit its country lifts in.

/** Countries whose gyms load in pounds (the US, Liberia, Myanmar); everywhere else kilograms. */
const POUND_REGIONS = new Set(['US', 'LR', 'MM'])

/**
 * The unit for the browser's preferred language (the first of Accept-Language): lb when that tag names
 * a pound country ("en-US"), else kg. A tag without a region ("en") says nothing about the gym: kg.
 */
export function unitForLanguages(acceptLanguage: string | undefined): 'kg' | 'lb' {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim()
  if (!first || first === '*') return 'kg'
  try {
    const region = new Intl.Locale(first).region
    return region && POUND_REGIONS.has(region) ? 'lb' : 'kg'
  } catch {
    return 'kg' // not a language tag
  }
}
