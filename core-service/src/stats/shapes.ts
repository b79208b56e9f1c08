// Shapes of stats-service responses (the core⇄stats contract), used to reject upstream garbage before it
// reaches a page and to document the /api/v1/stats proxy.
import Type, { type Static, type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'

const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'local calendar date, YYYY-MM-DD',
})
const Kg = Type.Number({ description: 'kilograms' })
const Count = Type.Integer({ minimum: 0 })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** Fields every per-user answer carries. */
const PerUser = {
  userId: Type.String(),
  timeZone: Type.String({ description: 'the lifter’s IANA time zone' }),
  unit: Type.Union([Type.Literal('kg'), Type.Literal('lb')], { description: 'the unit the lifter displays' }),
  generatedAt: Type.String({ description: 'when stats computed this answer (ISO 8601)' }),
}

export const Period = Type.Object({
  start: LocalDate,
  end: LocalDate,
  workouts: Count,
  sets: Count,
  reps: Count,
  volumeKg: Kg,
})

export const Summary = Type.Object({
  ...PerUser,
  totals: Type.Object({ workouts: Count, sets: Count, reps: Count, volumeKg: Kg, volume: Type.Number() }),
  thisWeek: Period,
  lastWeek: Period,
  thisMonth: Period,
  lastMonth: Period,
  streaks: Type.Object({ currentWeeks: Count, longestWeeks: Count }),
  firstWorkoutDate: Nullable(LocalDate),
  lastWorkoutDate: Nullable(LocalDate),
})

export const Bucket = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])

export const Volume = Type.Object({
  ...PerUser,
  bucket: Bucket,
  from: LocalDate,
  to: LocalDate,
  series: Type.Array(
    Type.Object({ start: LocalDate, workouts: Count, sets: Count, reps: Count, volumeKg: Kg }),
  ),
})

export const Formula = Type.Union([Type.Literal('epley'), Type.Literal('brzycki')])

export const Progression = Type.Object({
  ...PerUser,
  exercise: Type.Object({ id: Type.String(), name: Type.String(), isBodyweight: Type.Boolean() }),
  formula: Formula,
  repCap: Count,
  metric: Type.Union([Type.Literal('weight'), Type.Literal('reps')]),
  sessions: Type.Array(
    Type.Object({
      workoutId: Type.String(),
      date: LocalDate,
      e1rmKg: Nullable(Kg),
      heaviestKg: Kg,
      bestReps: Count,
      volumeKg: Kg,
      sets: Count,
    }),
  ),
})

const Rec = Type.Object({
  valueKg: Kg,
  reps: Type.Optional(Count),
  date: LocalDate,
  workoutId: Type.String(),
})

export const Records = Type.Object({
  ...PerUser,
  records: Type.Array(
    Type.Object({
      exerciseId: Type.String(),
      exerciseName: Type.String(),
      isBodyweight: Type.Boolean(),
      heaviest: Nullable(Rec),
      bestE1rm: Nullable(Rec),
      mostReps: Nullable(
        Type.Object({ reps: Count, weightKg: Kg, date: LocalDate, workoutId: Type.String() }),
      ),
      bestSessionVolume: Nullable(Rec),
      repsAtWeight: Type.Array(
        Type.Object({ weightKg: Kg, reps: Count, date: LocalDate, workoutId: Type.String() }),
      ),
    }),
  ),
})

export const RecordKind = Type.Union([
  Type.Literal('heaviest'),
  Type.Literal('e1rm'),
  Type.Literal('reps'),
  Type.Literal('volume'),
])

export const RecentRecords = Type.Object({
  ...PerUser,
  days: Count,
  records: Type.Array(
    Type.Object({
      exerciseId: Type.String(),
      exerciseName: Type.String(),
      kind: RecordKind,
      valueKg: Nullable(Kg),
      reps: Nullable(Count),
      date: LocalDate,
      workoutId: Type.String(),
    }),
  ),
})

export const Breakdown = Type.Object({
  ...PerUser,
  from: LocalDate,
  to: LocalDate,
  exercises: Type.Array(
    Type.Object({
      exerciseId: Type.String(),
      name: Type.String(),
      muscleGroup: Type.String(),
      sets: Count,
      volumeKg: Kg,
    }),
  ),
  muscleGroups: Type.Array(Type.Object({ muscleGroup: Type.String(), sets: Count, volumeKg: Kg })),
})

export const Calendar = Type.Object({
  ...PerUser,
  month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  days: Type.Array(Type.Object({ date: LocalDate, workouts: Count, sets: Count, volumeKg: Kg })),
})

export const ServerTime = Type.Object({
  zone: Type.String(),
  now: Type.String(),
  offsetMinutes: Type.Integer(),
  offset: Type.String(),
  abbreviation: Type.String(),
})

export type Summary = Static<typeof Summary>
export type Volume = Static<typeof Volume>
export type Progression = Static<typeof Progression>
export type Records = Static<typeof Records>
export type RecentRecords = Static<typeof RecentRecords>
export type Breakdown = Static<typeof Breakdown>
export type Calendar = Static<typeof Calendar>
export type ServerTime = Static<typeof ServerTime>

/** Every stats endpoint core calls, with the shape its answer must have. */
export const endpoints = {
  summary: { pattern: '/v1/users/:userId/summary', schema: Summary },
  volume: { pattern: '/v1/users/:userId/volume', schema: Volume },
  progression: { pattern: '/v1/users/:userId/exercises/:exerciseId/progression', schema: Progression },
  records: { pattern: '/v1/users/:userId/records', schema: Records },
  recentRecords: { pattern: '/v1/users/:userId/records/recent', schema: RecentRecords },
  breakdown: { pattern: '/v1/users/:userId/breakdown', schema: Breakdown },
  calendar: { pattern: '/v1/users/:userId/calendar', schema: Calendar },
  time: { pattern: '/v1/time', schema: ServerTime },
} as const

export type EndpointName = keyof typeof endpoints
export interface EndpointData {
  summary: Summary
  volume: Volume
  progression: Progression
  records: Records
  recentRecords: RecentRecords
  breakdown: Breakdown
  calendar: Calendar
  time: ServerTime
}

// Compiled once: checking a summary costs microseconds, so validation adds nothing measurable per call.
const checkers = Object.fromEntries(
  Object.entries(endpoints).map(([name, { schema }]) => [name, Compile(schema)]),
) as unknown as Record<EndpointName, ReturnType<typeof Compile>>

/** Returns null when `value` has the endpoint's shape, else a short description of the first mismatch. */
export function shapeProblem(name: EndpointName, value: unknown): string | null {
  const checker = checkers[name]
  if (checker.Check(value)) return null
  const first = checker.Errors(value)[0]
  if (!first) return 'does not match the contract'
  return `${first.instancePath || '/'} ${first.message}`
}
