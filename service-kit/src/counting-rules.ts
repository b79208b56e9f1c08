// How LiftLog counts: the definitions every number follows, written once. Both services' OpenAPI
// descriptions and core's "How LiftLog counts" page are made from this list, so they cannot disagree.

export interface CountingRule {
  term: string
  rule: string
}

export const COUNTING_RULES: CountingRule[] = [
  {
    term: 'Workout',
    rule:
      'A logged session with at least one set. It counts as a workout (totals, calendar, weeks, streaks) whatever its sets are, warm-ups only included. ' +
      'Its local date is fixed when it is logged, in the lifter’s zone then; an edit that keeps its start keeps that date, even after a move to another zone.',
  },
  {
    term: 'Set',
    rule: 'One row of reps × weight. Workout pages list and count every set, warm-ups included (marked “warm-up”); progress pages and stats count working sets only.',
  },
  {
    term: 'Warm-up',
    rule: 'A set marked warm-up is shown in its workout and counts towards no progress set count, reps, volume, estimated 1RM, record or PR.',
  },
  {
    term: 'Missed attempt',
    rule: 'A set with 0 reps. It is shown in its workout and adds nothing to volume; it is never a record, PR, heaviest weight or estimated 1RM.',
  },
  {
    term: 'Weight',
    rule:
      'Kept exactly as typed: the value (at most two decimals) and its unit. Arithmetic uses its exact kilograms (1 lb = 0.45359237 kg). ' +
      'It shows as typed, e.g. 137.5 lb or 61.25 kg; in the other unit it is converted to 0.01 (100 kg → 220.46 lb). Switching the profile unit changes display only.',
  },
  {
    term: 'Bodyweight exercises',
    rule: 'The weight is the added load (0 = bodyweight alone): volume, heaviest weight and estimated 1RM use the added load only, and progress is shown in reps.',
  },
  {
    term: 'Plates per side',
    rule:
      'Beside barbell sets: (weight − bar) ÷ 2 in the unit the weight was typed in, loaded heaviest plate first from a standard set ' +
      '(20 kg bar; 25, 20, 15, 10, 5, 2.5, 1.25 kg — or 45 lb bar; 45, 35, 25, 10, 5, 2.5 lb). What no plate makes up is shown as left over, never rounded away.',
  },
  {
    term: 'Volume',
    rule: 'Σ reps × weight over working sets, computed exactly; shown in whole units (half-up) with thousands separators, e.g. 10,115 lb.',
  },
  {
    term: 'Estimated 1RM',
    rule:
      'Epley w × (1 + r/30) (the default) or Brzycki w × 36 / (37 − r); a single rep is the weight itself. Only working sets with a load and 1 to 12 reps count ' +
      '(the rep cap; progression charts accept 1 to 30). Records and PRs use Epley with the cap of 12. Shown to 0.1 of the unit.',
  },
  {
    term: 'Records',
    rule:
      'Per exercise: heaviest weight (with at least 1 rep), best estimated 1RM, most reps in a set, best session volume, and the most reps at each weight. ' +
      'Values are compared exactly (90 × 10 and 120 × 1 are both 120 by Epley: a tie). Ties go to the earliest workout; within one workout, to the set with the most reps ' +
      '(for most reps: the heaviest weight).',
  },
  {
    term: 'PR',
    rule:
      'A workout whose best beats every earlier workout of that exercise — an equal is not a PR, and a first-ever session beats nothing. ' +
      'Recent PRs are those of the last N local days ending today, in the lifter’s current zone.',
  },
  {
    term: 'Rounding',
    rule:
      'Half-up, one rule per figure, the same on every page and in core’s JSON API: weights to 0.01 of the unit (as typed), estimated 1RM to 0.1, volume to whole units. ' +
      'stats-service answers in kilograms; its estimates are rounded to 0.01 kg after they are compared.',
  },
  {
    term: 'Body weight',
    rule:
      'One entry per local date, kept exactly as typed like a set’s weight (20–500 kg, or the same in lb); logging a date again replaces its entry. ' +
      'A date after the lifter’s today, in their zone, is refused.',
  },
  {
    term: 'Body-weight trend',
    // Word for word the contract's BODY_WEIGHT_TREND_RULE (stats-contract/src/body-weight.ts); a stats test checks.
    rule:
      'An exponentially weighted moving average with a 10-day half-life, over every entry in date order: ' +
      'the first entry ever logged starts the trend at its weight; each later entry moves it towards itself by 1 − 0.5^(d/10) of the gap, ' +
      'where d is the days since the previous entry (an entry 10 days after the last moves it halfway; one the next day, by 6.7 %). ' +
      'Computed in exact kilograms from the first entry on, so entries before the range still shape it; shown to 0.01 of the unit (half-up).',
  },
  {
    term: 'Relative strength',
    rule:
      'A session’s best estimated 1RM ÷ the lifter’s body weight on that date — the latest body-weight entry on or before it — shown to 0.01 (half-up) as “× body weight”; ' +
      'the ratio is the same in kg and lb. A session before the first entry has no figure.',
  },
  {
    term: 'Total load',
    rule:
      'For bodyweight exercises, switchable next to their progress: body weight on the session’s date (the latest entry on or before it) + the heaviest added load of the session, in the lifter’s unit. ' +
      'Everywhere else a bodyweight exercise’s weight stays the added load only.',
  },
  {
    term: 'Charts',
    rule: 'Every session is a point and a table row, also two sessions on one local date.',
  },
]

/** The rules as a Markdown list, for OpenAPI descriptions. */
export function countingRulesMarkdown(): string {
  return COUNTING_RULES.map((r) => `- **${r.term}**: ${r.rule}`).join('\n')
}
