// Live workouts as the JSON API answers them: weights as typed, in each row's own unit.
import type { FinishedWorkout, LiveWorkout } from './live-types.ts'
import { setsLine } from './live-view.ts'

export function liveWorkoutJson(workout: LiveWorkout) {
  return {
    id: workout.id,
    startedAt: workout.startedAt.toISOString(),
    localDate: workout.localDate,
    doneCount: workout.doneCount,
    entries: workout.entries.map((entry) => ({
      id: entry.id,
      exerciseId: entry.exercise.id,
      exerciseName: entry.exercise.name,
      rows: entry.rows.map((row) => ({
        id: row.id,
        reps: row.reps,
        weight: row.weight === null ? null : Number(row.weight),
        unit: row.unit,
        done: row.done,
        setId: row.setId,
      })),
      last: entry.last
        ? {
            localDate: entry.last.localDate,
            summary: setsLine(entry.last.sets),
            sets: entry.last.sets.map((s) => ({ reps: s.reps, weight: Number(s.weight), unit: s.unit })),
          }
        : null,
    })),
  }
}

export function finishedJson(finished: FinishedWorkout) {
  return {
    id: finished.id,
    startedAt: finished.startedAt.toISOString(),
    endedAt: finished.endedAt.toISOString(),
    durationSeconds: finished.durationSeconds,
  }
}
