// What each exercise name of a file becomes unless the lifter says otherwise: the exercise it matches
// among those they may use (the catalog and their own, not archived), else a custom exercise guessed from
// the name and the file's hints. The preview shows these; the confirm step writes what the lifter kept.
import { visibleTo } from '../exercises/repository.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import type { ExerciseChoice } from './apply.ts'
import { type ExerciseSuggestion, matchExercises } from './match-exercises.ts'
import type { ImportPlan } from './types.ts'

type Db = PrismaClient | Prisma.TransactionClient

export async function suggestChoices(
  db: Db,
  userId: string,
  plan: Pick<ImportPlan, 'exercises'>,
): Promise<{ suggestions: ExerciseSuggestion[]; choices: Record<string, ExerciseChoice> }> {
  const rows = await db.exercise.findMany({
    where: { ...visibleTo(userId), archived: false },
    // Own exercises first: an exact name match with one of them wins over the catalog's.
    orderBy: [{ ownerId: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
    select: { id: true, name: true, muscleGroup: true, equipment: true, category: true, catalogKey: true },
  })
  const known = rows.map((r) => ({ ...r, key: r.catalogKey ?? undefined }))
  const suggestions = matchExercises(plan.exercises, known)
  const choices: Record<string, ExerciseChoice> = {}
  for (const s of suggestions) {
    choices[s.name] = s.kind === 'match' ? { exerciseId: s.exercise.id! } : { create: s.custom }
  }
  return { suggestions, choices }
}
