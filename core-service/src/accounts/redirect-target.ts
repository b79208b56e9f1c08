// The one check for where a lifter may be sent after signing in (`next`): a path on this site, nothing else.
// Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" would become
// "//evil.example"; any control, whitespace or backslash character therefore refuses the whole value.

const MAX_LENGTH = 2000
// C0 controls, space, DEL, C1 controls, NBSP, the Unicode spaces, separators and invisible marks, and "\".
const REFUSED =
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\\]/
// A base no real request can have: the parsed target must keep exactly this origin.
const BASE = 'http://liftlog.invalid'

/** `next` as a same-origin path (normalised, percent-encoded), or '/' for anything else. Never throws. */
export function safeRedirectTarget(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_LENGTH) return '/'
  if (!next.startsWith('/') || next.startsWith('//') || REFUSED.test(next)) return '/'
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
