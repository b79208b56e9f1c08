// OpenAPI error responses for /api/v1 routes: the shared { statusCode, code, message } shape, each with
// a description of when it happens. `response: { 404: errorResponse('No such workout among yours') }`.
import { ErrorResponse } from '@liftlog/service-kit'

export function errorResponse(description: string) {
  const { $id: _, ...shape } = ErrorResponse
  return { ...shape, description }
}

/** The errors every authenticated /api/v1 route can answer with. */
export const authErrors = {
  401: errorResponse('Not signed in, or the API token is unknown or revoked (code UNAUTHENTICATED)'),
}

/** Plus the CSRF refusal, for writes (cookie-authenticated writes need the x-csrf-token header). */
export const writeErrors = {
  ...authErrors,
  403: errorResponse('Cookie-authenticated write without a valid x-csrf-token header (code CSRF_REJECTED)'),
}

/** OpenAPI `security` for routes that accept a bearer token or the session cookie. */
export const apiSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }]
