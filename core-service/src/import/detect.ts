// Which app wrote the export, from its header row alone.
import type { ImportFormat } from './types.ts'

/** "Weight (kg)" → "weight (kg)": trimmed, lower case, single spaces, no BOM. */
export function normalizeColumn(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Columns that tell each format apart (documented in each reader's header comment). */
const SIGNATURES: [ImportFormat, string[]][] = [
  ['liftlog', ['started_at', 'workout_id', 'exercise', 'weight_kg', 'unit']],
  ['hevy', ['title', 'start_time', 'exercise_title', 'set_index']],
  ['strong', ['date', 'workout name', 'exercise name', 'set order']],
  ['fitnotes', ['date', 'exercise', 'reps']],
]

export function detectFormat(header: readonly string[]): ImportFormat | null {
  const columns = new Set(header.map(normalizeColumn))
  for (const [format, needed] of SIGNATURES) if (needed.every((c) => columns.has(c))) return format
  return null
}

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  strong: 'Strong',
  hevy: 'Hevy',
  fitnotes: 'FitNotes',
  liftlog: 'LiftLog',
}
