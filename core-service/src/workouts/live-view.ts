// What the live page and the JSON API show of a live workout: last time's sets in one line ("3 × 5 @ 100 kg,
// 28 Nov"), rows with their weights as typed, anchors for post/redirect/get back to the same exercise.
import { DateTime } from 'luxon'
import type { WeightUnit } from '../units.ts'
import { previousRow } from './live-plan.ts'
import type { LastTime, LiveWorkout } from './live-types.ts'

/** "3 × 5 @ 100 kg" for three equal sets; "5 @ 100 kg, 3 @ 110 kg" otherwise (runs of equal sets grouped). */
export function setsLine(sets: { reps: number; weight: string; unit: WeightUnit }[]): string {
  const runs: { count: number; reps: number; weight: string; unit: WeightUnit }[] = []
  for (const s of sets) {
    const run = runs.at(-1)
    if (run && run.reps === s.reps && run.weight === s.weight && run.unit === s.unit) run.count++
    else runs.push({ count: 1, ...s })
  }
  return runs.map((r) => `${r.count > 1 ? `${r.count} × ` : ''}${r.reps} @ ${r.weight} ${r.unit}`).join(', ')
}

/** "last: 3 × 5 @ 100 kg, 28 Nov" (the year too when it is not this one). */
export function lastTimeLine(last: LastTime, today: string): string {
  const date = DateTime.fromISO(last.localDate, { zone: 'UTC' })
  const sameYear = last.localDate.slice(0, 4) === today.slice(0, 4)
  return `last: ${setsLine(last.sets)}, ${date.toFormat(sameYear ? 'd LLL' : 'd LLL yyyy')}`
}

/** The page anchor of the n-th exercise (1-based): where a no-script form post returns to. */
export function exerciseAnchor(index: number): string {
  return `exercise-${index + 1}`
}

/** The live page's view: entries numbered, rows with their field values and whether they may be ticked. */
export function liveView(workout: LiveWorkout, today: string) {
  return {
    id: workout.id,
    doneCount: workout.doneCount,
    entries: workout.entries.map((entry, i) => ({
      id: entry.id,
      anchor: exerciseAnchor(i),
      number: i + 1,
      name: entry.exercise.name,
      bodyweight: entry.exercise.isBodyweight || entry.exercise.equipment === 'bodyweight',
      last: entry.last?.sets.length ? lastTimeLine(entry.last, today) : null,
      rows: entry.rows.map((row, j) => {
        // A planned row's empty fields show what a tick will save: the previous row's values.
        const previous = row.done ? undefined : previousRow(entry.rows, row)
        return {
          ...row,
          number: j + 1,
          repsValue: row.reps === null ? '' : String(row.reps),
          weightValue: row.weight ?? '',
          repsPlaceholder: previous?.reps == null ? null : String(previous.reps),
          weightPlaceholder: previous?.weight ?? null,
        }
      }),
    })),
  }
}
