// What a reader gets from a page as text: text nodes (SVG chart labels included), the document title and
// the attributes people read or hear (aria-label, title, placeholder, alt, data-label, label) and those
// holding what the page's scripts will say, each
// decoded and with runs of white space collapsed. Scripts, styles and comments are not text.
// data-label-*, data-uploading…: words the page's scripts show later (e.g. after moving a set).
const ATTRIBUTES =
  /\s(?:aria-label|title|placeholder|alt|data-label(?:-\w+)?|label|data-(?:uploading|reading|failed|unreachable))="([^"]*)"/g

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&amp;', '&')
}

const tidy = (text: string) => decode(text).replace(/\s+/g, ' ').trim()

/** Every piece of visible or spoken text in the page, in document order. */
export function visibleTexts(html: string): string[] {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    // <meta name="csrf-token" content=…> and the like carry no text; their attributes are not read.
    .replace(/<(meta|link)\b[^>]*>/gi, '')
  const out: string[] = []
  for (const tag of body.matchAll(/<[a-z][^>]*>/gi))
    for (const attribute of tag[0].matchAll(ATTRIBUTES)) out.push(tidy(attribute[1] as string))
  for (const text of body.replace(/<[^>]+>/g, '\n').split('\n')) out.push(tidy(text))
  return out.filter((text) => text !== '')
}

export interface UntranslatedCheck {
  /** Exact texts that are the same in every language: user data, names of apps and people. */
  allowed: readonly string[]
  /** English catalog messages (their words: interpolations removed); a Slovenian page must contain none. */
  englishMessages: readonly string[]
}

// Words that read the same in both languages: the brand, units, abbreviations, formula and app names,
// and the muscles Slovenian names as English does.
const SHARED_WORDS =
  /\b(?:LiftLog|kg|lb|RPE|e?1RM|API|CSV|JSON|Epley|Brzycki|Strong|Hevy|FitNotes|Authorization|Bearer|token|UTC|English|Slovenščina|biceps|triceps)\b/g

// Time zone identifiers (Europe/Ljubljana, America/Argentina/Buenos_Aires) are names, not English.
const IANA_ZONE = /\b[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+/g

/** Whether a text has words of its own once shared words, numbers and symbols are taken out. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text.replace(IANA_ZONE, '').replace(SHARED_WORDS, ''))
}

/**
 * The texts of a Slovenian page that are English: a text also on the English rendering of the same page
 * (so nothing translated it), or one containing an English catalog message. Allowed texts and texts
 * without words of their own (numbers, units, "LiftLog") are fine.
 */
export function untranslatedTexts(englishHtml: string, slovenianHtml: string, check: UntranslatedCheck) {
  const allowed = new Set(check.allowed)
  const english = new Set(visibleTexts(englishHtml))
  const found: string[] = []
  for (const text of visibleTexts(slovenianHtml)) {
    if (allowed.has(text) || !hasWords(text)) continue
    let rest = text
    for (const value of check.allowed) if (value) rest = rest.replaceAll(value, '')
    if (!hasWords(rest)) continue
    const message = check.englishMessages.find((m) => rest.includes(m))
    if (english.has(text)) found.push(text)
    else if (message) found.push(`${text} (contains "${message}")`)
  }
  return [...new Set(found)]
}
