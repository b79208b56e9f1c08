import sql from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
// Which exercise a lifter may ask about: the built-in catalog and their own custom exercises.

export interface VisibleExercise {
  id: string
  name: string
  isBodyweight: boolean
  muscleGroup: string
}

export async function visibleExercise(
  db: Db,
  userId: string,
  exerciseId: string,
): Promise<VisibleExercise | undefined> {
  const rows = await db.rows<VisibleExercise>(sql`
    SELECT id, name::text AS name, is_bodyweight AS "isBodyweight", muscle_group AS "muscleGroup"
    FROM exercises
    WHERE id = ${exerciseId}::uuid AND (owner_id IS NULL OR owner_id = ${userId}::uuid)`)
  return rows[0]
}
