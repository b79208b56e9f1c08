// Form error messages on pages, in the page's language. The messages themselves are written once, in
// English, where each rule lives (schemas' withMessage, domain rules, catalogued errors): the JSON API
// sends them as they are. Pages show them through {{formError}}, which reads each known wording — fixed
// text or a pattern whose values (limits, names) are carried over — as a catalog message (formErrors.*).
// A wording this table does not know yet still shows, in English, rather than disappearing; the
// Slovenian page test catches one that reaches a page.
import { DEFAULT_LOCALE, type Locale } from './locales.ts'
import { translator } from './translate.ts'

/** [the English wording, its catalog key, the names of its captured values]. */
const WORDINGS: [RegExp, string, string[]][] = [
  [/^is required$/, 'required', []],
  [/^is not a known field$/, 'unknownField', []],
  [/^choose a body region$/, 'chooseBodyRegion', []],
  [/^choose the equipment$/, 'chooseEquipment', []],
  [/^choose an exercise$/, 'chooseExercise', []],
  [/^unknown exercise$/, 'unknownExercise', []],
  [/^unit must be kg or lb$/, 'unitKgLb', []],
  [/^choose kg or lb$/, 'unitKgLb', []],
  [/^is not a valid date and time$/, 'invalidDateTime', []],
  [/^is not a valid date \(YYYY-MM-DD\)$/, 'invalidDate', []],
  [/^cannot be after today$/, 'afterToday', []],
  [/^must be after (\S+)$/, 'after', ['date']],
  [/^must be (\S+) or later$/, 'orLater', ['date']],
  [/^add at least one set$/, 'atLeastOneSet', []],
  [/^at most (\d+) sets per workout$/, 'maxSets', ['max']],
  [/^must be a whole number from (\d+) to (\d+)$/, 'wholeNumber', ['min', 'max']],
  [/^must be a number from (\S+) to (\S+) kg \((\S+) lb\)$/, 'weightRangeBoth', ['min', 'max', 'lb']],
  [/^must be a number from (\S+) to (\S+) (kg|lb)$/, 'weightRange', ['min', 'max', 'unit']],
  [/^must have at most (\d+) decimals$/, 'decimals', ['max']],
  [/^must be more than 0 for this exercise$/, 'moreThanZero', []],
  [/^must be (\S+) to (\S+) in steps of 0\.5$/, 'rpe', ['min', 'max']],
  [/^must be at most (\d+) characters$/, 'maxChars', ['max']],
  [/^use up to (\d+) characters$/, 'upToChars', ['max']],
  [/^use (\d+)–(\d+) characters$/, 'charsBetween', ['min', 'max']],
  [/^use 3–32 letters, digits, underscore, dot or hyphen$/, 'usernameRule', []],
  [/^choose a time zone from the list$/, 'chooseTimeZone', []],
  [/^choose a language from the list$/, 'chooseLanguage', []],
  [/^"(.*)" is not a known IANA time zone$/, 'unknownZone', ['zone']],
  [/^the password is one of the most common passwords; choose another$/, 'commonPassword', []],
  [/^the password must not contain your username$/, 'passwordHasUsername', []],
  [/^the password uses too few different characters$/, 'passwordFewCharacters', []],
  [/^the username "(.*)" is taken; choose another$/, 'usernameTaken', ['name']],
  [/^the current password is not correct$/, 'wrongCurrentPassword', []],
  [/^Wrong username or password\.$/, 'wrongCredentials', []],
  [
    /^"(.*)" is already in the built-in catalog; pick it from the list or choose another name$/,
    'builtInName',
    ['name'],
  ],
  [/^you already have an exercise called "(.*)"$/, 'ownName', ['name']],
  [/^"(.*)" is used in (\d+) logged sets?; archive it instead of deleting it$/, 'inUse', ['name', 'count']],
  [/^enter a name$/, 'enterName', []],
  [/^enter the main muscle group$/, 'enterMuscleGroup', []],
  [/^enter a date$/, 'enterDate', []],
  [/^enter your weight$/, 'enterWeight', []],
  [/^must be a number, e\.g\. 81\.35$/, 'notNumber', []],
  [/^choose an exercise or “create as custom”$/, 'chooseOrCustom', []],
  [/^choose a CSV file to import$/, 'chooseCsv', []],
  [/^type the reps before ticking the set$/, 'repsBeforeTick', []],
  [/^tick at least one set before finishing, or discard the workout$/, 'tickBeforeFinish', []],
  [/^a live workout holds at most (\d+) exercises$/, 'maxEntries', ['max']],
  [/^an exercise holds at most (\d+) sets in a live workout$/, 'maxRows', ['max']],
  [
    /^this workout is in progress: change it set by set on its live page, or finish it first$/,
    'stillLive',
    [],
  ],
]

/** Every catalog key the table uses (the catalog test checks each exists). */
export const FORM_ERROR_KEYS = [...new Set(WORDINGS.map(([, key]) => `formErrors.${key}`))]

/** A form error message in the locale: its catalog wording, or the message as written. */
export function localizeFormError(message: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE || !message) return message
  for (const [pattern, key, names] of WORDINGS) {
    const match = pattern.exec(message)
    if (!match) continue
    const values: Record<string, unknown> = {}
    names.forEach((name, i) => {
      const value = match[i + 1] ?? ''
      values[name] = name === 'count' ? Number(value) : value
    })
    return translator(locale)(`formErrors.${key}`, values)
  }
  return message
}

/**
 * The table for a page script (live-workout.js) to word the JSON API's English refusals in the locale:
 * each wording's pattern source and its catalog message with {1}, {2}… where the captured values go.
 * Wordings with a count (a plural form to pick) are left out; the script falls back to general words.
 */
export function formErrorPatterns(locale: Locale): [string, string][] {
  const t = translator(locale)
  return WORDINGS.filter(([, , names]) => !names.includes('count')).map(([pattern, key, names]) => [
    pattern.source,
    t(`formErrors.${key}`, Object.fromEntries(names.map((name, i) => [name, `{${i + 1}}`]))),
  ])
}
