// The signed-in lifter as a route sees it: who they are, the clock, and their data through stores that are
// already bound to them. Routes inside a `signedIn` scope (routes/scopes.ts) read `request.lifter`; it is
// the only way a route reaches a lifter's data, so an unscoped query cannot be written from a route
// (test/security/route-data-access.test.ts fails on any route file that touches Prisma or request.user!).
// Stores answer in domain types (exercises/types.ts, workouts/types.ts), never Prisma models.
import { apiTokenStore } from './accounts/api-tokens.ts'
import type { CurrentUser } from './accounts/current-user.ts'
import { accountStore } from './accounts/users.ts'
import { bodyWeightStore } from './body-weight/repository.ts'
import { calendarStore } from './calendar/month.ts'
import { exerciseStore } from './exercises/repository.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import type { Locale } from './i18n/locales.ts'
import { importStore } from './import/plan-store.ts'
import { routineStore } from './routines/repository.ts'
import { liveWorkoutStore } from './workouts/live.ts'
import { todayIn } from './workouts/local-time.ts'
import { workoutStore } from './workouts/repository.ts'

export interface Lifter {
  user: CurrentUser
  /** The request's clock (fastify.clock), so "today" and "started now" are testable. */
  now: () => Date
  /** Times read 12-hour ("6:30 PM") for this browser's language (accounts/locale.ts). */
  twelveHour: boolean
  /** The pages' language (their setting, else the browser's: i18n/locales.ts). */
  locale: Locale
  /** The ISO weekday (1 Monday … 7 Sunday) the calendar's weeks start on, for this browser's language. */
  weekStart: number
  /** The lifter's local date by that clock, e.g. "2026-11-23". */
  today: () => string
  /** Their account: settings, password change, deletion. */
  account: ReturnType<typeof accountStore>
  /** Their personal API tokens. */
  apiTokens: ReturnType<typeof apiTokenStore>
  exercises: ReturnType<typeof exerciseStore>
  workouts: ReturnType<typeof workoutStore>
  /** Their workout in progress: start or resume, tick sets one by one, finish, discard. */
  live: ReturnType<typeof liveWorkoutStore>
  /** Their routines: plans of exercises with targets, and starting a live workout from one. */
  routines: ReturnType<typeof routineStore>
  calendar: ReturnType<typeof calendarStore>
  bodyWeight: ReturnType<typeof bodyWeightStore>
  /** CSV imports: the pending plans between preview and confirm, and the confirm itself. */
  imports: ReturnType<typeof importStore>
}

export function lifterOf(
  prisma: PrismaClient,
  user: CurrentUser,
  now: () => Date,
  {
    twelveHour = false,
    weekStart = 1,
    locale = 'en',
  }: { twelveHour?: boolean; weekStart?: number; locale?: Locale } = {},
): Lifter {
  return {
    user,
    now,
    twelveHour,
    weekStart,
    locale,
    today: () => todayIn(user.timeZone, now()),
    account: accountStore(prisma, user.id),
    apiTokens: apiTokenStore(prisma, user.id),
    exercises: exerciseStore(prisma, user.id),
    workouts: workoutStore(prisma, user, now),
    live: liveWorkoutStore(prisma, user.id, now),
    routines: routineStore(prisma, user.id, now),
    calendar: calendarStore(prisma, user.id),
    bodyWeight: bodyWeightStore(prisma, user.id, now),
    imports: importStore(prisma, user.id, now),
  }
}
