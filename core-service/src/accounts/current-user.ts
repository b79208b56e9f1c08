// The signed-in lifter as every route sees it (request.user): identity plus the preferences pages need.
export interface CurrentUser {
  id: string
  username: string
  displayName: string
  timeZone: string
  unit: 'kg' | 'lb'
}

/** The columns to select for a CurrentUser, so every lookup returns the same shape. */
export const currentUserSelect = {
  id: true,
  username: true,
  displayName: true,
  timeZone: true,
  unit: true,
} as const
