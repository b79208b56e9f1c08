// What can go wrong with an exercise request, as errors the root handler already answers as 4xx
// (statusCode + code + message); routes re-render forms from them.

export class ExerciseNameTaken extends Error {
  readonly statusCode = 409
  readonly code = 'EXERCISE_NAME_TAKEN'
  readonly field = 'name'
  constructor(name: string, builtIn: boolean) {
    super(
      builtIn
        ? `"${name}" is already in the built-in catalog; pick it from the list or choose another name`
        : `you already have an exercise called "${name}"`,
    )
  }
}

export class ExerciseInUse extends Error {
  readonly statusCode = 409
  readonly code = 'EXERCISE_IN_USE'
  constructor(name: string, sets: number) {
    super(
      `"${name}" is used in ${sets} logged set${sets === 1 ? '' : 's'}; archive it instead of deleting it`,
    )
  }
}

export class BuiltInExerciseReadOnly extends Error {
  readonly statusCode = 403
  readonly code = 'BUILT_IN_EXERCISE'
  constructor() {
    super('built-in exercises cannot be renamed, archived or deleted; create your own instead')
  }
}
