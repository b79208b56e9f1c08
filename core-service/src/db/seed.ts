// Idempotent seed of the built-in exercise catalog: inserts what is missing, corrects what changed,
// and writes nothing when the database already matches (so updated_at stays put on a second run).
import type { PrismaClient } from '../generated/prisma/client.ts'
import { type CatalogExercise, exerciseCatalog } from './catalog.ts'

export interface SeedResult {
  created: number
  updated: number
  unchanged: number
}

function differs(row: CatalogExercise, existing: Omit<CatalogExercise, 'key'>): boolean {
  return (
    row.name !== existing.name ||
    row.category !== existing.category ||
    row.muscleGroup !== existing.muscleGroup ||
    row.equipment !== existing.equipment ||
    Boolean(row.isBodyweight) !== existing.isBodyweight
  )
}

export async function seedCatalog(prisma: PrismaClient, catalog = exerciseCatalog): Promise<SeedResult> {
  const existing = await prisma.exercise.findMany({ where: { ownerId: null } })
  const byKey = new Map(existing.map((e) => [e.catalogKey, e]))
  const result: SeedResult = { created: 0, updated: 0, unchanged: 0 }
  await prisma.$transaction(async (tx) => {
    for (const row of catalog) {
      const data = {
        name: row.name,
        category: row.category,
        muscleGroup: row.muscleGroup,
        equipment: row.equipment,
        isBodyweight: Boolean(row.isBodyweight),
      }
      const current = byKey.get(row.key)
      if (!current) {
        await tx.exercise.create({ data: { ...data, catalogKey: row.key } })
        result.created++
      } else if (differs(row, { ...current, isBodyweight: current.isBodyweight })) {
        await tx.exercise.update({ where: { id: current.id }, data })
        result.updated++
      } else {
        result.unchanged++
      }
    }
  })
  return result
}
