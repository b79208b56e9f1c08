// Each exercise name in the file → a suggested catalog (or own) exercise, or "create as custom" with a
// guessed muscle group and equipment. Names compare case-, accent- and punctuation-insensitively, plural
// "s" ignored ("Pull Ups" = "pull-up"); an equipment suffix like "(Barbell)" or a leading "Dumbbell" picks
// the variant with that equipment. A different-equipment match is only offered as an alternative.
import { type CatalogExercise, exerciseCatalog } from '../db/catalog.ts'
import { equipments } from '../exercises/schemas.ts'
import type { Equipment, ExerciseCategory } from '../generated/prisma/enums.ts'
import type { FileExercise } from './types.ts'

export type KnownExercise = Pick<CatalogExercise, 'name' | 'muscleGroup' | 'equipment' | 'category'> & {
  key?: string
  id?: string
}

export type ExerciseSuggestion =
  | { name: string; kind: 'match'; exercise: KnownExercise; alternatives: KnownExercise[] }
  | {
      name: string
      kind: 'custom'
      custom: { name: string; category: ExerciseCategory; muscleGroup: string; equipment: Equipment }
      alternatives: KnownExercise[]
    }

/** "Pull-Ups" → "pullup": lower case, no accents or punctuation, words' plural s dropped. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => (w.length >= 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join('')
}

const EQUIPMENT_WORDS: [RegExp, Equipment][] = [
  [/^barbell$|^ez ?bar$|^trap bar$/, 'barbell'],
  [/^dumbbells?$/, 'dumbbell'],
  [/^smith( machine)?$|^machine$|^plate loaded$|^lever$/, 'machine'],
  [/^cable$|^cable - .*/, 'cable'],
  [/^kettlebells?$/, 'kettlebell'],
  [/^bands?$|^resistance band$/, 'band'],
  [/^bodyweight$|^assisted$|^weighted$/, 'bodyweight'],
]

function equipmentOf(word: string): Equipment | null {
  const w = word.trim().toLowerCase()
  return EQUIPMENT_WORDS.find(([re]) => re.test(w))?.[1] ?? null
}

/** Aliases other apps use, by name key → catalog keys (first is the default when equipment is unknown). */
const ALIASES: Record<string, string[]> = {
  benchpress: ['barbell-bench-press', 'dumbbell-bench-press'],
  flatbenchpress: ['barbell-bench-press', 'dumbbell-bench-press'],
  inclinebenchpress: ['barbell-incline-bench-press', 'dumbbell-incline-bench-press'],
  declinebenchpress: ['barbell-decline-bench-press'],
  backsquat: ['barbell-back-squat'],
  squat: ['barbell-back-squat', 'dumbbell-goblet-squat', 'machine-smith-squat', 'bodyweight-squat'],
  conventionaldeadlift: ['barbell-deadlift'],
  rdl: ['barbell-romanian-deadlift'],
  stiffleggeddeadlift: ['barbell-romanian-deadlift'],
  ohp: ['barbell-overhead-press'],
  militarypress: ['barbell-overhead-press'],
  standingoverheadpress: ['barbell-overhead-press'],
  shoulderpress: ['dumbbell-shoulder-press', 'machine-shoulder-press', 'barbell-overhead-press'],
  overheadpress: ['barbell-overhead-press', 'dumbbell-shoulder-press', 'machine-shoulder-press'],
  seatedshoulderpress: ['dumbbell-shoulder-press', 'machine-shoulder-press'],
  bentoverrow: ['barbell-bent-over-row', 'dumbbell-row'],
  row: ['barbell-bent-over-row', 'dumbbell-row', 'cable-seated-row'],
  seatedrow: ['cable-seated-row'],
  curl: ['barbell-curl', 'dumbbell-curl', 'cable-curl'],
  bicepcurl: ['barbell-curl', 'dumbbell-curl', 'cable-curl'],
  bicepscurl: ['barbell-curl', 'dumbbell-curl', 'cable-curl'],
  skullcrusher: ['barbell-skull-crusher'],
  lyingtricepextension: ['barbell-skull-crusher'],
  tricepextension: ['dumbbell-triceps-extension'],
  tricepspushdown: ['cable-triceps-pushdown'],
  triceppushdown: ['cable-triceps-pushdown'],
  pushdown: ['cable-triceps-pushdown'],
  lateralraise: ['dumbbell-lateral-raise'],
  reversefly: ['dumbbell-rear-delt-fly'],
  fly: ['dumbbell-fly', 'cable-crossover', 'machine-pec-deck'],
  chestfly: ['dumbbell-fly', 'cable-crossover', 'machine-pec-deck'],
  butterfly: ['machine-pec-deck'],
  chestpress: ['machine-chest-press'],
  legcurl: ['machine-leg-curl'],
  lyinglegcurl: ['machine-leg-curl'],
  seatedlegcurl: ['machine-leg-curl'],
  calfraise: ['machine-calf-raise'],
  lunge: ['barbell-lunge', 'dumbbell-walking-lunge', 'bodyweight-lunge'],
  shrug: ['barbell-shrug', 'dumbbell-shrug'],
  chinup: ['bodyweight-chin-up'],
  pullup: ['bodyweight-pull-up'],
  pushup: ['bodyweight-push-up'],
  dip: ['bodyweight-dip'],
  tricepdip: ['bodyweight-dip'],
  chestdip: ['bodyweight-dip'],
  crunch: ['cable-crunch'],
  hyperextension: ['bodyweight-back-extension'],
  woodchop: ['cable-woodchopper'],
  hipabductor: ['machine-hip-abduction'],
  gobletsquat: ['dumbbell-goblet-squat'],
}

