// Local dates are fixed at logging time: after a move from Chatham to Honolulu, editing an old workout
// without touching its date or time (API PUT without startedAt, or the edit form saved as shown) keeps
// its local date and its instant.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma, workoutForm } from './helpers.ts'

t.test('an edit that keeps the time keeps the local date after a move west', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Pacific/Chatham' })
  // 20:00 UTC on Fri 3 Apr 2026 is 09:45 on Sat 4 Apr in Chatham (+13:45, summer time until 5 Apr) and 10:00 on Fri 3 Apr in Honolulu.
  const startedAt = '2026-04-03T20:00:00.000Z'
  const viaApi = await logWorkout(lifter, { startedAt, sets: [{ exerciseId: bench, reps: 5, weight: 100 }] })
  const viaForm = await logWorkout(lifter, { startedAt, sets: [{ exerciseId: bench, reps: 5, weight: 100 }] })
  t.equal(viaApi.localDate, '2026-04-04')
  await prisma.user.update({ where: { id: lifter.user.id }, data: { timeZone: 'Pacific/Honolulu' } })

  const put = await lifter.api('PUT', `/api/v1/workouts/${viaApi.id}`, {
    title: 'Fixed a typo',
    sets: [{ exerciseId: bench, reps: 5, weight: 102.5 }],
  })
  t.equal(put.statusCode, 200)
  t.equal(put.json().localDate, '2026-04-04', 'PUT without startedAt keeps the local date')
  t.equal(put.json().startedAt, startedAt)

  const edit = (await lifter.page(`/workouts/${viaForm.id}/edit`)).body
  t.match(edit, /id="date"[^>]*value="2026-04-04"/, 'the form shows the stored local date')
  const time = /id="time"[^>]*value="([^"]+)"/.exec(edit)?.[1] as string
  t.equal(time, '09:45', 'the time as it was lived, in Chatham')
  t.match(edit, /Start time \(Pacific\/Chatham time\)/, 'labelled with its zone')
  t.match(
    (await lifter.page(`/workouts/${viaForm.id}`)).body,
    /Sat 4 Apr 2026, 09:45 Pacific\/Chatham time/,
    'the workout page shows it as logged, labelled',
  )
  const saved = await lifter.form(
    `/workouts/${viaForm.id}/edit`,
    workoutForm({ date: '2026-04-04', time, title: 'Saved as shown' }, [
      { exerciseId: bench, reps: '5', weight: '100' },
    ]),
  )
  t.equal(saved.statusCode, 303)
  const stored = await prisma.workout.findUniqueOrThrow({ where: { id: viaForm.id } })
  t.equal(
    stored.localDate.toISOString().slice(0, 10),
    '2026-04-04',
    'the form saved unchanged keeps the date',
  )
  t.equal(stored.startedAt.toISOString(), startedAt, 'and the instant')
  t.equal(stored.title, 'Saved as shown')

  const moved = await lifter.api('PUT', `/api/v1/workouts/${viaApi.id}`, {
    startedAt: '2026-04-02T20:00:00Z',
    sets: [{ exerciseId: bench, reps: 5, weight: 100 }],
  })
  t.equal(moved.json().localDate, '2026-04-02', 'a new start is dated in the current zone')
})
