// The one check for where a lifter may be sent after signing in (`next`): a path on this site, nothing else.
// Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" would become
// "//evil.example"; any control, whitespace or backslash character therefore refuses the whole value.

const MAX_LENGTH = 2000
// C0 controls, space, DEL, C1 controls, NBSP, the Unicode spaces, separators and invisible marks, and "\".
function isRefused(char: string): boolean {
  const c = char.codePointAt(0) ?? 0
  return (
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) ||
    c === 0x5c ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202f) ||
    (c >= 0x205f && c <= 0x2064) ||
    c === 0x3000 ||
    c === 0xfeff
  )
}
// A base no real request can have: the parsed target must keep exactly this origin.
const BASE = 'http://liftlog.invalid'

/** `next` as a same-origin path (normalised, percent-encoded), or '/' for anything else. Never throws. */
export function safeRedirectTarget(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_LENGTH) return '/'
  if (!next.startsWith('/') || next.startsWith('//') || [...next].some(isRefused)) return '/'
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