/** The name without an equipment suffix "(Barbell)" or leading/trailing equipment word, and that equipment. */
export function splitEquipment(name: string): { base: string; equipment: Equipment | null } {
  const suffix = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name)
  if (suffix) {
    const equipment = equipmentOf(suffix[2]!)
    if (equipment) return { base: suffix[1]!, equipment }
  }
  const words = name.trim().split(/\s+/)
  const at = words.length > 1 ? words.findIndex((w) => equipmentOf(w)) : -1
  if (at >= 0) return { base: words.filter((_, i) => i !== at).join(' '), equipment: equipmentOf(words[at]!) }
  return { base: name, equipment: null }
}

const MUSCLE_GUESSES: [RegExp, string, ExerciseCategory][] = [
  [/leg curl|hamstring|romanian|good morning/, 'hamstrings', 'legs'],
  [/curl/, 'biceps', 'arms'],
  [/tricep|skull|pushdown|kickback/, 'triceps', 'arms'],
  [/calf/, 'calves', 'legs'],
  [/glute|hip thrust|bridge|abduct/, 'glutes', 'legs'],
  [/squat|leg press|lunge|leg extension|step up/, 'quadriceps', 'legs'],
  [/deadlift|back extension|hyperextension/, 'lower back', 'back'],
  [/pulldown|pull ?up|chin ?up|lat /, 'lats', 'back'],
  [/row|shrug/, 'upper back', 'back'],
  [/bench|chest|fly|push ?up|pec|dip/, 'chest', 'chest'],
  [/shoulder|overhead|lateral|delt|raise|face pull|military/, 'shoulders', 'shoulders'],
  [/crunch|plank|sit ?up|ab |abs|leg raise|oblique|twist/, 'abs', 'core'],
  [/run|cycl|bike|walk|swim|elliptical|rowing machine|jump rope|treadmill|stair/, 'full body', 'cardio'],
]

/** FitNotes categories, read as a muscle group and category. */
const FILE_CATEGORIES: Record<string, [string, ExerciseCategory]> = {
  chest: ['chest', 'chest'],
  back: ['upper back', 'back'],
  legs: ['quadriceps', 'legs'],
  shoulders: ['shoulders', 'shoulders'],
  biceps: ['biceps', 'arms'],
  triceps: ['triceps', 'arms'],
  abs: ['abs', 'core'],
  cardio: ['full body', 'cardio'],
}

function guessCustom(file: Pick<FileExercise, 'name' | 'hint'>, equipment: Equipment | null) {
  const text = ` ${file.name.toLowerCase()} `
  const fromCategory = FILE_CATEGORIES[file.hint.category?.trim().toLowerCase() ?? '']
  const guess = MUSCLE_GUESSES.find(([re]) => re.test(text))
  const hinted = equipments.find((e) => e === file.hint.equipment)
  // A muscle group the file names (LiftLog's export) takes its category from a catalog exercise of it.
  const ofMuscle = exerciseCatalog.find((e) => e.muscleGroup === file.hint.muscleGroup)?.category
  return {
    name: file.name,
    category: fromCategory?.[1] ?? ofMuscle ?? guess?.[2] ?? 'full_body',
    muscleGroup: file.hint.muscleGroup ?? fromCategory?.[0] ?? guess?.[1] ?? 'full body',
    equipment: hinted ?? equipment ?? 'other',
  }
}

/**
 * Suggestions for every distinct exercise name of the file. `known` is what the lifter may use: the
 * catalog (default) plus their own exercises; an exact name match (own exercises first) always wins.
 */
export function matchExercises(
  files: readonly Pick<FileExercise, 'name' | 'hint'>[],
  known: readonly KnownExercise[] = exerciseCatalog,
): ExerciseSuggestion[] {
  const byName = new Map<string, KnownExercise[]>()
  const byKey = new Map<string, KnownExercise>()
  for (const e of known) {
    const k = nameKey(e.name)
    byName.set(k, [...(byName.get(k) ?? []), e])
    if (e.key) byKey.set(e.key, e)
  }
  return files.map((file) => {
    const exact = byName.get(nameKey(file.name))
    if (exact?.length)
      return { name: file.name, kind: 'match', exercise: exact[0]!, alternatives: exact.slice(1) }
    const { base, equipment } = splitEquipment(file.name)
    const baseKey = nameKey(base)
    const candidates = [
      ...(byName.get(baseKey) ?? []),
      ...(equipment ? (byName.get(nameKey(`${equipment} ${base}`)) ?? []) : []),
      ...(ALIASES[baseKey] ?? []).flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : [])),
    ].filter((e, i, all) => all.indexOf(e) === i)
    const same = equipment ? candidates.find((e) => e.equipment === equipment) : candidates[0]
    const alternatives = candidates.filter((e) => e !== same)
    if (same) return { name: file.name, kind: 'match', exercise: same, alternatives }
    return { name: file.name, kind: 'custom', custom: guessCustom(file, equipment), alternatives }
  })
}
