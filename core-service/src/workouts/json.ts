// Workouts as the JSON API answers them: weights in the lifter's unit, as typed, and in exact kg.
import { type WeightUnit, weightInUnit } from '../units.ts'
import { volumeKg } from './summary.ts'
import type { Workout } from './types.ts'

function volumeIn(workout: Workout, unit: WeightUnit): number {
  return weightInUnit(volumeKg(workout.sets), unit, 'volume')
}

export function workoutJson(workout: Workout, unit: WeightUnit) {
  return {
    id: workout.id,
    startedAt: workout.startedAt.toISOString(),
    localDate: workout.localDate,
    title: workout.title,
    inProgress: workout.live,
    endedAt: workout.endedAt?.toISOString() ?? null,
    notes: workout.notes,
    unit,
    volume: volumeIn(workout, unit),
    sets: workout.sets.map((set) => ({
      id: set.id,
      position: set.position,
      exerciseId: set.exerciseId,
      exerciseName: set.exercise.name,
      reps: set.reps,
      weight: weightInUnit(set.weightKg, unit),
      loggedWeight: weightInUnit(set.weightKg, set.weightUnit),
      loggedUnit: set.weightUnit,
      // JSON numbers: a decimal string's Number() is the nearest double, as Decimal.toNumber() gave.
      weightKg: Number(set.weightKg),
      rpe: set.rpe === null ? null : Number(set.rpe),
      isWarmup: set.isWarmup,
    })),
    createdAt: workout.createdAt.toISOString(),
    updatedAt: workout.updatedAt.toISOString(),
  }
}

export function workoutSummaryJson(workout: Workout, unit: WeightUnit) {
  return {
    id: workout.id,
    startedAt: workout.startedAt.toISOString(),
    localDate: workout.localDate,
    title: workout.title,
    inProgress: workout.live,
    endedAt: workout.endedAt?.toISOString() ?? null,
    unit,
    volume: volumeIn(workout, unit),
    setCount: workout.sets.length,
    exercises: [...new Set(workout.sets.map((s) => s.exercise.name))],
  }
}
