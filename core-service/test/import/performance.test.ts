// How long a 10-year Strong export (~50k sets) takes to read into a plan, and to write into a lifter's
// log through the confirm step, against the real database. Printed, not asserted: the machine is shared.
import t from 'tap'
import { applyImport } from '../../src/import/apply.ts'
import { suggestChoices } from '../../src/import/choices.ts'
import { buildImportPlan } from '../../src/import/plan.ts'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { testPrisma } from '../workouts/helpers.ts'

async function* strongExport(workouts: number, setsPer: number) {
  yield 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n'
  const start = Date.UTC(2016, 0, 4, 17, 0, 0)
  const names = [
    'Squat (Barbell)',
    'Bench Press (Barbell)',
    'Deadlift (Barbell)',
    'Pull Up',
    'Lateral Raise (Dumbbell)',
  ]
  for (let w = 0; w < workouts; w++) {
    const date = new Date(start + w * 2.2 * 86_400_000).toISOString().slice(0, 19).replace('T', ' ')
    let rows = ''
    for (let s = 0; s < setsPer; s++)
      rows += `${date};"Day ${w % 3}";"${names[s % names.length]}";${s === 0 ? 'W' : s};${60 + (s % 7) * 2.5};kg;${3 + (s % 6)};8;;;0;"";"";1h 5m\n`
    yield new TextEncoder().encode(rows)
  }
}

t.test('a 10-year Strong export of 50,000 sets', async (t) => {
  const started = process.hrtime.bigint()
  const plan = await buildImportPlan(strongExport(1_667, 30), { zone: 'Europe/Ljubljana', unit: 'kg' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  t.equal(plan.counts.sets, 50_010)
  t.same(plan.problems, [])
  t.comment(`parsed ${plan.counts.sets} sets in ${plan.counts.workouts} workouts in ${ms.toFixed(0)} ms`)

  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })
  const writing = process.hrtime.bigint()
  const { choices } = await suggestChoices(prisma, lifter.user.id, plan)
  const outcome = await applyImport(prisma, lifter.user.id, plan, choices)
  const writeMs = Number(process.hrtime.bigint() - writing) / 1e6
  t.equal(outcome.sets, 50_010)
  t.equal(outcome.workouts, 1_667)
  t.same(outcome.skipped, [])
  t.equal(await prisma.workoutSet.count({ where: { userId: lifter.user.id } }), 50_010)
  t.comment(`wrote ${outcome.sets} sets in ${outcome.workouts} workouts in ${writeMs.toFixed(0)} ms`)
})
