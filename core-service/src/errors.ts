// core-service's error catalogue: handlers throw these; the root error handler turns them into
// { statusCode, code, message } for the API and an error page (or a re-rendered form) for pages.
import createError from '@fastify/error'
import { ErrorCode, RETRY_AFTER_SECONDS } from '@liftlog/service-kit'

/** 400 — input a person can fix. Give `field` (e.g. 'username') so forms show the message next to it. */
export const ValidationFailed = createError(ErrorCode.validation, '%s', 400)
/** 401 — not signed in, or the API token is unknown or revoked. */
export const Unauthenticated = createError(ErrorCode.unauthenticated, '%s', 401)
/** 403 — signed in, but this is not allowed (e.g. wrong current password on a dangerous action). */
export const Forbidden = createError(ErrorCode.forbidden, '%s', 403)
/** 403 — a state-changing request without a valid CSRF token (raised centrally by plugins/security.ts). */
export const CsrfRejected = createError(ErrorCode.csrfRejected, '%s', 403)
/** 404 — missing, or someone else's (never leak which). Message: what was looked for, e.g. 'workout'. */
export const NotFound = createError(ErrorCode.notFound, '%s not found', 404)
/** 409 — clashes with what exists, e.g. a taken username or a duplicate exercise name. */
export const Conflict = createError(ErrorCode.conflict, '%s', 409)
/** 413 — an upload over its size limit; the message says the limit. */
export const PayloadTooLarge = createError('PAYLOAD_TOO_LARGE', '%s', 413)
/** 429 — rate limit tripped; the message says when to try again. */
export const TooManyRequests = createError(ErrorCode.rateLimited, '%s', 429)

const SignInUnavailableError = createError(
  'SIGN_IN_UNAVAILABLE',
  'Sign-in is temporarily unavailable. Please try again in a few seconds.',
  503,
)
/**
 * 503 — the session store (Redis) is unavailable, so no one can be recognised as signed in. Carries
 * retryAfterSeconds: the root handler sends it as Retry-After and shows this message (not "internal error").
 */
export function signInUnavailable() {
  return Object.assign(new SignInUnavailableError(), { retryAfterSeconds: RETRY_AFTER_SECONDS })
}

/** A 429 that also says when in seconds; the root error handler sends it as Retry-After. */
export function tooManyRequests(message: string, retryAfterSeconds: number) {
  return Object.assign(new TooManyRequests(message), {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  })
}

/** A catalogued error tagged with the form field it belongs to (see src/forms.ts `fieldErrors`). */
export function fieldError<E extends Error>(error: E, field: string): E & { field: string } {
  return Object.assign(error, { field })
}
