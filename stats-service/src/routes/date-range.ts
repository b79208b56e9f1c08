// Resolves the from/to/range query parameters into a checked local-date range.
import { BadRequest } from '../errors.ts'
import { addMonths } from '../stats/local-dates.ts'

export interface RangeInput {
  from?: string
  to?: string
  range?: 'all'
}

/** Dates the database and the calendar arithmetic handle comfortably (PostgreSQL has no year 0). */
export const FIRST_DATE = '1900-01-01'
export const LAST_DATE = '2999-12-31'

export function checkDate(name: string, value: string | undefined) {
  if (value !== undefined && (value < FIRST_DATE || value > LAST_DATE)) {
    throw new BadRequest(`${name} (${value}) must be between ${FIRST_DATE} and ${LAST_DATE}`)
  }
}

/** Rejects out-of-bounds and contradictory input before anything is read. */
export function checkRange(input: RangeInput) {
  checkDate('from', input.from)
  checkDate('to', input.to)
  if (input.range === 'all' && (input.from !== undefined || input.to !== undefined)) {
    throw new BadRequest('range=all cannot be combined with from or to')
  }
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    throw new BadRequest(`from (${input.from}) is after to (${input.to}); swap them`)
  }
}

/**
 * Default: the 12 months up to today. range=all: the first workout (or today) to today. `input` has
 * passed checkRange already (the handler calls it before anything is read), so it is not checked again;
 * only the range its defaults make can still be backwards.
 */
export async function resolveRange(
  input: RangeInput,
  today: string,
  firstWorkoutDate: () => Promise<string | null>,
) {
  if (input.range === 'all') {
    const first = (await firstWorkoutDate()) ?? today
    return { from: first < today ? first : today, to: today }
  }
  const to = input.to ?? today
  const from = input.from ?? addMonths(to, -12)
  if (from > to) throw new BadRequest(`from (${from}) is after to (${to}); swap them`)
  return { from, to }
}
