// Bounds of one routine, shared by the API schemas, the form and the database's check constraint.
import { PLAN_LIMITS } from '../workouts/live-plan.ts'

export const ROUTINE_LIMITS = {
  nameLength: 120,
  // A started routine becomes one live plan, so it can hold no more than a plan does.
  exercises: PLAN_LIMITS.entries,
  sets: PLAN_LIMITS.rowsPerEntry,
  maxRestSeconds: 3600,
} as const
