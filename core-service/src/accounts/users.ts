// Accounts: registration, sign-in, settings, password change and deletion. Every function takes the
// user id it acts for; nothing here reads another lifter's row.
import { Conflict, Forbidden, fieldError, NotFound, ValidationFailed } from '../errors.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { type CurrentUser, currentUserSelect } from './current-user.ts'
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './passwords.ts'
import { isValidTimeZone } from './time-zones.ts'

export interface NewUser {
  username: string
  password: string
  displayName?: string
  timeZone: string
  unit: 'kg' | 'lb'
}

export interface SettingsChange {
  displayName?: string
  timeZone?: string
  unit?: 'kg' | 'lb'
  /** 'auto' clears the choice: the pages follow the browser's language again. */
  language?: 'auto' | 'en' | 'sl'
}

const UNIQUE_VIOLATION = 'P2002'

function checkTimeZone(zone: string | undefined) {
  if (zone !== undefined && !isValidTimeZone(zone)) {
    throw fieldError(new ValidationFailed(`"${zone.slice(0, 64)}" is not a known IANA time zone`), 'timeZone')
  }
}

function checkStrength(password: string, username: string, field: string) {
  const problem = passwordProblem(password, username)
  if (problem) throw fieldError(new ValidationFailed(`the password ${problem}`), field)
}

export async function registerUser(prisma: PrismaClient, input: NewUser): Promise<CurrentUser> {
  checkTimeZone(input.timeZone)
  checkStrength(input.password, input.username, 'password')
  const passwordHash = await hashPassword(input.password)
  try {
    return await prisma.user.create({
      data: {
        username: input.username,
        passwordHash,
        displayName: input.displayName?.trim() || input.username,
        timeZone: input.timeZone,
        unit: input.unit,
      },
      select: currentUserSelect,
    })
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw fieldError(new Conflict(`the username "${input.username}" is taken; choose another`), 'username')
    }
    throw error
  }
}

/** The user for these credentials, or null. Unknown usernames cost the same argon2 work as wrong passwords. */
export async function authenticate(
  prisma: PrismaClient,
  username: string,
  password: string,
): Promise<CurrentUser | null> {
  const row = await prisma.user.findUnique({
    where: { username },
    select: { ...currentUserSelect, passwordHash: true },
  })
  if (!row) return verifyAgainstDummy(password).then(() => null)
  if (!(await verifyPassword(row.passwordHash, password))) return null
  const { passwordHash: _, ...user } = row
  return user
}

/**
 * Applies a settings change. A new time zone or unit changes how this lifter's numbers are bucketed and
 * shown, so data_version is bumped in the same UPDATE (stats-service keys its cache by it).
 */
export async function updateSettings(
  prisma: PrismaClient,
  userId: string,
  change: SettingsChange,
): Promise<CurrentUser> {
  checkTimeZone(change.timeZone)
  return prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId }, select: currentUserSelect })
    if (!current) throw new NotFound('user')
    const affectsNumbers =
      (change.timeZone !== undefined && change.timeZone !== current.timeZone) ||
      (change.unit !== undefined && change.unit !== current.unit)
    return tx.user.update({
      where: { id: userId },
      data: {
        ...(change.displayName !== undefined
          ? { displayName: change.displayName.trim() || current.username }
          : {}),
        ...(change.timeZone !== undefined ? { timeZone: change.timeZone } : {}),
        ...(change.unit !== undefined ? { unit: change.unit } : {}),
        ...(change.language !== undefined
          ? { language: change.language === 'auto' ? null : change.language }
          : {}),
        ...(affectsNumbers ? { dataVersion: { increment: 1 } } : {}),
      },
      select: currentUserSelect,
    })
  })
}

async function checkCurrentPassword(prisma: PrismaClient, userId: string, password: string, field: string) {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } })
  if (!row) throw new NotFound('user')
  if (!(await verifyPassword(row.passwordHash, password))) {
    throw fieldError(new Forbidden('the current password is not correct'), field)
  }
}

export async function changePassword(
  prisma: PrismaClient,
  userId: string,
  currentPassword: string,
  newPassword: string,
) {
  await checkCurrentPassword(prisma, userId, currentPassword, 'currentPassword')
  const { username } = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { username: true },
  })
  checkStrength(newPassword, username, 'newPassword')
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } })
}

/** Deletes the account and everything it owns, after re-checking the password, in one transaction. */
export async function deleteAccount(prisma: PrismaClient, userId: string, password: string) {
  await checkCurrentPassword(prisma, userId, password, 'password')
  // Sets go first: PostgreSQL runs the cascades as separate triggers, and the NO ACTION check protecting an
  // exercise's history fires when the user's custom exercises are cascaded, before the workouts' cascade
  // has removed their sets. Deleting sets, then workouts, then the user (cascading exercises and tokens) works.
  await prisma.$transaction([
    prisma.workoutSet.deleteMany({ where: { userId } }),
    prisma.workout.deleteMany({ where: { userId } }),
    prisma.user.delete({ where: { id: userId } }),
  ])
}

/** A signed-in lifter's own account (request.lifter.account): settings, password, deletion. */
export function accountStore(prisma: PrismaClient, userId: string) {
  return {
    updateSettings: (change: SettingsChange) => updateSettings(prisma, userId, change),
    changePassword: (currentPassword: string, newPassword: string) =>
      changePassword(prisma, userId, currentPassword, newPassword),
    delete: (password: string) => deleteAccount(prisma, userId, password),
  }
}

/** What guests may do (fastify.accounts): register, and check credentials to sign in. */
export function guestAccounts(prisma: PrismaClient) {
  return {
    register: (input: NewUser) => registerUser(prisma, input),
    authenticate: (username: string, password: string) => authenticate(prisma, username, password),
  }
}
