// The text rules every typed field obeys (plugins/input-guard.ts: no control characters; notes may hold
// line breaks and tabs), applied to what a file brings: a set whose exercise name or note breaks them, or
// every set of a workout whose title or notes do, becomes an unreadable row with its line and reason, as
// any other row LiftLog can't read. A file's hint that breaks them is dropped. The counts are redone.
import { reason as msg } from './messages.ts'
import { MAX_PROBLEMS } from './plan.ts'
import type { ImportPlan, PlannedWorkout, RowProblem } from './types.ts'

/** The first refused character of `text` ("U+0007"), or null: input-guard's refusedCharacter. */
export type RefusedCharacter = (text: string, multiLine: boolean) => string | null

export function withTextRules(plan: ImportPlan, refused: RefusedCharacter): ImportPlan {
  const bad = (text: string | null | undefined, multiLine: boolean) =>
    text ? refused(text, multiLine) : null
  const problems: RowProblem[] = []
  const workouts: PlannedWorkout[] = []
  for (const workout of plan.workouts) {
    const title = bad(workout.name, false)
    const notes = bad(workout.note, true)
    if (title || notes) {
      const reason = msg(title ? 'controlInTitle' : 'controlInNotes', { char: (title ?? notes)! })
      for (const set of workout.sets) problems.push({ line: set.line, reason })
      continue
    }
    const sets = workout.sets.filter((set) => {
      const name = bad(set.exercise, false)
      const note = bad(set.note, true)
      if (name || note)
        problems.push({
          line: set.line,
          reason: msg(name ? 'controlInExercise' : 'controlInNote', { char: (name ?? note)! }),
        })
      return !name && !note
    })
    if (sets.length > 0) workouts.push(sets.length === workout.sets.length ? workout : { ...workout, sets })
  }
  const hintsOk = (hint: Record<string, string | undefined>) =>
    Object.values(hint).every((v) => !bad(v, false))
  if (problems.length === 0 && plan.exercises.every((e) => hintsOk(e.hint))) return plan

  const used = new Map<string, number>()
  for (const w of workouts) for (const s of w.sets) used.set(s.exercise, (used.get(s.exercise) ?? 0) + 1)
  const sets = workouts.flatMap((w) => w.sets)
  const all = [...plan.problems, ...problems].sort((a, b) => a.line - b.line)
  const room = Math.max(0, MAX_PROBLEMS - plan.warnings.length)
  return {
    ...plan,
    workouts,
    exercises: plan.exercises.flatMap((e) =>
      used.has(e.name) ? [{ ...e, sets: used.get(e.name)!, hint: hintsOk(e.hint) ? e.hint : {} }] : [],
    ),
    problems: all.slice(0, room),
    moreProblems: plan.moreProblems + Math.max(0, all.length - room),
    counts: {
      ...plan.counts,
      workouts: workouts.length,
      sets: sets.length,
      withoutReps: sets.filter((s) => s.reps === null).length,
      firstStart: workouts[0]?.start ?? null,
      lastStart: workouts.at(-1)?.start ?? null,
    },
  }
}
