// What can go wrong with a change to an exercise, as errors from the service's catalogue (src/errors.ts):
// the root handler answers them as 4xx JSON, and form routes re-render the form from `field`.
import { Conflict, Forbidden, fieldError } from '../errors.ts'

export function exerciseNameTaken(name: string, builtIn: boolean) {
  return fieldError(
    new Conflict(
      builtIn
        ? `"${name}" is already in the built-in catalog; pick it from the list or choose another name`
        : `you already have an exercise called "${name}"`,
    ),
    'name',
  )
}

export function exerciseInUse(name: string, sets: number) {
  return new Conflict(
    `"${name}" is used in ${sets} logged set${sets === 1 ? '' : 's'}; archive it instead of deleting it`,
  )
}

export function builtInReadOnly() {
  return new Forbidden('built-in exercises cannot be renamed, archived or deleted; create your own instead')
}
