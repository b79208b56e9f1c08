// What the training pages (workouts, exercises, calendar) share: their stylesheet and the workout card.
import type { CurrentUser } from '../accounts/current-user.ts'
import { exerciseName } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'
import { formatWorkoutTime } from './local-time.ts'
import { groupSets, setsVolume } from './summary.ts'
import type { Workout } from './types.ts'

/** Styles for the training pages, on top of app.css (the layout links every entry of `styles`). */
export const STYLES = '/static/css/training.css'

/** "52 min" or "1 h 05 min" for a finished live workout; null when its end was never recorded. */
export function durationOf(workout: Pick<Workout, 'startedAt' | 'endedAt'>): string | null {
  if (!workout.endedAt) return null
  const minutes = Math.round((workout.endedAt.getTime() - workout.startedAt.getTime()) / 60_000)
  return minutes < 60
    ? `${minutes} min`
    : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** What a page shows for one workout in a list (workouts page, calendar day). */
export function workoutCard(workout: Workout, user: CurrentUser, twelveHour = false, locale: Locale = 'en') {
  return {
    id: workout.id,
    href: workout.live ? '/workouts/live' : `/workouts/${workout.id}`,
    title: workout.title ?? translator(locale)('workouts.untitled'),
    live: workout.live,
    when: formatWorkoutTime(workout, user.timeZone, twelveHour, locale),
    exercises: [...new Set(workout.sets.map((s) => exerciseName(s.exercise.name, locale)))].join(', '),
    setCount: workout.sets.length,
    volume: setsVolume(workout.sets, user.unit, locale),
  }
}

/** The workout page's view of one workout: sets grouped by exercise, in the lifter's unit and zone. */
export function workoutDetail(
  workout: Workout,
  user: CurrentUser,
  twelveHour = false,
  locale: Locale = 'en',
) {
  return {
    id: workout.id,
    title: workout.title ?? translator(locale)('workouts.untitled'),
    when: formatWorkoutTime(workout, user.timeZone, twelveHour, locale),
    notes: workout.notes,
    duration: durationOf(workout),
    groups: groupSets(workout.sets, user.unit, locale),
    setCount: workout.sets.length,
    volume: setsVolume(workout.sets, user.unit, locale),
  }
}
