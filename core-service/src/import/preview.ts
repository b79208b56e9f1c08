// What the preview of an upload shows and what its confirm accepts: the plan's figures, each exercise
// name the lifter has no exercise of that name for (with the suggested match or custom exercise), and the
// lifter's choices for those names checked against what they may use, with a message per bad field.
import { exerciseCatalog } from '../db/catalog.ts'
import { categories, equipments } from '../exercises/schemas.ts'
import type { Equipment, ExerciseCategory } from '../generated/prisma/enums.ts'
import type { ExerciseChoice } from './apply.ts'
import { type ExerciseSuggestion, nameKey } from './match-exercises.ts'
import { renderMessage, renderRows } from './messages.ts'
import type { StoredImport } from './plan-store.ts'

export interface PickableExercise {
  id: string
  name: string
  equipment: Equipment
  muscleGroup: string
  category: ExerciseCategory
}

export type Suggestion =
  | { kind: 'match'; exerciseId: string; exerciseName: string }
  | { kind: 'custom'; name: string; category: ExerciseCategory; muscleGroup: string; equipment: Equipment }

export interface PreviewExercise {
  name: string
  sets: number
  firstLine: number
  /** The lifter already has an exercise of exactly this name (ignoring case and punctuation). */
  known: boolean
  suggestion: Suggestion
  alternatives: { exerciseId: string; exerciseName: string }[]
}

export function suggestionOf(s: ExerciseSuggestion): Suggestion {
  return s.kind === 'match'
    ? { kind: 'match', exerciseId: s.exercise.id!, exerciseName: s.exercise.name }
    : { kind: 'custom', ...s.custom }
}

/** Every exercise name of the plan with its suggestion; `known` ones need no decision. */
export function previewExercises(stored: StoredImport, suggestions: ExerciseSuggestion[]): PreviewExercise[] {
  const byName = new Map(suggestions.map((s) => [s.name, s]))
  return stored.plan.exercises.map((e) => {
    const s = byName.get(e.name)!
    return {
      name: e.name,
      sets: e.sets,
      firstLine: e.firstLine,
      known: s.kind === 'match' && nameKey(s.exercise.name) === nameKey(e.name),
      suggestion: suggestionOf(s),
      alternatives: s.alternatives
        .filter((a) => a.id)
        .map((a) => ({ exerciseId: a.id!, exerciseName: a.name })),
    }
  })
}

/** A lifter's decision for one name of the file, as the API and the form both give it. */
export type ChoiceInput =
  | { exerciseId: string }
  | { create: { name?: string; muscleGroup?: string; equipment?: string; category?: string } }

export interface ChoiceError {
  /** The file's exercise name the message is about. */
  name: string
  field: 'exercise' | 'name' | 'muscleGroup' | 'equipment' | 'category'
  message: string
}

/** The muscle groups a custom exercise can be filed under: the catalog's and the lifter's own. */
export function muscleGroupsOf(pickable: readonly PickableExercise[]): string[] {
  return [
    ...new Set([...exerciseCatalog.map((e) => e.muscleGroup), ...pickable.map((e) => e.muscleGroup)]),
  ].sort()
}

const categoryOfMuscle = (muscleGroup: string, pickable: readonly PickableExercise[]) =>
  exerciseCatalog.find((e) => e.muscleGroup === muscleGroup)?.category ??
  pickable.find((e) => e.muscleGroup === muscleGroup)?.category

/**
 * The choices to write: the suggestion for every name the lifter said nothing about, theirs for the rest.
 * Each given choice must name a name of the file and an exercise the lifter may use (or a valid custom one).
 */
export function resolveChoices(
  stored: StoredImport,
  defaults: Readonly<Record<string, ExerciseChoice>>,
  given: Readonly<Record<string, ChoiceInput>>,
  pickable: readonly PickableExercise[],
): { choices: Record<string, ExerciseChoice>; errors: ChoiceError[] } {
  const names = new Set(stored.plan.exercises.map((e) => e.name))
  const ids = new Set(pickable.map((e) => e.id.toLowerCase()))
  const choices: Record<string, ExerciseChoice> = { ...defaults }
  const errors: ChoiceError[] = []
  for (const [name, choice] of Object.entries(given)) {
    if (!names.has(name)) {
      errors.push({ name, field: 'exercise', message: 'is not an exercise name in this file' })
      continue
    }
    if ('exerciseId' in choice) {
      if (!ids.has(choice.exerciseId.toLowerCase()))
        errors.push({ name, field: 'exercise', message: 'choose one of your exercises or the catalog’s' })
      else choices[name] = { exerciseId: choice.exerciseId.toLowerCase() }
      continue
    }
    const wanted = (choice.create.name ?? name).trim()
    const muscleGroup = choice.create.muscleGroup?.trim().toLowerCase() ?? ''
    const before = errors.length
    if (!wanted) errors.push({ name, field: 'name', message: 'enter a name' })
    else if (wanted.length > 80) errors.push({ name, field: 'name', message: 'use at most 80 characters' })
    if (!muscleGroup) errors.push({ name, field: 'muscleGroup', message: 'choose the main muscle group' })
    else if (muscleGroup.length > 40)
      errors.push({ name, field: 'muscleGroup', message: 'use at most 40 characters' })
    const equipment = equipments.find((e) => e === choice.create.equipment)
    if (!equipment) errors.push({ name, field: 'equipment', message: 'choose the equipment' })
    const category =
      choice.create.category === undefined ? undefined : categories.find((c) => c === choice.create.category)
    if (choice.create.category !== undefined && !category)
      errors.push({ name, field: 'category', message: 'choose a body region' })
    if (errors.length > before || !equipment) continue
    const fallback = defaults[name]
    choices[name] = {
      create: {
        name: wanted,
        muscleGroup,
        equipment,
        category:
          category ??
          categoryOfMuscle(muscleGroup, pickable) ??
          (fallback && 'create' in fallback ? fallback.create.category : 'full_body'),
      },
    }
  }
  return { choices, errors }
}

/** The preview as the API answers it (schemas.ts ImportPreview). */
export function previewJson(stored: StoredImport, exercises: PreviewExercise[]) {
  const { plan } = stored
  return {
    id: stored.id,
    format: stored.format,
    detected: plan.detected,
    expiresAt: stored.expiresAt.toISOString(),
    rows: plan.counts.rows,
    workouts: plan.counts.workouts,
    sets: plan.counts.sets,
    setsWithoutReps: plan.counts.withoutReps,
    from: plan.counts.firstStart,
    to: plan.counts.lastStart,
    unknownExercises: exercises
      .filter((e) => !e.known)
      .map(({ name, sets, suggestion, alternatives }) => ({ name, sets, suggestion, alternatives })),
    knownExercises: exercises.flatMap((e) =>
      e.known && e.suggestion.kind === 'match'
        ? [{ name: e.name, exerciseId: e.suggestion.exerciseId, sets: e.sets }]
        : [],
    ),
    unreadable: renderRows(plan.problems),
    moreUnreadable: plan.moreProblems,
    warnings: renderRows(plan.warnings),
    assumptions: plan.assumptions.map((a) => renderMessage(a)),
  }
}
