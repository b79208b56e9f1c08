// The signed-in lifter as a route sees it: who they are, the clock, and their data through stores that are
// already bound to them. Routes inside a `signedIn` scope (routes/scopes.ts) read `request.lifter`; it is
// the only way a route reaches a lifter's data, so an unscoped query cannot be written from a route
// (test/security/route-data-access.test.ts checks that routes never touch fastify.prisma for user data).
import type { CurrentUser } from './accounts/current-user.ts'
import { exerciseStore } from './exercises/repository.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import { importStore } from './import/plan-store.ts'
import { workoutStore } from './workouts/repository.ts'

export interface Lifter {
  user: CurrentUser
  /** The request's clock (fastify.clock), so "today" and "started now" are testable. */
  now: () => Date
  exercises: ReturnType<typeof exerciseStore>
  workouts: ReturnType<typeof workoutStore>
  /** CSV imports: the pending plans between preview and confirm, and the confirm itself. */
  imports: ReturnType<typeof importStore>
}

export function lifterOf(prisma: PrismaClient, user: CurrentUser, now: () => Date): Lifter {
  return {
    user,
    now,
    exercises: exerciseStore(prisma, user.id),
    workouts: workoutStore(prisma, user.id, now),
    imports: importStore(prisma, user.id, now),
  }
}
