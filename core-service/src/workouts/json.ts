// Workouts as the JSON API answers them: weights in the lifter's unit, as typed, and in exact kg.
import { type WeightUnit, weightInUnit } from '../units.ts'
import { fromDateColumn } from './local-time.ts'
import type { WorkoutWithSets } from './repository.ts'
import { volumeKg } from './summary.ts'

function volumeIn(workout: WorkoutWithSets, unit: WeightUnit): number {
  return weightInUnit(volumeKg(workout.sets), unit, 'volume')
}

export function workoutJson(workout: WorkoutWithSets, unit: WeightUnit) {
  return {
    id: workout.id,
    startedAt: workout.startedAt.toISOString(),
    localDate: fromDateColumn(workout.localDate),
    title: workout.title,
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
      weightKg: set.weightKg.toNumber(),
      rpe: set.rpe ? set.rpe.toNumber() : null,
      isWarmup: set.isWarmup,
    })),
    createdAt: workout.createdAt.toISOString(),
    updatedAt: workout.updatedAt.toISOString(),
  }
}

export function workoutSummaryJson(workout: WorkoutWithSets, unit: WeightUnit) {
  return {
    id: workout.id,
    startedAt: workout.startedAt.toISOString(),
    localDate: fromDateColumn(workout.localDate),
    title: workout.title,
    unit,
    volume: volumeIn(workout, unit),
    setCount: workout.sets.length,
    exercises: [...new Set(workout.sets.map((s) => s.exercise.name))],
  }
}
