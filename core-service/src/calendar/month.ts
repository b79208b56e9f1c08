// A lifter's month as a calendar grid: weeks of local dates (Monday-first unless the locale says otherwise), each marked with how many
// workouts it holds. Counts come from workouts.local_date, fixed in the lifter's zone when saved.
import { DateTime } from 'luxon'
import type { PrismaClient } from '../generated/prisma/client.ts'

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

export interface CalendarDay {
  date: string
  day: number
  inMonth: boolean
  isToday: boolean
  workouts: number
}

export interface CalendarMonth {
  month: string
  title: string
  prev: string
  next: string
  thisMonth: string
  weeks: CalendarDay[][]
  /** Workouts per local date in the month, e.g. { "2026-11-23": 1 }. */
  counts: Record<string, number>
}

/** The month ("2026-11") containing a local date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7)
}

/** Workouts per local date between two dates inclusive, for one user. */
export async function workoutCounts(
  prisma: PrismaClient,
  userId: string,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  // Raw SQL: every calendar view runs this, and Prisma's groupBy cost more than the query (issue 15).
  const rows = await prisma.$queryRaw<{ date: string; workouts: number }[]>`
    SELECT to_char(local_date, 'YYYY-MM-DD') AS date, count(*)::int AS workouts FROM workouts
    WHERE user_id = ${userId}::uuid AND local_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY local_date`
  return Object.fromEntries(rows.map((r) => [r.date, r.workouts]))
}

/**
 * The grid for `month` ("2026-11"): whole weeks covering it, starting on `weekStart` (ISO weekday: 1
 * Monday … 7 Sunday; the lifter's locale decides, accounts/locale.ts).
 */
export async function calendarMonth(
  prisma: PrismaClient,
  userId: string,
  month: string,
  today: string,
  weekStart = 1,
): Promise<CalendarMonth> {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' })
  const last = first.endOf('month').startOf('day')
  // Luxon weekdays are ISO: Monday 1 … Sunday 7.
  const gridStart = first.minus({ days: (first.weekday - weekStart + 7) % 7 })
  const gridEnd = last.plus({ days: (weekStart + 6 - last.weekday) % 7 })
  const counts = await workoutCounts(
    prisma,
    userId,
    gridStart.toISODate() as string,
    gridEnd.toISODate() as string,
  )
  const weeks: CalendarDay[][] = []
  for (let day = gridStart; day <= gridEnd; day = day.plus({ days: 1 })) {
    if (day.weekday === weekStart) weeks.push([])
    const date = day.toISODate() as string
    const week = weeks[weeks.length - 1] as CalendarDay[]
    const workouts = counts[date] ?? 0
    week.push({ date, day: day.day, inMonth: day.month === first.month, isToday: date === today, workouts })
  }
  const inMonth = Object.fromEntries(Object.entries(counts).filter(([d]) => d.startsWith(month)))
  return {
    month,
    title: first.toFormat('LLLL yyyy'),
    prev: first.minus({ months: 1 }).toFormat('yyyy-MM'),
    next: first.plus({ months: 1 }).toFormat('yyyy-MM'),
    thisMonth: monthOf(today),
    weeks,
    counts: inMonth,
  }
}

/** One lifter's calendar (request.lifter.calendar). */
export function calendarStore(prisma: PrismaClient, userId: string) {
  return {
    /** The grid for `month` ("2026-11"), marking `today` (the lifter's local date), weeks from `weekStart`. */
    month: (month: string, today: string, weekStart?: number) =>
      calendarMonth(prisma, userId, month, today, weekStart),
  }
}
