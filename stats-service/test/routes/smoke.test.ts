import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('smoke', async (t) => {
  const { get, fixtures } = await buildTestStats(t, { now: '2026-11-23T12:00:00Z' })
  const u = await fixtures.user({ timeZone: 'Pacific/Auckland' })
  await fixtures.workout(u, '2026-11-20T08:00:00Z', [
    { exercise: 'barbell-bench-press', reps: 5, kg: 100 },
    { exercise: 'barbell-bench-press', reps: 10, kg: 40, warmup: true },
    { exercise: 'bodyweight-pull-up', reps: 12, kg: 0 },
  ])
  await fixtures.workout(u, '2026-11-22T08:00:00Z', [{ exercise: 'barbell-bench-press', reps: 3, kg: 105 }])
  const ex = await fixtures.exerciseId('barbell-bench-press')
  for (const url of [
    `/v1/users/${u}/summary`,
    `/v1/users/${u}/volume?bucket=month`,
    `/v1/users/${u}/exercises/${ex}/progression`,
    `/v1/users/${u}/records`,
    `/v1/users/${u}/records/recent`,
    `/v1/users/${u}/breakdown`,
    `/v1/users/${u}/calendar`,
    `/v1/time?zone=Asia/Kathmandu`,
  ]) {
    const r = await get(url)
    console.log(url, r.statusCode, r.body.slice(0, 1500))
  }
})
