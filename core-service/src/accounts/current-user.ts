// The signed-in lifter as every route sees it (request.user): identity plus the preferences pages need.
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
