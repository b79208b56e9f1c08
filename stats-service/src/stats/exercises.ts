// Which exercise a lifter may ask about: the built-in catalog and their own custom exercises.
import type { PrismaClient } from '../generated/prisma/client.ts'

export interface VisibleExercise {
  id: string
  name: string
  isBodyweight: boolean
  muscleGroup: string
}

export async function visibleExercise(
  prisma: PrismaClient,
  userId: string,
  exerciseId: string,
): Promise<VisibleExercise | undefined> {
  const rows = await prisma.$queryRaw<VisibleExercise[]>`
    SELECT id, name::text AS name, is_bodyweight AS "isBodyweight", muscle_group AS "muscleGroup"
    FROM exercises
    WHERE id = ${exerciseId}::uuid AND (owner_id IS NULL OR owner_id = ${userId}::uuid)`
  return rows[0]
}
