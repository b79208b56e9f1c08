// How a workout reads to a lifter: sets grouped by exercise ("3 × 5 @ 100 kg"), volume in their unit.
import { exerciseName } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import { numberFormat } from '../i18n/numbers.ts'
import { translator } from '../i18n/translate.ts'
import { Decimal, formatWeight, type WeightUnit } from '../units.ts'
import { describeLoading } from './plates.ts'
import type { WorkoutSet } from './types.ts'

type SetRow = WorkoutSet

export interface SetLine {
  /** e.g. "3 × 5 @ 100 kg", "2 × 10 @ bodyweight + 10 kg", "1 × 3 @ 140 kg @ RPE 9" */
  text: string
  isWarmup: boolean
  /** Barbell sets: the plates per side (plates.ts), e.g. "per side: 20 + 10 kg (20 kg bar)". */
  plates: string | null
}

export interface ExerciseGroup {
  exerciseId: string
  name: string
  archived: boolean
  lines: SetLine[]
  setCount: number
  volume: string
}

/** Σ reps × weight over working sets; warm-ups are preparation, not training volume. */
export function volumeKg(sets: Pick<SetRow, 'reps' | 'weightKg' | 'isWarmup'>[]): Decimal {
  return sets.reduce(
    (sum, s) => (s.isWarmup ? sum : sum.plus(new Decimal(s.weightKg).times(s.reps))),
    new Decimal(0),
  )
}

/** Volume for reading: whole units with thousands separators, e.g. "4,500 kg". */
export function formatVolume(kg: Decimal, unit: WeightUnit, locale: Locale = 'en'): string {
  return formatWeight(kg, unit, 'volume', locale)
}

/** The working-set volume of some sets, for reading in `unit`: "4,500 kg". */
export function setsVolume(
  sets: Pick<SetRow, 'reps' | 'weightKg' | 'isWarmup'>[],
  unit: WeightUnit,
  locale: Locale = 'en',
): string {
  return formatVolume(volumeKg(sets), unit, locale)
}

function load(set: SetRow, unit: WeightUnit, locale: Locale): string {
  const bodyweight = set.exercise.isBodyweight
  const t = translator(locale)
  if (bodyweight)
    return new Decimal(set.weightKg).isZero()
      ? t('sets.bodyweight')
      : `${t('sets.bodyweight')} + ${formatWeight(set.weightKg, unit, 'weight', locale)}`
  return formatWeight(set.weightKg, unit, 'weight', locale)
}

function sameLine(a: SetRow, b: SetRow): boolean {
  return (
    a.reps === b.reps &&
    a.isWarmup === b.isWarmup &&
    new Decimal(a.weightKg).equals(b.weightKg) &&
    String(a.rpe ?? '') === String(b.rpe ?? '')
  )
}

/** Sets grouped by exercise in the order each exercise first appears; equal consecutive sets share a line. */
export function groupSets(sets: SetRow[], unit: WeightUnit, locale: Locale = 'en'): ExerciseGroup[] {
  const groups = new Map<string, { exercise: SetRow['exercise']; sets: SetRow[] }>()
  for (const set of sets) {
    const group = groups.get(set.exerciseId) ?? { exercise: set.exercise, sets: [] }
    group.sets.push(set)
    groups.set(set.exerciseId, group)
  }
  return [...groups.values()].map(({ exercise, sets: rows }) => {
    const runs: SetRow[][] = []
    for (const row of rows) {
      const last = runs.at(-1)
      if (last?.[0] && sameLine(last[0], row)) last.push(row)
      else runs.push([row])
    }
    const lines = runs.map((run) => {
      const first = run[0] as SetRow
      const rpe = first.rpe
        ? ` @ RPE ${numberFormat(locale, 1).format(new Decimal(first.rpe).toNumber())}`
        : ''
      return {
        text: `${run.length} × ${first.reps} @ ${load(first, unit, locale)}${rpe}`,
        isWarmup: first.isWarmup,
        // In the unit the weight was typed in: those are the plates the lifter put on.
        plates:
          exercise.equipment === 'barbell' ? describeLoading(first.weightKg, first.weightUnit, locale) : null,
      }
    })
    return {
      exerciseId: exercise.id,
      name: exerciseName(exercise.name, locale),
      archived: exercise.archived,
      lines,
      setCount: rows.length,
      volume: setsVolume(rows, unit, locale),
    }
  })
}
