// LiftLog's export read back: every set exactly as it was typed, the workout's own local date kept.
import t from 'tap'
import { Prisma, type PrismaClient } from '../../src/generated/prisma/client.ts'
import { dropDuplicates } from '../../src/import/duplicates.ts'
import { buildImportPlan, storableSet } from '../../src/import/plan.ts'
import { toKg, type WeightUnit } from '../../src/units.ts'
import { exportSetsCsv } from '../../src/workouts/export.ts'
import { dateColumn } from '../../src/workouts/local-time.ts'
import { chunks, english } from './helpers.ts'

interface Row {
  workoutId: string
  startedAt: Date
  localDate: string
  title: string | null
  notes: string | null
  sets: {
    exercise: string
    reps: number
    weight: string
    unit: WeightUnit
    rpe: string | null
    isWarmup: boolean
  }[]
}

const workouts: Row[] = [
  {
    workoutId: '00000000-0000-4000-8000-000000000001',
    startedAt: new Date('2026-01-10T10:30:00Z'), // 23:30 in Auckland
    localDate: '2026-01-10',
    title: 'Heavy, "top" day',
    notes: '=HYPERLINK("x")\nsecond line',
    sets: [
      { exercise: 'Bench Press', reps: 5, weight: '135', unit: 'lb', rpe: null, isWarmup: true },
      { exercise: 'Bench Press', reps: 5, weight: '185.25', unit: 'lb', rpe: '8.5', isWarmup: false },
      { exercise: '+Zercher, "deep"', reps: 3, weight: '61.25', unit: 'kg', rpe: '10', isWarmup: false },
    ],
  },
  {
    workoutId: '00000000-0000-4000-8000-000000000002',
    startedAt: new Date('2025-12-31T12:00:00Z'),
    localDate: '2026-01-01',
    title: null,
    notes: null,
    sets: [{ exercise: 'Pull-Up', reps: 8, weight: '0', unit: 'kg', rpe: null, isWarmup: false }],
  },
]

/** The rows export.ts selects, built from plain data (it needs nothing else from Prisma). */
function exportRows() {
  return workouts
    .flatMap((w) =>
      w.sets.map((s, position) => ({
        startedAt: w.startedAt,
        workoutId: w.workoutId,
        position,
        reps: s.reps,
        weightKg: toKg(s.weight, s.unit),
        weightUnit: s.unit,
        rpe: s.rpe === null ? null : new Prisma.Decimal(s.rpe),
        isWarmup: s.isWarmup,
        workout: { localDate: dateColumn(w.localDate), title: w.title, notes: w.notes },
        exercise: { name: s.exercise, muscleGroup: 'chest', equipment: 'barbell' },
      })),
    )
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
}

async function exported(): Promise<string> {
  const prisma = { workoutSet: { findMany: async () => exportRows() } } as unknown as PrismaClient
  let csv = ''
  for await (const part of exportSetsCsv(prisma, { id: 'u', unit: 'lb', timeZone: 'Pacific/Auckland' }))
    csv += part
  return csv
}

t.test('a LiftLog export imports back with every set exact', async (t) => {
  const csv = await exported()
  t.match(csv, /'=HYPERLINK/, 'the exporter did guard the formula')
  const plan = await buildImportPlan(chunks(csv), { zone: 'Europe/Ljubljana', unit: 'kg' })
  t.equal(plan.detected, 'liftlog')
  t.same(plan.problems, [])
  t.same(plan.warnings, [])
  const expected = [...workouts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
  t.same(
    plan.workouts.map((w) => ({
      start: w.start,
      localDate: w.localDate,
      name: w.name,
      note: w.note,
      sets: w.sets.map((s) => ({ exercise: s.exercise, ...storableSet(s, 'kg') })),
    })),
    expected.map((w) => ({
      start: w.startedAt.toISOString(),
      localDate: w.localDate,
      name: w.title,
      note: w.notes,
      sets: w.sets.map((s) => ({ ...s, weightKg: toKg(s.weight, s.unit).toFixed() })),
    })),
  )
  t.same(plan.exercises.find((e) => e.name === 'Bench Press')!.hint, {
    muscleGroup: 'chest',
    equipment: 'barbell',
  })
})

t.test('importing the export into an account that has it already adds nothing', async (t) => {
  const plan = await buildImportPlan(chunks(await exported()), { zone: 'UTC', unit: 'kg' })
  const existing = exportRows().reduce<
    {
      startedAt: Date
      sets: { exerciseId: string; reps: number; weightKg: Prisma.Decimal; isWarmup: boolean }[]
    }[]
  >((all, r) => {
    const last = all.at(-1)
    const set = { exerciseId: r.exercise.name, reps: r.reps, weightKg: r.weightKg, isWarmup: r.isWarmup }
    if (last && last.startedAt === r.startedAt) last.sets.push(set)
    else all.push({ startedAt: r.startedAt, sets: [set] })
    return all
  }, [])
  const again = dropDuplicates(plan.workouts, existing, (name) => name, 'kg')
  t.same(again.fresh, [])
  t.equal(again.duplicates.length, 2)
  const first = dropDuplicates(plan.workouts, [], (name) => name, 'kg')
  t.equal(first.fresh.length, 2, 'into an empty account everything is new')
  const edited = dropDuplicates(
    plan.workouts,
    [{ ...existing[0]!, sets: existing[0]!.sets.slice(1) }],
    (n) => n,
    'kg',
  )
  t.equal(edited.fresh.length, 2, 'same start second but other sets is not a duplicate')
})

t.test('an edited export whose weight and weight_kg disagree is refused row by row', async (t) => {
  const csv = (await exported()).replace('185.25,lb', '185.5,lb')
  const plan = await buildImportPlan(chunks(csv), { zone: 'UTC', unit: 'kg' })
  t.match(english(plan.problems), [{ line: 5, reason: /^weight 185\.5 lb does not match weight_kg/ }])
})
