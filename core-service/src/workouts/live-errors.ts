// What can go wrong with a live workout, as errors from the service's catalogue (src/errors.ts): the root
// handler answers them as 4xx JSON; the live page shows them as a flash and returns to where it was.
import { Conflict, fieldError, NotFound } from '../errors.ts'
import { PLAN_LIMITS } from './live-plan.ts'

/** Another lifter's live workout, a finished one, or none: never say which. */
export const noLiveWorkout = () => new NotFound('live workout')
export const noSuchRow = () => new NotFound('set row')
export const noSuchEntry = () => new NotFound('exercise in this workout')

export function nothingToFinish() {
  return new Conflict('tick at least one set before finishing, or discard the workout')
}

export function tooManyEntries() {
  return new Conflict(`a live workout holds at most ${PLAN_LIMITS.entries} exercises`)
}

export function tooManyRows() {
  return new Conflict(`an exercise holds at most ${PLAN_LIMITS.rowsPerEntry} sets in a live workout`)
}

export function stillLive() {
  return new Conflict(
    'this workout is in progress: change it set by set on its live page, or finish it first',
  )
}

export function repsNeeded() {
  return fieldError(new Conflict('type the reps before ticking the set'), 'reps')
}
