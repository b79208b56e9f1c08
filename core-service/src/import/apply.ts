// The confirm step of an import: writes an import plan for one lifter in one transaction — custom
// exercises for the file's unmatched names, then every workout that passes the same checks a logged
// workout passes (workouts/input.ts), minus those already there (duplicates.ts) — and bumps the lifter's
// data_version once. Nothing is half-written: a failure rolls everything back, and a workout LiftLog
// can't take is skipped whole, with its line and reason, never trimmed of sets.
import { randomUUID } from 'node:crypto'
import { lockOwner } from '../db/lock-owner.ts'
import { ValidationFailed } from '../errors.ts'
import { type NewExercise, visibleTo } from '../exercises/repository.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import type { WeightUnit } from '../units.ts'
import { fieldErrorsOf, validBody } from '../validation.ts'
import { checkExercises, LIMITS, type NormalizedWorkout, normalizeWorkout } from '../workouts/input.ts'
import { dateColumn } from '../workouts/local-time.ts'
import { WorkoutBody } from '../workouts/schemas.ts'
import { dropDuplicates } from './duplicates.ts'
import { importedLocalDate } from './local-dates.ts'
import { type ImportMessage, reason as msg } from './messages.ts'
import { storableSet } from './plan.ts'
import type { ImportPlan, PlannedWorkout, RowProblem } from './types.ts'

/** What a file's exercise name becomes: one the lifter may use, or a custom exercise made for it. */
export type ExerciseChoice = { exerciseId: string } | { create: NewExercise }

export interface ImportOutcome {
  workouts: number
  sets: number
  exercisesCreated: number
  /** Workouts already in the log (same start second, same sets): not added again. */
  duplicates: number
  /** Time- or distance-only sets (planks, runs): LiftLog has no columns for them. */
  setsWithoutReps: number
  /** Workouts skipped whole, each with the line it starts on and why. */
  skipped: RowProblem[]
  /** Titles and notes shortened to LiftLog's limits. */
  shortened: RowProblem[]
}

/** A workout as it will be written, once its file exercise names are resolved. */
interface Ready {
  planned: PlannedWorkout
  workout: NormalizedWorkout
  localDate: string
}

// Statements stay far below the page pool's statement timeout (700 ms): rows go in batches.
const SET_BATCH = 2_000
// The whole import may take longer than one page: the transaction's own bound (Prisma's default is 5 s).
const TRANSACTION_TIMEOUT_MS = 120_000

const shorten = (text: string | null, max: number) =>
  text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text

/**
 * The lifter's zone and unit are read inside the transaction (with the row locked), so a settings change
 * racing the import can't split it. `now` decides "not after today".
 */
