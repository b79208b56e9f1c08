// stats-service's error catalogue: handlers throw these; the root error handler answers
// { statusCode, code, message }.
import createError from '@fastify/error'

export const Unauthorized = createError<[string]>('UNAUTHORIZED', '%s', 401)
export const MethodNotAllowed = createError<[string]>('METHOD_NOT_ALLOWED', '%s', 405)
export const BadRequest = createError<[string]>('BAD_REQUEST', '%s', 400)
export const ExerciseNotFound = createError<[string]>(
  'EXERCISE_NOT_FOUND',
  'no exercise %s among the built-in ones and this lifter’s own',
  404,
)
