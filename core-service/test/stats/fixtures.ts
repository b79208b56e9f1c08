// Contract-shaped stats answers for the stand-in server: small, fixed, and recognisable in assertions.

/** Ids in the answers (the contract's uuids), recognisable in page links. */
export const EXERCISE_1 = 'e1e1e1e1-0000-4000-8000-000000000001'
export const WORKOUT_1 = 'a1a1a1a1-0000-4000-8000-000000000001'
export const WORKOUT_2 = 'a2a2a2a2-0000-4000-8000-000000000002'

const common = (userId: string) => ({
  userId,
  timeZone: 'Europe/Ljubljana',
  unit: 'kg' as const,
  generatedAt: new Date().toISOString(),
})
const period = (start: string, end: string, workouts: number, volumeKg: number) => ({
  start,
  end,
  workouts,
  sets: workouts * 5,
  reps: workouts * 25,
  volumeKg,
})

export function fixtureFor(url: string): unknown {
  const { pathname, searchParams } = new URL(url, 'http://stats')
  const match = /^\/v1\/users\/([^/]+)\/(.+)$/.exec(pathname)
  if (!match) return { statusCode: 404, code: 'NOT_FOUND', message: 'no such route' }
  const userId = decodeURIComponent(match[1]!)
  const rest = match[2]!
  if (rest === 'summary') {
    return {
      ...common(userId),
      totals: { workouts: 12, sets: 60, reps: 300, volumeKg: 12345.5, volume: 12345.5 },
      thisWeek: period('2026-11-23', '2026-11-29', 2, 2100),
      lastWeek: period('2026-11-16', '2026-11-22', 3, 3150),
      thisMonth: period('2026-11-01', '2026-11-30', 9, 9000),
      lastMonth: period('2026-10-01', '2026-10-31', 3, 3345.5),
      streaks: { currentWeeks: 4, longestWeeks: 7 },
      firstWorkoutDate: '2026-09-01',
      lastWorkoutDate: '2026-11-24',
    }
  }
  if (rest === 'volume') {
    return {
      ...common(userId),
      bucket: 'week',
      from: '2026-11-02',
      to: '2026-11-29',
      series: [
        { start: '2026-11-02', workouts: 2, sets: 10, reps: 50, volumeKg: 2000 },
        { start: '2026-11-09', workouts: 0, sets: 0, reps: 0, volumeKg: 0 },
        { start: '2026-11-16', workouts: 3, sets: 15, reps: 75, volumeKg: 3150 },
        { start: '2026-11-23', workouts: 2, sets: 10, reps: 50, volumeKg: 2100 },
      ],
    }
  }
  const progression = /^exercises\/([^/]+)\/progression$/.exec(rest)
  if (progression) {
    return {
      ...common(userId),
      exercise: { id: decodeURIComponent(progression[1]!), name: 'Bench press', isBodyweight: false },
      formula: searchParams.get('formula') ?? 'epley',
      repCap: 12,
      metric: 'weight',
      sessions: [
        {
          workoutId: WORKOUT_1,
          date: '2026-11-02',
          e1rmKg: 93.33,
          heaviestKg: 80,
          bestReps: 5,
          volumeKg: 1200,
          sets: 3,
        },
        {
          workoutId: WORKOUT_2,
          date: '2026-11-09',
          e1rmKg: 96.25,
          heaviestKg: 82.5,
          bestReps: 5,
          volumeKg: 1237.5,
          sets: 3,
        },
      ],
    }
  }
  if (rest === 'records') {
    return {
      ...common(userId),
      records: [
        {
          exerciseId: EXERCISE_1,
          exerciseName: 'Bench press',
          isBodyweight: false,
          heaviest: { valueKg: 82.5, reps: 5, date: '2026-11-09', workoutId: WORKOUT_2 },
          bestE1rm: { valueKg: 96.25, reps: 5, date: '2026-11-09', workoutId: WORKOUT_2 },
          mostReps: { reps: 8, weightKg: 60, date: '2026-11-02', workoutId: WORKOUT_1 },
          bestSessionVolume: { valueKg: 1237.5, date: '2026-11-09', workoutId: WORKOUT_2 },
          repsAtWeight: [{ weightKg: 82.5, reps: 5, date: '2026-11-09', workoutId: WORKOUT_2 }],
        },
      ],
    }
  }
  if (rest === 'records/recent') {
    return {
      ...common(userId),
      days: Number(searchParams.get('days') ?? 30),
      records: [
        {
          exerciseId: EXERCISE_1,
          exerciseName: 'Bench press',
          kind: 'heaviest',
          valueKg: 82.5,
          reps: 5,
          date: '2026-11-09',
          workoutId: WORKOUT_2,
        },
      ],
    }
  }
  if (rest === 'breakdown') {
    return {
      ...common(userId),
      from: '2026-10-01',
      to: '2026-11-29',
      exercises: [
        { exerciseId: EXERCISE_1, name: 'Bench press', muscleGroup: 'chest', sets: 6, volumeKg: 2437.5 },
      ],
      muscleGroups: [{ muscleGroup: 'chest', sets: 6, volumeKg: 2437.5 }],
    }
  }
  if (rest === 'calendar') {
    const month = searchParams.get('month') ?? '2026-11'
    return {
      ...common(userId),
      month,
      days: [
        { date: `${month}-02`, workouts: 1, sets: 5, volumeKg: 800 },
        { date: `${month}-09`, workouts: 1, sets: 12, volumeKg: 4200 },
      ],
    }
  }
  if (rest === 'body-weight/trend') {
    return {
      ...common(userId),
      from: '2025-11-30',
      to: '2026-11-30',
      halfLifeDays: 10,
      points: [
        { date: '2026-11-01', weight: 80, trend: 80 },
        { date: '2026-11-11', weight: 82, trend: 81 },
        { date: '2026-11-21', weight: 81.35, trend: 81.18 },
      ],
    }
  }
  return { statusCode: 404, code: 'NOT_FOUND', message: 'no such route' }
}
