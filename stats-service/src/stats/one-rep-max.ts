// Estimated one-rep max formulas as SQL over a workout_sets row aliased `s`. A single rep is the
// weight itself; callers cap reps (default 12) because high-rep estimates are unreliable.

import type { Formula } from '@liftlog/stats-contract'
import sql, { raw, type Sql } from 'sql-template-tag'

/**
 * lcm(7, 8, …, 36): every Brzycki divisor 37 − r for 1 ≤ r ≤ MAX_REP_CAP (30, the contract's cap) divides it, so w·36·(L / (37 − r))
 * is an exact numeric (an integer quotient times the exact weight).
 */
const BRZYCKI_DENOMINATOR = raw('144403552893600::bigint')

/**
 * The estimate as one exact numeric over one fixed divisor per formula: Epley w·(30 + r) / 30, Brzycki
 * w·36·(L / (37 − r)) / L. Numeric division by the same constant is monotone and maps equal numerators to
 * equal results, so two sets whose exact estimates tie (90 × 10 and 120 × 1 are both 120) compare equal,
 * and a larger exact estimate is never smaller — where `w * (1 + r / 30.0)` made 90 × 10 = 119.99….
 */
export function e1rmSql(formula: Formula): Sql {
  return formula === 'epley'
    ? sql`(s.weight_kg * CASE WHEN s.reps = 1 THEN 30 ELSE 30 + s.reps END / 30)`
    : sql`(s.weight_kg * 36 * (${BRZYCKI_DENOMINATOR} / (37 - s.reps)) / ${BRZYCKI_DENOMINATOR})`
}
