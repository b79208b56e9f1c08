// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) and a constant-shape
// verify for unknown users, so login timing does not reveal which usernames exist.
import { type Algorithm, hash, verify } from '@node-rs/argon2'

// Algorithm.Argon2id; the enum is a const enum that isolated modules cannot read.
const ARGON2ID = 2 as Algorithm

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 200

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false // a malformed stored hash never signs anyone in
  }
}

let dummyHash: Promise<string> | undefined

/** Computes the dummy hash ahead of the first unknown-user login, so even that one costs one verify. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('liftlog-dummy-password-never-matches')
  return dummyHash
}

/** Spends the same work as a real verify and always fails: used when the username is unknown. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password)
  return false
}

// Passwords of 10+ characters that lead every breach list (NIST SP 800-63B: refuse known-compromised values).
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '0987654321',
  '1111111111',
  '12345678910',
  '123456789a',
  'a123456789',
  'password12',
  'password123',
  'password1!',
  'passw0rd12',
  'qwertyuiop',
  'qwerty1234',
  '1q2w3e4r5t',
  'iloveyou12',
  'abcdefghij',
  'abcd123456',
  '1qaz2wsx3edc',
  'zaq12wsxcde',
  'letmein123',
  'welcome123',
  'football12',
  'baseball12',
  'liftlog123',
  'changeme123',
  'administrator',
])

/**
 * Why a new password is too easy to guess, or null. Length is checked by the schemas; this adds what
 * NIST SP 800-63B asks for beyond it: no well-known password, not the username, not one repeated pattern.
 */
export function passwordProblem(password: string, username: string): string | null {
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return 'is one of the most common passwords; choose another'
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'must not contain your username'
  if (new Set(lower).size < 4) return 'uses too few different characters'
  return null
}
