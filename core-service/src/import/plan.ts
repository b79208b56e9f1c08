// The import plan of one upload: read streaming, grouped into workouts, counted, with every unreadable row
// and its reason. Pure data, so the preview can show it and the confirm step can write it later.
import { inUnit, toKg, type WeightUnit } from '../units.ts'
import { ImportFileError, openCsv } from './csv-source.ts'
import { detectFormat, FORMAT_NAMES, normalizeColumn } from './detect.ts'
import { fitnotesReader } from './fitnotes.ts'
import { hevyReader } from './hevy.ts'
import { liftlogReader } from './liftlog.ts'
import { type ImportMessage, reason as msg } from './messages.ts'
import { strongReader } from './strong.ts'
import type {
  FileExercise,
  FormatReader,
  ImportFormat,
  ImportPlan,
  PlannedSet,
  PlannedWorkout,
  ReadContext,
  RowProblem,
} from './types.ts'

/** Problems and warnings kept in the plan; a file with more is counted, not listed. */
export const MAX_PROBLEMS = 500

const READERS: Record<ImportFormat, (columns: readonly string[], ctx: ReadContext) => FormatReader> = {
  strong: strongReader,
  hevy: hevyReader,
  fitnotes: fitnotesReader,
  liftlog: liftlogReader,
}

export interface PlanOptions {
  /** The lifter's IANA zone: files without zone information are read as wall-clock times in it. */
  zone: string
  /** The lifter's unit, for files that don't say which unit their weights are in. */
  unit: WeightUnit
  /** The lifter's choice of format, overriding detection. */
  format?: ImportFormat
}

function emptyPlan(
  detected: ImportFormat | null,
  format: ImportFormat | null,
  fileProblem: ImportMessage | null,
): ImportPlan {
  return {
    format,
    detected,
    fileProblem,
    workouts: [],
    exercises: [],
    counts: { rows: 0, workouts: 0, sets: 0, withoutReps: 0, firstStart: null, lastStart: null },
    problems: [],
    moreProblems: 0,
    warnings: [],
    assumptions: [],
  }
}

/** Reads the upload into a plan. Never throws for anything in the file: its problems are in the plan. */
export async function buildImportPlan(
  input: AsyncIterable<Uint8Array | string>,
  options: PlanOptions,
): Promise<ImportPlan> {
  let opened: Awaited<ReturnType<typeof openCsv>>
  try {
    opened = await openCsv(input)
  } catch (error) {
    if (error instanceof ImportFileError) return emptyPlan(null, options.format ?? null, error.reason)
    throw error
  }
  const columns = opened.header.map(normalizeColumn)
  const detected = detectFormat(opened.header)
  const format = options.format ?? detected
  if (!format) {
    return emptyPlan(
      null,
      null,
      msg('unknownHeader', {
        columns: `${opened.header.slice(0, 8).join(', ')}${opened.header.length > 8 ? ', …' : ''}`,
      }),
    )
  }
  const reader = READERS[format](columns, {
    zone: options.zone,
    unit: options.unit,
    delimiter: opened.delimiter,
  })
  const missing = reader.required.filter((c) => !columns.includes(c))
  if (missing.length > 0) {
    return emptyPlan(
      detected,
      format,
      msg('missingColumns', {
        app: FORMAT_NAMES[format],
        columns: missing.map((c) => `"${c}"`).join(', '),
        count: missing.length,
      }),
    )
  }
  const plan = emptyPlan(detected, format, null)
  const byKey = new Map<string, PlannedWorkout>()
  const exercises = new Map<string, FileExercise>()
  const note = (list: RowProblem[], line: number, reason: ImportMessage) => {
    if (plan.problems.length + plan.warnings.length < MAX_PROBLEMS) list.push({ line, reason })
    else plan.moreProblems++
  }
  try {
    for await (const { line, fields } of opened.records) {
      plan.counts.rows++
      if (fields.length > columns.length && fields.slice(columns.length).some((f) => f.trim() !== '')) {
        note(plan.problems, line, msg('fieldCount', { fields: fields.length, header: columns.length }))
        continue
      }
      const row: Record<string, string> = {}
      columns.forEach((c, i) => {
        row[c] = fields[i] ?? ''
      })
      const result = reader.read(row, line)
      if (result.kind === 'skip') continue
      if (result.kind === 'problem') {
        note(plan.problems, line, result.reason)
        continue
      }
      let workout = byKey.get(result.workoutKey)
      if (!workout) {
        workout = { line, ...result.workout, sets: [] }
        byKey.set(result.workoutKey, workout)
      }
      if (result.kind === 'note') {
        workout.note = workout.note ? `${workout.note}\n${result.text}` : result.text
        continue
      }
      for (const w of result.warnings ?? []) note(plan.warnings, line, w)
      workout.sets.push(result.set)
      const seen = exercises.get(result.set.exercise)
      if (seen) seen.sets++
      else
        exercises.set(result.set.exercise, {
          name: result.set.exercise,
          sets: 1,
          firstLine: line,
          hint: result.hint ?? {},
        })
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    plan.fileProblem = error.reason
  }
  plan.workouts = [...byKey.values()]
    .filter((w) => w.sets.length > 0)
    .sort((a, b) => a.start.localeCompare(b.start))
  plan.exercises = [...exercises.values()]
  plan.assumptions = reader.assumptions()
  plan.counts.workouts = plan.workouts.length
  plan.counts.sets = plan.workouts.reduce((n, w) => n + w.sets.length, 0)
  plan.counts.withoutReps = plan.workouts.reduce(
    (n, w) => n + w.sets.filter((s) => s.reps === null).length,
    0,
  )
  plan.counts.firstStart = plan.workouts[0]?.start ?? null
  plan.counts.lastStart = plan.workouts.at(-1)?.start ?? null
  return plan
}

/**
 * The set as LiftLog stores it, or null for a set it has no columns for (time or distance only). The
 * weight is kept as typed in its unit, rounded half-up to LiftLog's 0.01 (units.ts `inUnit`) when the file
 * had more decimals; no weight means 0, "bodyweight alone", in the lifter's unit.
 */
export function storableSet(
  set: PlannedSet,
  lifterUnit: WeightUnit,
): {
  reps: number
  weight: string
  unit: WeightUnit
  weightKg: string
  rpe: string | null
  isWarmup: boolean
} | null {
  if (set.reps === null) return null
  const unit = set.unit ?? lifterUnit
  const weight = inUnit(toKg(set.weight ?? '0', unit), unit).toFixed()
  return {
    reps: set.reps,
    weight,
    unit,
    weightKg: toKg(weight, unit).toFixed(),
    rpe: set.rpe,
    isWarmup: set.warmup,
  }
}
