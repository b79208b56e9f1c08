// What the catalog tests read: every message of a catalog by its key, the keys a language must have (a
// plural key needs exactly the forms Intl.PluralRules names for that language), and every key the
// templates and the code ask for.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src')

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** Leaves of a nested catalog by dotted key: { nav: { calendar: "Calendar" } } → "nav.calendar". */
export function flatten(catalog: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of flatten(value as Record<string, unknown>, full)) out.set(k, v)
    else out.set(full, value)
  }
  return out
}

/** The message keys of a catalog, plural forms folded into their base key. */
export function baseKeys(flat: Map<string, unknown>): Set<string> {
  return new Set([...flat.keys()].map((k) => k.replace(PLURAL_SUFFIX, '')))
}

/** For each plural base key, the forms the catalog has: "workouts.sets" → ["few", "one", "other", "two"]. */
export function pluralForms(flat: Map<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const key of flat.keys()) {
    const match = PLURAL_SUFFIX.exec(key)
    if (!match) continue
    const base = key.slice(0, match.index)
    out.set(base, [...(out.get(base) ?? []), match[1] as string].sort())
  }
  return out
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : filesUnder(full, ext)
    return full.endsWith(ext) ? [full] : []
  })
}

/**
 * Every literal key the pages ask for, with where: {{t "key"}} and (t "key") in templates, t('key') and
 * request.t('key') in the code, and `label: 'nav.…'` style keys held in tables (named by `keyPattern`).
 */
export function usedKeys(): { key: string; where: string }[] {
  const out: { key: string; where: string }[] = []
  for (const file of filesUnder(path.join(srcDir, 'views'), '.hbs')) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/[{(]t "([^"]+)"/g))
      out.push({ key: m[1] as string, where: path.relative(srcDir, file) })
  }
  for (const file of filesUnder(srcDir, '.ts')) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w]*\.[\w.]+)'/g))
      out.push({ key: m[1] as string, where: path.relative(srcDir, file) })
    // Keys kept in tables and translated later (navLinks, option lists): values marked `key: '…'`/`label: '…'`
    // that look like catalog keys (a dot, no spaces).
    for (const m of text.matchAll(/\b(?:labelKey|key|label): '([a-z][\w]*\.[\w.]+)'/g))
      out.push({ key: m[1] as string, where: path.relative(srcDir, file) })
  }
  return out
}
