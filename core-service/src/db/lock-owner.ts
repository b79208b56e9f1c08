// Every write of a lifter's data starts here, inside its transaction.
import type { Prisma } from '../generated/prisma/client.ts'

/**
 * Bumps the lifter's data_version — stats' cache key, so the next stats answer after this write is computed
 * afresh — and reads their zone and unit. Updating the row also locks it: two writes of one lifter (saves,
 * imports, exercise changes) apply one after the other.
 */
export function lockOwner(tx: Prisma.TransactionClient, userId: string) {
  return tx.user.update({
    where: { id: userId },
    data: { dataVersion: { increment: 1 } },
    select: { timeZone: true, unit: true },
  })
}
