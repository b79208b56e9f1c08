// "Download all my sets": every set the lifter ever logged as CSV, one row per set, oldest first — the
// export lifters ask for, in a shape spreadsheets and other training apps import.
import { DateTime } from 'luxon'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { editableWeight, type WeightUnit } from '../units.ts'
import { fromDateColumn } from './local-time.ts'

const CSV_COLUMNS = [
  'date',
  'started_at',
  'workout_id',
  'workout_title',
  'workout_notes',
  'exercise',
  'muscle_group',
  'equipment',
  'set',
  'reps',
  'weight_kg',
  'weight',
  'unit',
  'rpe',
  'warmup',
] as const

/** Sets read per query: memory stays at one page (a few hundred KB) however long the history is. */
const PAGE_SIZE = 2_000

const exportSelect = {
  startedAt: true,
  workoutId: true,
  position: true,
  reps: true,
  weightKg: true,
  weightUnit: true,
  rpe: true,
  isWarmup: true,
  workout: { select: { localDate: true, title: true, notes: true } },
  exercise: { select: { name: true, muscleGroup: true, equipment: true } },
} satisfies Prisma.WorkoutSetSelect

type ExportedSet = Prisma.WorkoutSetGetPayload<{ select: typeof exportSelect }>

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text the lifter typed that
 * starts like a formula (= + - @, tab, CR — also after leading spaces or line breaks, and their full-width
 * forms, which some spreadsheets read alike) gets a leading apostrophe, so a spreadsheet shows it rather
 * than running it (OWASP's advice for CSV injection); numbers are written by us and never need it.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/

function csvField(value: string | number | null, typed = false): string {
  if (value === null) return ''
  let text = String(value)
  if (typed && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvRow(set: ExportedSet, zone: string): string {
  // Set numbers count within the workout, as the workout page shows them.
  const fields = [
    csvField(fromDateColumn(set.workout.localDate)),
    csvField(
      DateTime.fromJSDate(set.startedAt, { zone }).startOf('second').toISO({ suppressMilliseconds: true }),
    ),
    csvField(set.workoutId),
    csvField(set.workout.title, true),
    csvField(set.workout.notes, true),
    csvField(set.exercise.name, true),
    csvField(set.exercise.muscleGroup, true),
    csvField(set.exercise.equipment),
    csvField(set.position + 1),
    csvField(set.reps),
    // Exact kilograms, then the weight exactly as typed and its unit: a re-import loses nothing.
    csvField(set.weightKg.toString()),
    csvField(editableWeight(set.weightKg, set.weightUnit)),
    csvField(set.weightUnit),
    csvField(set.rpe === null ? null : set.rpe.toString()),
    csvField(set.isWarmup ? 'yes' : 'no'),
  ]
  return `${fields.join(',')}\r\n`
}

/**
 * The CSV, header first, as chunks to stream. Pages by the set's (start, workout, position) — the order of
 * the (user_id, started_at) index — so memory stays bounded. Each page is its own query, not one snapshot:
 * a workout edited while a long export runs may come out partly as it was before the edit.
 */
export async function* exportSetsCsv(
  prisma: PrismaClient,
  user: { id: string; unit: WeightUnit; timeZone: string },
  pageSize = PAGE_SIZE,
): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`
  let after: ExportedSet | undefined
  for (;;) {
    const page: ExportedSet[] = await prisma.workoutSet.findMany({
      select: exportSelect,
      where: {
        userId: user.id,
        ...(after && {
          OR: [
            { startedAt: { gt: after.startedAt } },
            { startedAt: after.startedAt, workoutId: { gt: after.workoutId } },
            { startedAt: after.startedAt, workoutId: after.workoutId, position: { gt: after.position } },
          ],
        }),
      },
      orderBy: [{ startedAt: 'asc' }, { workoutId: 'asc' }, { position: 'asc' }],
      take: pageSize,
    })
    if (page.length > 0) yield page.map((set) => csvRow(set, user.timeZone)).join('')
    if (page.length < pageSize) return
    after = page.at(-1)
  }
}
