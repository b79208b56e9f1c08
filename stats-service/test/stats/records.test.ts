// Personal records and recent PRs against a history worked out by hand: ties go to the earliest
// workout, warm-ups never count, a first-ever session is not a PR.
import t from 'tap'
import { buildTestStats } from '../support/stats-app.ts'

t.test('records and recent PRs', async (t) => {
  // Tuesday 30 June 2026: the last 30 days are 1–30 June.
  const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
  const lifter = await fixtures.user({ timeZone: 'UTC' })
  const at = (date: string) => `${date}T10:00:00Z`
  const B = 'barbell-bench-press'
  const S = 'barbell-back-squat'
  const P = 'bodyweight-pull-up'
  const r1 = await fixtures.workout(lifter, at('2026-05-01'), [
    { exercise: B, reps: 5, kg: 100 },
    { exercise: B, reps: 5, kg: 100 },
  ])
  const s1 = await fixtures.workout(lifter, at('2026-05-02'), [{ exercise: S, reps: 3, kg: 140 }])
  const pu1 = await fixtures.workout(lifter, at('2026-05-03'), [{ exercise: P, reps: 10, kg: 0 }])
  const r2 = await fixtures.workout(lifter, at('2026-05-10'), [
    { exercise: B, reps: 3, kg: 105 },
    { exercise: B, reps: 6, kg: 100 },
  ])
  const s2 = await fixtures.workout(lifter, at('2026-05-12'), [{ exercise: S, reps: 5, kg: 140 }])
  const pu2 = await fixtures.workout(lifter, at('2026-05-13'), [{ exercise: P, reps: 12, kg: 0 }])
  const r3 = await fixtures.workout(lifter, at('2026-05-20'), [
    { exercise: B, reps: 1, kg: 120, warmup: true }, // would be every record if warm-ups counted
    { exercise: B, reps: 3, kg: 105 }, // ties 10 May: the earlier one keeps it
    { exercise: B, reps: 15, kg: 60 },
  ])
  const s3 = await fixtures.workout(lifter, at('2026-06-20'), [{ exercise: S, reps: 1, kg: 145 }])
  const d1 = await fixtures.workout(lifter, at('2026-06-21'), [
    { exercise: 'barbell-deadlift', reps: 1, kg: 200 },
  ])
  const r4 = await fixtures.workout(lifter, at('2026-06-25'), [{ exercise: B, reps: 2, kg: 107.5 }])
  const r5 = await fixtures.workout(lifter, at('2026-06-28'), [{ exercise: B, reps: 20, kg: 80 }])
  const bench = await fixtures.exerciseId(B)
  const squat = await fixtures.exerciseId(S)

  const all = (await get(`/v1/users/${lifter}/records`)).json().records
  t.same(
    all.map((r: { exerciseName: string }) => r.exerciseName),
    ['Bench Press', 'Deadlift', 'Pull-Up', 'Squat'],
  )
  t.same(all[0], {
    exerciseId: bench,
    exerciseName: 'Bench Press',
    isBodyweight: false,
    heaviest: { valueKg: 107.5, reps: 2, date: '2026-06-25', workoutId: r4.id },
    // 100·(1+6/30) = 120 beats 100×5 (116.67), 105×3 (115.5), 107.5×2 (114.67); 60×15 is above the cap
    bestE1rm: { valueKg: 120, reps: 6, date: '2026-05-10', workoutId: r2.id },
    mostReps: { reps: 20, weightKg: 80, date: '2026-06-28', workoutId: r5.id },
    // 80·20 = 1600 beats 105·3 + 60·15 = 1215 and 100·5·2 = 1000
    bestSessionVolume: { valueKg: 1600, date: '2026-06-28', workoutId: r5.id },
    repsAtWeight: [
      { weightKg: 60, reps: 15, date: '2026-05-20', workoutId: r3.id },
      { weightKg: 80, reps: 20, date: '2026-06-28', workoutId: r5.id },
      { weightKg: 100, reps: 6, date: '2026-05-10', workoutId: r2.id },
      { weightKg: 105, reps: 3, date: '2026-05-10', workoutId: r2.id },
      { weightKg: 107.5, reps: 2, date: '2026-06-25', workoutId: r4.id },
    ],
  })
  t.same(all[2], {
    exerciseId: await fixtures.exerciseId(P),
    exerciseName: 'Pull-Up',
    isBodyweight: true,
    heaviest: null,
    bestE1rm: null,
    mostReps: { reps: 12, weightKg: 0, date: '2026-05-13', workoutId: pu2.id },
    bestSessionVolume: null,
    repsAtWeight: [{ weightKg: 0, reps: 12, date: '2026-05-13', workoutId: pu2.id }],
  })
  t.not(pu1.id, pu2.id)

  const onlySquat = (await get(`/v1/users/${lifter}/records?exerciseId=${squat}`)).json().records
  t.same(onlySquat, [
    {
      exerciseId: squat,
      exerciseName: 'Squat',
      isBodyweight: false,
      heaviest: { valueKg: 145, reps: 1, date: '2026-06-20', workoutId: s3.id },
      bestE1rm: { valueKg: 163.33, reps: 5, date: '2026-05-12', workoutId: s2.id }, // 140·(1+5/30)
      mostReps: { reps: 5, weightKg: 140, date: '2026-05-12', workoutId: s2.id },
      bestSessionVolume: { valueKg: 700, date: '2026-05-12', workoutId: s2.id },
      repsAtWeight: [
        { weightKg: 140, reps: 5, date: '2026-05-12', workoutId: s2.id },
        { weightKg: 145, reps: 1, date: '2026-06-20', workoutId: s3.id },
      ],
    },
  ])
  t.not(s1.id, s2.id)

  const recent = (await get(`/v1/users/${lifter}/records/recent`)).json()
  t.equal(recent.days, 30)
  t.same(
    recent.records,
    [
      {
        exerciseId: bench,
        exerciseName: 'Bench Press',
        kind: 'reps',
        valueKg: 80,
        reps: 20,
        date: '2026-06-28',
        workoutId: r5.id,
      },
      {
        exerciseId: bench,
        exerciseName: 'Bench Press',
        kind: 'volume',
        valueKg: 1600,
        reps: null,
        date: '2026-06-28',
        workoutId: r5.id,
      },
      {
        exerciseId: bench,
        exerciseName: 'Bench Press',
        kind: 'heaviest',
        valueKg: 107.5,
        reps: 2,
        date: '2026-06-25',
        workoutId: r4.id,
      },
      {
        exerciseId: squat,
        exerciseName: 'Squat',
        kind: 'heaviest',
        valueKg: 145,
        reps: 1,
        date: '2026-06-20',
        workoutId: s3.id,
      },
    ],
    'the first-ever deadlift (21 June) is not a PR',
  )
  t.ok(d1.id)

  const lastFive = (await get(`/v1/users/${lifter}/records/recent?days=5`)).json()
  t.same(
    lastFive.records.map((r: { kind: string; date: string }) => `${r.date} ${r.kind}`),
    ['2026-06-28 reps', '2026-06-28 volume'],
    '26–30 June',
  )
  const everything = (await get(`/v1/users/${lifter}/records/recent?days=365`)).json()
  t.same(
    everything.records.map(
      (r: { exerciseName: string; kind: string; date: string }) => `${r.date} ${r.exerciseName} ${r.kind}`,
    ),
    [
      '2026-06-28 Bench Press reps',
      '2026-06-28 Bench Press volume',
      '2026-06-25 Bench Press heaviest',
      '2026-06-20 Squat heaviest',
      '2026-05-20 Bench Press reps', // 15 > 6
      '2026-05-20 Bench Press volume', // 1215 > 915
      '2026-05-13 Pull-Up reps',
      '2026-05-12 Squat e1rm', // 163.33 > 140·(1+3/30) = 154
      '2026-05-12 Squat reps',
      '2026-05-12 Squat volume',
      '2026-05-10 Bench Press e1rm', // 120 > 116.67
      '2026-05-10 Bench Press heaviest',
      '2026-05-10 Bench Press reps',
    ],
    'a tie (105×3 again on 20 May) is not a PR; 10 May volume 915 < 1000 is not either',
  )
  t.ok(r1.id && r3.id)
})

