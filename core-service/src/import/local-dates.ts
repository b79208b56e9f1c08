// The local date an imported workout lands on in the calendar.
// Rule: the date the file itself states wins (LiftLog's export has the workout's date as it was lived);
// otherwise it is the date in the lifter's zone at the workout's start instant. Files without zone
// information (Strong, Hevy, FitNotes) were already read as wall-clock times in that zone, so a workout
// logged at 23:30 stays on its day; FitNotes' date-only rows start at 12:00 local for the same reason.
import { localDateOf } from '../workouts/local-time.ts'
import type { PlannedWorkout } from './types.ts'

export function importedLocalDate(
  workout: Pick<PlannedWorkout, 'start' | 'localDate'>,
  zone: string,
): string {
  return workout.localDate ?? localDateOf(new Date(workout.start), zone)
}
