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
