// What can go wrong with a routine, as errors from the service's catalogue (src/errors.ts).
import { Conflict, NotFound } from '../errors.ts'

/** Another lifter's routine or none: never say which. */
export const noRoutine = () => new NotFound('routine')

/** Another lifter's workout, a live one, or none. */
export const noFinishedWorkout = () => new NotFound('finished workout')

export function alreadyLive() {
  return new Conflict('you have a workout in progress: finish or discard it before starting a routine')
}

export function nothingToSave() {
  return new Conflict('this workout has no working sets to save as a routine')
}
