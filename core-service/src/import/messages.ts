// What the import readers say about a file, as structured messages: a catalog key (importReasons.*) and its
// values. A value may itself be a message (a reason inside "…; RPE left out") or a form error as the rules
// write it ({ formError }, worded by form-errors.ts). The JSON API renders them with the English catalog —
// its documented wording — and pages with the request's locale. Plans stored before messages were
// structured hold plain English strings; those are shown as they are.
import { localizeFormError } from '../i18n/form-errors.ts'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'

export type MessageValue = string | number | ImportMessage | { formError: string }

export interface ImportMessage {
  key: string
  values?: Record<string, MessageValue>
}

/** importReasons.<key> with its values. */
export const reason = (key: string, values?: Record<string, MessageValue>): ImportMessage =>
  values ? { key: `importReasons.${key}`, values } : { key: `importReasons.${key}` }

const isMessage = (v: unknown): v is ImportMessage =>
  typeof v === 'object' && v !== null && typeof (v as ImportMessage).key === 'string'

/** The message in the locale (English by default: the API's wording). */
export function renderMessage(message: ImportMessage | string, locale: Locale = DEFAULT_LOCALE): string {
  if (typeof message === 'string') return message
  const values: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(message.values ?? {})) {
    if (isMessage(value)) values[name] = renderMessage(value, locale)
    else if (typeof value === 'object' && value !== null && 'formError' in value)
      values[name] = localizeFormError(value.formError, locale)
    else values[name] = value
  }
  return translator(locale)(message.key, values)
}

/** Rows with their messages rendered: { line, reason } as the API and pages show them. */
export function renderRows(
  rows: readonly { line: number; reason: ImportMessage | string }[],
  locale: Locale = DEFAULT_LOCALE,
): { line: number; reason: string }[] {
  return rows.map(({ line, reason }) => ({ line, reason: renderMessage(reason, locale) }))
}
