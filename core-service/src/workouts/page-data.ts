// What the training pages (workouts, exercises, calendar) share: their stylesheet and the workout card.
import type { CurrentUser } from '../accounts/current-user.ts'
import { formatWorkoutTime } from './local-time.ts'
import type { WorkoutWithSets } from './repository.ts'
import { formatVolume, volumeKg } from './summary.ts'

/** Styles for the training pages, on top of app.css (the layout links every entry of `styles`). */
export const STYLES = '/static/css/training.css'

/** What a page shows for one workout in a list (workouts page, calendar day). */
export function workoutCard(workout: WorkoutWithSets, user: CurrentUser) {
  return {
    id: workout.id,
    href: `/workouts/${workout.id}`,
    title: workout.title ?? 'Workout',
    when: formatWorkoutTime(workout, user.timeZone),
    exercises: [...new Set(workout.sets.map((s) => s.exercise.name))].join(', '),
    setCount: workout.sets.length,
    volume: formatVolume(volumeKg(workout.sets), user.unit),
  }
}