t.test(
  'recent PRs are judged against the bests before the window, repeats and ties beat nothing',
  async (t) => {
    const { get, fixtures } = await buildTestStats(t, { now: '2026-06-30T12:00:00Z' })
    const lifter = await fixtures.user({ timeZone: 'UTC' })
    const at = (date: string) => `${date}T10:00:00Z`
    const B = 'barbell-bench-press'
    // 1 May: estimates 100·(1+6/30) = 120 and 105·(1+3/30) = 115.5; volume 600 + 315 = 915.
    const may1 = await fixtures.workout(lifter, at('2026-05-01'), [
      { exercise: B, reps: 6, kg: 100 },
      { exercise: B, reps: 3, kg: 105 },
    ])
    // 31 May is before the 30-day window (1–30 June) but inside the instant slack the queries read.
    const may31 = await fixtures.workout(lifter, at('2026-05-31'), [{ exercise: B, reps: 1, kg: 108 }])
    // 5 June repeats 100×6 (ties 120 and 6 reps) and lifts 107.5 < 108: nothing new.
    await fixtures.workout(lifter, at('2026-06-05'), [
      { exercise: B, reps: 6, kg: 100 },
      { exercise: B, reps: 1, kg: 107.5 },
    ])
    // 10 June: 110 > 108 and 110·(1+3/30) = 121 > 120.
    const jun10 = await fixtures.workout(lifter, at('2026-06-10'), [{ exercise: B, reps: 3, kg: 110 }])
    // 15 June repeats 110×3; 10 reps > 6; volume 330 + 301 + 284 = 915 exactly ties 1 May.
    const jun15 = await fixtures.workout(lifter, at('2026-06-15'), [
      { exercise: B, reps: 3, kg: 110 },
      { exercise: B, reps: 10, kg: 30.1 },
      { exercise: B, reps: 10, kg: 28.4 },
    ])
    // Squat: 120×1 on 3 May ties the estimate of 100×6 on 2 May (120): the earlier keeps it, no PR.
    const S = 'barbell-back-squat'
    const may2 = await fixtures.workout(lifter, at('2026-05-02'), [{ exercise: S, reps: 6, kg: 100 }])
    const may3 = await fixtures.workout(lifter, at('2026-05-03'), [{ exercise: S, reps: 1, kg: 120 }])
    const bench = await fixtures.exerciseId(B)
    const squat = await fixtures.exerciseId(S)
    const pr = (kind: string, valueKg: number, reps: number, date: string, workoutId: string, lift = B) => ({
      exerciseId: lift === B ? bench : squat,
      exerciseName: lift === B ? 'Bench Press' : 'Squat',
      kind,
      valueKg,
      reps,
      date,
      workoutId,
    })
    const june = [
      pr('reps', 30.1, 10, '2026-06-15', jun15.id),
      pr('e1rm', 121, 3, '2026-06-10', jun10.id),
      pr('heaviest', 110, 3, '2026-06-10', jun10.id),
    ]
    t.same((await get(`/v1/users/${lifter}/records/recent`)).json().records, june, '1–30 June')
    const sinceMay = [
      ...june,
      pr('heaviest', 108, 1, '2026-05-31', may31.id),
      pr('heaviest', 120, 1, '2026-05-03', may3.id, S),
    ]
    t.same(
      (await get(`/v1/users/${lifter}/records/recent?days=60`)).json().records,
      sinceMay,
      '2 May–30 June',
    )
    t.same(
      (await get(`/v1/users/${lifter}/records/recent?days=3660`)).json().records,
      sinceMay,
      'a window holding the whole history: the first-ever session is still no PR',
    )

    const [records, squatRecords] = (await get(`/v1/users/${lifter}/records`)).json().records
    t.same(squatRecords.bestE1rm, { valueKg: 120, reps: 6, date: '2026-05-02', workoutId: may2.id })
    t.same(squatRecords.heaviest, { valueKg: 120, reps: 1, date: '2026-05-03', workoutId: may3.id })
    t.same(records.heaviest, { valueKg: 110, reps: 3, date: '2026-06-10', workoutId: jun10.id })
    t.same(records.bestE1rm, { valueKg: 121, reps: 3, date: '2026-06-10', workoutId: jun10.id })
    t.same(records.mostReps, { reps: 10, weightKg: 30.1, date: '2026-06-15', workoutId: jun15.id })
    t.same(
      records.bestSessionVolume,
      { valueKg: 915, date: '2026-05-01', workoutId: may1.id },
      'decimal weights sum exactly, so 15 June ties 1 May and the earlier holds the record',
    )
  },
)

t.test('an unknown lifter has no records', async (t) => {
  const { get } = await buildTestStats(t)
  const res = await get('/v1/users/00000000-0000-4000-8000-000000000000/records')
  t.equal(res.statusCode, 200)
  t.same(res.json().records, [])
  t.same((await get('/v1/users/00000000-0000-4000-8000-000000000000/records/recent')).json().records, [])
})
