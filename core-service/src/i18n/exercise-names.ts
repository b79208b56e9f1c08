// How the built-in catalog reads in a language: exercise names (catalog.exercises.<catalog key>), body
// regions, equipment and the catalog's muscle groups. The database keeps the English names (the seed and
// the JSON API use them); pages translate at display. A lifter's own exercises and muscle groups show as
// typed. Built-in names are unique, and a custom exercise cannot take one (exercises/repository.ts), so
// the English name identifies the built-in.
import { exerciseCatalog } from '../db/catalog.ts'
import { LOCALES, type Locale } from './locales.ts'
import { catalogs, translator } from './translate.ts'

const keyByName = new Map(exerciseCatalog.map((e) => [e.name, e.key]))

/** An exercise's name in the locale: the catalog's translation for a built-in, else as typed. */
export function exerciseName(name: string, locale: Locale): string {
  const key = keyByName.get(name)
  return key && locale !== 'en' ? translator(locale)(`catalog.exercises.${key}`) : name
}

/** Every name a built-in has across the languages (what a search may match), by its English name. */
export function namesInEveryLanguage(name: string): string[] {
  const key = keyByName.get(name)
  if (!key) return [name]
  return [name, ...LOCALES.map((locale) => translator(locale)(`catalog.exercises.${key}`))]
}

const muscleGroups = catalogs.en.catalog as { muscleGroups: Record<string, string> }
const muscleKeyByName = new Map(Object.entries(muscleGroups.muscleGroups).map(([key, name]) => [name, key]))

/** A muscle group in the locale: the catalog's ones are translated ("lower back" → "spodnji del hrbta"). */
export function muscleGroupLabel(group: string, locale: Locale): string {
  const key = muscleKeyByName.get(group)
  return key ? translator(locale)(`catalog.muscleGroups.${key}`) : group
}

/** A body region ("full_body") in the locale. */
export function categoryLabel(category: string, locale: Locale = 'en'): string {
  return translator(locale)(`catalog.categories.${category}`)
}

/** An equipment kind ("kettlebell") in the locale. */
export function equipmentLabel(equipment: string, locale: Locale = 'en'): string {
  return translator(locale)(`catalog.equipment.${equipment}`)
}

/** A collator per locale, so lists sorted by translated name read in alphabetical order. */
const collators = new Map(LOCALES.map((locale) => [locale, new Intl.Collator(locale)]))
export function compareNames(locale: Locale): (a: string, b: string) => number {
  const collator = collators.get(locale) as Intl.Collator
  return (a, b) => collator.compare(a, b)
}
