// What the live page and the JSON API show of a live workout: last time's sets in one line ("3 × 5 @ 100 kg,
// 28 Nov"), rows with their weights as typed, anchors for post/redirect/get back to the same exercise.
import { DateTime } from 'luxon'
import { exerciseName } from '../i18n/exercise-names.ts'
import type { Locale } from '../i18n/locales.ts'
import { localDecimal } from '../i18n/numbers.ts'
import { translator } from '../i18n/translate.ts'
import type { WeightUnit } from '../units.ts'
import { previousRow } from './live-plan.ts'
import type { LastTime, LiveWorkout } from './live-types.ts'

/**
 * "3 × 5 @ 100 kg" for three equal sets; "5 @ 100 kg, 3 @ 110 kg" otherwise (runs of equal sets grouped).
 * In Slovenian "3 × 5 po 102,5 kg". English (the default) is also what the JSON API sends.
 */
export function setsLine(
  sets: { reps: number; weight: string; unit: WeightUnit }[],
  locale: Locale = 'en',
): string {
  const t = translator(locale)
  const runs: { count: number; reps: number; weight: string; unit: WeightUnit }[] = []
  for (const s of sets) {
    const run = runs.at(-1)
    if (run && run.reps === s.reps && run.weight === s.weight && run.unit === s.unit) run.count++
    else runs.push({ count: 1, ...s })
  }
  return runs
    .map(
      (r) =>
        `${r.count > 1 ? `${r.count} × ` : ''}${t('live.run', { reps: r.reps, weight: localDecimal(r.weight, locale), unit: r.unit })}`,
    )
    .join(', ')
}

/** "last: 3 × 5 @ 100 kg, 28 Nov" (the year too when it is not this one); "zadnjič: …, 28. nov." in sl. */
export function lastTimeLine(last: LastTime, today: string, locale: Locale = 'en'): string {
  const date = DateTime.fromISO(last.localDate, { zone: 'UTC' }).setLocale(locale)
  const sameYear = last.localDate.slice(0, 4) === today.slice(0, 4)
  const day = locale === 'en' ? 'd LLL' : 'd. LLL'
  return translator(locale)('live.lastTime', {
    sets: setsLine(last.sets, locale),
    date: date.toFormat(sameYear ? day : `${day} yyyy`),
  })
}

/** The page anchor of the n-th exercise (1-based): where a no-script form post returns to. */
export function exerciseAnchor(index: number): string {
  return `exercise-${index + 1}`
}

/** The live page's view: entries numbered, rows with their field values and whether they may be ticked. */
export function liveView(workout: LiveWorkout, today: string, locale: Locale = 'en') {
  return {
    id: workout.id,
    doneCount: workout.doneCount,
    entries: workout.entries.map((entry, i) => ({
      id: entry.id,
      anchor: exerciseAnchor(i),
      number: i + 1,
      name: exerciseName(entry.exercise.name, locale),
      bodyweight: entry.exercise.isBodyweight || entry.exercise.equipment === 'bodyweight',
      last: entry.last?.sets.length ? lastTimeLine(entry.last, today, locale) : null,
      rows: entry.rows.map((row, j) => {
        // A planned row's empty fields show what a tick will save: the previous row's values.
        const previous = row.done ? undefined : previousRow(entry.rows, row)
        return {
          ...row,
          number: j + 1,
          repsValue: row.reps === null ? '' : String(row.reps),
          weightValue: row.weight === null ? '' : localDecimal(row.weight, locale),
          repsPlaceholder: previous?.reps == null ? null : String(previous.reps),
          weightPlaceholder: previous?.weight == null ? null : localDecimal(previous.weight, locale),
        }
      }),
    })),
  }
}
