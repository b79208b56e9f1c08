// Every write of a lifter's data starts here, inside its transaction.
import { Unauthenticated } from '../errors.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { WeightUnit } from '../units.ts'

/**
 * Bumps the lifter's data_version — stats' cache key, so the next stats answer after this write is computed
 * afresh — and reads their zone and unit. Updating the row also locks it: two writes of one lifter (saves,
 * imports, exercise changes) apply one after the other. Raw SQL: every write pays for it (see
 * workouts/repository.ts on the write path's cost).
 */
export async function lockOwner(tx: Prisma.TransactionClient, userId: string) {
  const [owner] = await tx.$queryRaw<{ timeZone: string; unit: WeightUnit }[]>`
    UPDATE users SET data_version = data_version + 1, updated_at = now() WHERE id = ${userId}::uuid
    RETURNING time_zone AS "timeZone", unit::text AS unit`
  // Deleted by another request (its own sign-out or deletion) while this one was under way.
  if (!owner) throw new Unauthenticated('this account no longer exists; sign in again')
  return owner
}
