// The signed-in lifter as every route sees it (request.user): identity plus the preferences pages need.
import { Prisma } from '../generated/prisma/client.ts'

export interface CurrentUser {
  id: string
  username: string
  displayName: string
  timeZone: string
  unit: 'kg' | 'lb'
  /** The pages' language the lifter chose; null: the browser's (i18n/locales.ts). */
  language: string | null
}

/** The columns to select for a CurrentUser, so every lookup returns the same shape. */
export const currentUserSelect = {
  id: true,
  username: true,
  displayName: true,
  timeZone: true,
  unit: true,
  language: true,
} as const

/**
 * The same columns for raw SQL over `users u`, for the lookups every request makes (session and bearer
 * token): Prisma's query building cost more than the query there (issue 15).
 */
export const CURRENT_USER_COLUMNS = Prisma.raw(
  'u.id::text AS id, u.username::text AS username, u.display_name AS "displayName", u.time_zone AS "timeZone", u.unit::text AS unit, u.language',
)

/** A CurrentUser from a row holding those columns and perhaps others. */
export function currentUserOf(row: CurrentUser): CurrentUser {
  const { id, username, displayName, timeZone, unit, language } = row
  return { id, username, displayName, timeZone, unit, language }
}
