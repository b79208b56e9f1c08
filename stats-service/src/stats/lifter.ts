// The lifter a request is about, read from the users row with one primary-key lookup: zone, unit and
// data_version (the cache key's freshness part). An unknown id is a lifter with no history, not an error.
import sql from 'sql-template-tag'
import type { Db } from '../plugins/database.ts'
import { isValidZone } from './local-dates.ts'

export interface Lifter {
  userId: string
  known: boolean
  timeZone: string
  unit: 'kg' | 'lb'
  dataVersion: number
}

export async function loadLifter(db: Db, userId: string): Promise<Lifter> {
  const rows = await db.rows<{ time_zone: string; unit: 'kg' | 'lb'; data_version: number }>(sql`
    SELECT time_zone, unit::text AS unit, data_version FROM users WHERE id = ${userId}::uuid`)
  const row = rows[0]
  if (!row) return { userId, known: false, timeZone: 'UTC', unit: 'kg', dataVersion: -1 }
  // core validates zones on write; a name this runtime does not know still must not break the stats.
  const timeZone = isValidZone(row.time_zone) ? row.time_zone : 'UTC'
  return { userId, known: true, timeZone, unit: row.unit, dataVersion: row.data_version }
}

export const KG_PER_LB = 0.45359237

export function inUnit(kg: number, unit: 'kg' | 'lb'): number {
  return unit === 'kg' ? kg : Math.round((kg / KG_PER_LB) * 100) / 100
}
