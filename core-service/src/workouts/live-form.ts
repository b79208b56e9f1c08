// The live page without JavaScript: each row is its own small form (reps, weight, and the button pressed),
// mapped here in one step to the API's body (live-schemas.ts), which then checks it like a JSON request.
import { searchKey } from '../exercises/search-key.ts'
import type { Exercise } from '../exercises/types.ts'
import { compareNames, exerciseName, namesInEveryLanguage } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import type { FormBody } from './form.ts'
import { formNumber } from './form.ts'
import type { RowChangeBody } from './live-schemas.ts'

/** What a row form's button asks for: tick, untick, remove, or (Enter, the hidden default) just keep. */
export type RowAction = 'done' | 'undo' | 'remove' | 'keep'

function text(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

export function rowAction(body: FormBody): RowAction {
  const action = text(body.action)
  return action === 'done' || action === 'undo' || action === 'remove' ? action : 'keep'
}

/** The API body for a row form: empty fields are left as they were; `done` from the button pressed. */
export function toRowChange(body: FormBody, action: RowAction): RowChangeBody {
  const reps = text(body.reps)
  const weight = text(body.weight)
  return {
    ...(reps === '' ? {} : { reps: formNumber(reps) }),
    ...(weight === '' ? {} : { weight: formNumber(weight) }),
    ...(action === 'done' ? { done: true } : action === 'undo' ? { done: false } : {}),
  }
}

export interface PickerChoice {
  id: string
  name: string
  /**
   * searchKey(name): what the page script matches typed text against, as the server does. Outside English
   * a built-in's keys in every language, space-separated, so "pullup" and "zgibi" both find it.
   */
  key: string
  recent: boolean
}

/**
 * The exercise picker: the lifter's recent exercises first (most recently used, then most used), then the
 * staple lifts (`stapleIds`, in their order) so a lifter with little history can tap one, then the rest by
 * name; with `q`, only those whose name matches it as the exercise search does ("pullup" → Pull-Up).
 */
export function pickerChoices(
  exercises: Exercise[],
  recentIds: string[],
  q = '',
  locale: Locale = 'en',
  stapleIds: string[] = [],
): PickerChoice[] {
  const wanted = searchKey(q)
  const rank = new Map(recentIds.map((id, i) => [id, i]))
  const staple = new Map(stapleIds.map((id, i) => [id, recentIds.length + i]))
  const order = (id: string) => rank.get(id) ?? staple.get(id) ?? 1e9
  const byName = locale === 'en' ? (a: string, b: string) => a.localeCompare(b) : compareNames(locale)
  const keyOf = (name: string) =>
    locale === 'en' ? searchKey(name) : [...new Set(namesInEveryLanguage(name).map(searchKey))].join(' ')
  return exercises
    .filter((e) => !e.archived)
    .map((e) => ({
      id: e.id,
      name: exerciseName(e.name, locale),
      key: keyOf(e.name),
      recent: rank.has(e.id),
    }))
    .filter((c) => !wanted || c.key.split(' ').some((key) => key.includes(wanted)))
    .sort((a, b) => order(a.id) - order(b.id) || byName(a.name, b.name))
}
