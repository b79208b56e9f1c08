// stats-service's error catalogue: handlers throw these; the root error handler answers
// { statusCode, code, message }.
// Codes from the vocabulary both services share (service-kit ErrorCode).
import createError from '@fastify/error'
import { ErrorCode } from '@liftlog/service-kit'

export const Unauthorized = createError<[string]>(ErrorCode.unauthenticated, '%s', 401)
export const MethodNotAllowed = createError<[string]>(ErrorCode.methodNotAllowed, '%s', 405)
export const BadRequest = createError<[string]>(ErrorCode.validation, '%s', 400)
export const ExerciseNotFound = createError<[string]>(
  ErrorCode.notFound,
  'no exercise %s among the built-in ones and this lifter’s own',
  404,
)