export async function applyImport(
  prisma: PrismaClient,
  userId: string,
  plan: ImportPlan,
  choices: Readonly<Record<string, ExerciseChoice>>,
  now = new Date(),
): Promise<ImportOutcome> {
  return prisma.$transaction(
    async (tx) => {
      // Bumping data_version first also locks the lifter's row: two imports of one lifter run one after
      // the other, so the second sees the first's workouts as duplicates.
      const owner = await lockOwner(tx, userId)
      const { exerciseIdOf, created } = await resolveExercises(tx, userId, plan, choices)
      const facts = await tx.exercise.findMany({
        where: { id: { in: [...new Set(Object.values(exerciseIdOf))] }, ...visibleTo(userId) },
        select: { id: true, isBodyweight: true, equipment: true },
      })
      const outcome: ImportOutcome = {
        workouts: 0,
        sets: 0,
        exercisesCreated: created,
        duplicates: 0,
        setsWithoutReps: 0,
        skipped: [],
        shortened: [],
      }
      const ready: Ready[] = []
      for (const planned of plan.workouts) {
        const checked = checkWorkout(planned, exerciseIdOf, facts, owner, now, outcome)
        if (checked) ready.push(checked)
      }
      const existing = await existingAt(tx, userId, ready)
      const { fresh, duplicates } = dropDuplicates(
        ready.map((r) => ({ ...r, start: r.planned.start, sets: r.planned.sets })),
        existing,
        (name) => exerciseIdOf[name]!,
        owner.unit,
      )
      outcome.duplicates = duplicates.length
      await insert(tx, userId, owner.timeZone, fresh)
      outcome.workouts = fresh.length
      outcome.sets = fresh.reduce((n, r) => n + r.workout.sets.length, 0)
      return outcome
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  )
}

/** Every file exercise name mapped to an exercise id; custom exercises created as chosen. */
async function resolveExercises(
  tx: Prisma.TransactionClient,
  userId: string,
  plan: ImportPlan,
  choices: Readonly<Record<string, ExerciseChoice>>,
) {
  const exerciseIdOf: Record<string, string> = {}
  let created = 0
  for (const { name } of plan.exercises) {
    const choice = choices[name]
    if (!choice) throw new ValidationFailed(`choose an exercise for "${name}"`)
    if ('exerciseId' in choice) {
      exerciseIdOf[name] = choice.exerciseId.toLowerCase()
      continue
    }
    const wanted = choice.create.name.trim()
    // A name the lifter can already use (names are citext: case-insensitive) is that exercise, so the same
    // custom exercise chosen for two file names ("Bench", "bench") is made once and never clashes.
    const known = await tx.exercise.findFirst({
      where: { name: wanted, ...visibleTo(userId) },
      select: { id: true },
    })
    const id =
      known?.id ??
      (
        await tx.exercise.create({
          data: {
            ownerId: userId,
            name: wanted,
            category: choice.create.category,
            muscleGroup: choice.create.muscleGroup.trim().toLowerCase(),
            equipment: choice.create.equipment,
            // The exercises form's rule: bodyweight equipment means a bodyweight exercise unless told.
            isBodyweight: choice.create.isBodyweight ?? choice.create.equipment === 'bodyweight',
          },
          select: { id: true },
        })
      ).id
    if (!known) created++
    exerciseIdOf[name] = id
  }
  return { exerciseIdOf, created }
}

/** The workout as a logged one would be checked, or null (and why, in outcome.skipped). */
function checkWorkout(
  planned: PlannedWorkout,
  exerciseIdOf: Readonly<Record<string, string>>,
  facts: Parameters<typeof checkExercises>[1],
  owner: { timeZone: string; unit: WeightUnit },
  now: Date,
  outcome: ImportOutcome,
): Ready | null {
  const stored = planned.sets.flatMap((set) => {
    const s = storableSet(set, owner.unit)
    if (!s) outcome.setsWithoutReps++
    return s ? [{ set, stored: s }] : []
  })
  if (stored.length === 0) {
    outcome.skipped.push({ line: planned.line, reason: msg('noRepsSets') })
    return null
  }
  const title = shorten(planned.name, LIMITS.titleLength)
  const notes = shorten(planned.note, LIMITS.notesLength)
  if (title !== planned.name || notes !== planned.note) {
    outcome.shortened.push({
      line: planned.line,
      reason: msg(title !== planned.name ? 'titleShortened' : 'notesShortened'),
    })
  }
  try {
    // The API's body (its start is an instant already), then the API's domain rules.
    const valid = validBody(WorkoutBody, {
      title,
      notes,
      sets: stored.map(({ set, stored: s }) => ({
        exerciseId: exerciseIdOf[set.exercise]!,
        reps: s.reps,
        // storableSet's weight has at most 2 decimals, so the number reads back as the same decimal.
        weight: Number(s.weight),
        unit: s.unit,
        rpe: s.rpe === null ? null : Number(s.rpe),
        isWarmup: s.isWarmup,
      })),
    })
    const workout = normalizeWorkout(
      { ...valid, startedAt: new Date(planned.start) },
      owner.unit,
      owner.timeZone,
      now,
    )
    checkExercises(workout.sets, facts)
    return { planned, workout, localDate: importedLocalDate(planned, owner.timeZone) }
  } catch (err) {
    const fields = fieldErrorsOf(err)
    if (!fields) throw err
    outcome.skipped.push({
      line: planned.line,
      reason: skipReason(
        fields,
        stored.map((s) => s.set.line),
      ),
    })
    return null
  }
}

/** "line 14: reps must be …" for a set's problem, "start cannot be after today" for the workout's own. */
function skipReason(fields: Record<string, string>, setLines: number[]): ImportMessage {
  const [path, message] = Object.entries(fields)[0]!
  const error = { formError: message }
  const set = /^sets\.(\d+)\.(\w+)$/.exec(path)
  if (set) {
    const field = SET_FIELDS.has(set[2]!) ? msg(`field.${set[2]}`) : set[2]!
    return msg('setRefused', { line: setLines[Number(set[1])]!, field, error })
  }
  if (path === 'startedAt') return msg('startRefused', { error })
  if (path === 'sets' && message.startsWith('at most'))
    return msg('tooManySets', { count: setLines.length, error })
  return msg('fieldRefused', { field: path, error })
}

/** The set fields the catalog names (importReasons.field.*). */
const SET_FIELDS = new Set(['exerciseId', 'reps', 'weight', 'unit', 'rpe', 'isWarmup'])

/** The lifter's workouts starting in the same seconds as the import's, with their sets in order. */
async function existingAt(tx: Prisma.TransactionClient, userId: string, ready: Ready[]) {
  if (ready.length === 0) return []
  const seconds = new Set(ready.map((r) => Math.floor(new Date(r.planned.start).getTime() / 1000)))
  // Plans are in start order (plan.ts), so the first and last bound the range.
  const first = new Date(ready[0]!.planned.start).getTime()
  const last = new Date(ready.at(-1)!.planned.start).getTime()
  const candidates = await tx.workout.findMany({
    where: { userId, startedAt: { gte: new Date(first), lt: new Date(last + 1000) } },
    select: { id: true, startedAt: true },
  })
  const same = candidates.filter((w) => seconds.has(Math.floor(w.startedAt.getTime() / 1000)))
  if (same.length === 0) return []
  return tx.workout.findMany({
    where: { userId, id: { in: same.map((w) => w.id) } },
    select: {
      startedAt: true,
      sets: {
        orderBy: { position: 'asc' },
        select: { exerciseId: true, reps: true, weightKg: true, isWarmup: true },
      },
    },
  })
}

async function insert(tx: Prisma.TransactionClient, userId: string, timeZone: string, fresh: Ready[]) {
  const rows = fresh.map((r) => ({ id: randomUUID(), ...r }))
  for (let i = 0; i < rows.length; i += SET_BATCH) {
    await tx.workout.createMany({
      data: rows.slice(i, i + SET_BATCH).map(({ id, workout, localDate }) => ({
        id,
        userId,
        startedAt: workout.startedAt,
        localDate: dateColumn(localDate),
        timeZone,
        title: workout.title,
        notes: workout.notes,
      })),
    })
  }
  // One INSERT … SELECT FROM unnest(arrays) per batch: nine parameters whatever the batch size, where
  // createMany sent eleven per row (50k sets took 13 s that way).
  const sets = rows.flatMap(({ id, workout }) =>
    workout.sets.map((set, position) => ({ workoutId: id, startedAt: workout.startedAt, position, set })),
  )
  for (let i = 0; i < sets.length; i += SET_BATCH) {
    const batch = sets.slice(i, i + SET_BATCH)
    await tx.$executeRaw`
      INSERT INTO workout_sets
        (id, workout_id, exercise_id, user_id, started_at, position, reps, weight_kg, weight_unit, rpe, is_warmup)
      SELECT gen_random_uuid(), w, e, ${userId}::uuid, s, p, r, k, u::"WeightUnit", rpe, warmup
      FROM unnest(
        ${batch.map((b) => b.workoutId)}::uuid[], ${batch.map((b) => b.set.exerciseId.toLowerCase())}::uuid[],
        ${batch.map((b) => b.startedAt.toISOString())}::timestamptz[], ${batch.map((b) => b.position)}::int[],
        ${batch.map((b) => b.set.reps)}::int[], ${batch.map((b) => b.set.weightKg.toFixed())}::numeric[],
        ${batch.map((b) => b.set.weightUnit)}::text[], ${batch.map((b) => b.set.rpe?.toFixed() ?? null)}::numeric[],
        ${batch.map((b) => b.set.isWarmup)}::boolean[]
      ) AS t(w, e, s, p, r, k, u, rpe, warmup)`
  }
}
