// The workout pages as a lifter uses them, with and without JavaScript: logging, the list, the detail
// page, repeating, editing with the row buttons posted to the server, deleting; and the JSON API shapes.
import t from 'tap'
import { buildTestCore } from '../support/app.ts'
import { signUp } from '../support/users.ts'
import { catalog, logWorkout, testPrisma, workoutForm } from './helpers.ts'

t.test('the workout pages and the API tell the same story', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const { bench, squat, pullUp } = await catalog(prisma)
  const lifter = await signUp(app, { timeZone: 'Europe/Ljubljana' })

  // The empty form: today's date in the lifter's zone, spare rows, the progressive script, labels.
  const blank = await lifter.page('/workouts/new')
  t.equal(blank.statusCode, 200)
  t.match(blank.body, /<script src="\/static\/js\/workout-form.js" defer>/)
  t.match(blank.body, /<label for="set-0-reps">Reps<\/label>/)
  t.match(
    blank.body,
    /<label for="set-0-weight">Weight \(<span data-unit-label data-default-unit="kg">kg<\/span>\)<\/label>/,
  )
  t.equal((blank.body.match(/data-set-row/g) ?? []).length, 5, 'five spare rows')
  t.notMatch(blank.body, /<script>/, 'no inline script (CSP)')
  const fromCalendar = await lifter.page('/workouts/new?date=2026-01-05')
  t.match(fromCalendar.body, /id="date"[^>]*value="2026-01-05"/)
  const future = await lifter.page('/workouts/new?date=2999-01-01')
  t.notMatch(future.body, /value="2999-01-01"/, 'a future day is not offered')

  // Log through the form; empty spare rows are ignored.
  const fields = workoutForm(
    { date: '2026-01-05', time: '07:15', title: 'Legs', notes: 'Knees fine.\nGood depth.' },
    [
      { exerciseId: squat, reps: '5', weight: '60', warmup: true },
      { exerciseId: squat, reps: '5', weight: '120', rpe: '8' },
      { exerciseId: squat, reps: '5', weight: '120', rpe: '8' },
      { exerciseId: pullUp, reps: '10', weight: '' },
    ],
  )
  fields['sets[4][exerciseId]'] = pullUp // a spare row with only its exercise preselected
  fields['sets[5][reps]'] = ''
  const saved = await lifter.form('/workouts', fields)
  t.equal(saved.statusCode, 303)
  const url = saved.headers.location as string
  const detail = await lifter.page(url)
  t.match(detail.body, /Workout saved\./)
  t.match(detail.body, /Mon 5 Jan 2026, 07:15/)
  t.match(detail.body, /1 × 5 @ 60 kg <span class="tag">warm-up<\/span>/)
  t.match(detail.body, /2 × 5 @ 120 kg @ RPE 8/)
  t.match(detail.body, /1 × 10 @ bodyweight/)
  t.match(detail.body, /4 sets · volume 1,200 kg/)
  t.match(detail.body, /Knees fine.\nGood depth./)
  t.match(detail.body, /href="\/calendar\/2026-01-05"/)
  const id = url.split('/').at(-1) as string

  // Repeat: same sets, new date (today), notes left out.
  const repeat = await lifter.page(`/workouts/new?repeat=${id}`)
  t.match(repeat.body, /name="sets\[1\]\[weight\]"[^>]*value="120"/)
  t.match(repeat.body, /name="sets\[1\]\[rpe\]"[^>]*value="8"/)
  t.match(repeat.body, /id="set-0-warmup"[^>]*checked/)
  t.match(repeat.body, /id="title"[^>]*value="Legs"/)
  t.notMatch(repeat.body, /Knees fine/)
  t.notMatch(repeat.body, /value="2026-01-05"/)

  // Row buttons without JavaScript: the server rearranges and shows the form again, saving nothing.
  const editFields = workoutForm({ date: '2026-01-05', time: '07:15', title: 'Legs' }, [
    { exerciseId: squat, reps: '5', weight: '120' },
    { exerciseId: pullUp, reps: '10' },
    { exerciseId: bench, reps: '3', weight: '90' },
  ])
  const up = await lifter.form(`/workouts/${id}/edit`, { ...editFields, action: 'up:2' })
  t.equal(up.statusCode, 200)
  t.match(up.body, /name="sets\[1\]\[reps\]"[^>]*value="3"/, 'bench moved up')
  const removed = await lifter.form(`/workouts/${id}/edit`, { ...editFields, action: 'remove:0' })
  t.match(removed.body, /name="sets\[0\]\[reps\]"[^>]*value="10"/, 'first row removed')
  const added = await lifter.form(`/workouts/${id}/edit`, { ...editFields, action: 'add' })
  t.equal((added.body.match(/data-set-row/g) ?? []).length, 6, 'three rows added')
  // Enter without scripts presses the form's default button, "keep": the form again, as typed, unsaved.
  const form = (await lifter.page(`/workouts/${id}/edit`)).body
  const firstSubmit = /<button type="submit"[^>]*>/.exec(form.slice(form.indexOf('data-workout-form')))?.[0]
  t.match(firstSubmit, /value="keep"/, 'the default (first) submit button only keeps editing')
  const kept = await lifter.form(`/workouts/${id}/edit`, { ...editFields, action: 'keep' })
  t.equal(kept.statusCode, 200)
  t.match(kept.body, /name="sets\[2\]\[weight\]"[^>]*value="90"/, 'values kept as typed')
  t.equal(await prisma.workoutSet.count({ where: { workoutId: id } }), 4, 'nothing saved by row buttons')

  // Save the edit.
  const edited = await lifter.form(`/workouts/${id}/edit`, { ...editFields, action: 'save' })
  t.equal(edited.statusCode, 303)
  const api = (await lifter.api('GET', `/api/v1/workouts/${id}`)).json()
  t.same(
    api.sets.map((s: { exerciseName: string; reps: number; weight: number }) => [
      s.exerciseName,
      s.reps,
      s.weight,
    ]),
    [
      ['Squat', 5, 120],
      ['Pull-Up', 10, 0],
      ['Bench Press', 3, 90],
    ],
  )
  t.equal(api.localDate, '2026-01-05')
  t.equal(api.volume, 870)

  // The list: newest first, paginated by 20.
  for (let day = 1; day <= 21; day++) {
    await logWorkout(lifter, {
      startedAt: `2025-12-${String(day).padStart(2, '0')}T10:00:00Z`,
      title: `December ${day}`,
      sets: [{ exerciseId: bench, reps: 5, weight: 50 }],
    })
  }
  const list = await lifter.page('/workouts')
  t.match(list.body, /22 workouts, newest first/)
  t.ok(list.body.indexOf('Legs') < list.body.indexOf('December 21'), 'newest first')
  t.match(list.body, /href="\/workouts\?page(=|&#x3D;)2"/)
  const page2 = await lifter.page('/workouts?page=2')
  t.match(page2.body, /December 2</)
  t.match(page2.body, /December 1</)
  const apiPage = (await lifter.api('GET', '/api/v1/workouts?perPage=5&page=2')).json()
  t.same(
    [apiPage.total, apiPage.pages, apiPage.items.length, apiPage.items[0].title],
    [22, 5, 5, 'December 17'],
  )
  t.match((await lifter.page('/workouts?page=50')).body, /No workouts on this page/)
  const onDay = (await lifter.api('GET', '/api/v1/workouts?date=2026-01-05')).json()
  t.same(
    onDay.items.map((w: { title: string }) => w.title),
    ['Legs'],
  )

  // Delete from the page.
  const del = await lifter.form(`/workouts/${id}/delete`)
  t.equal(del.statusCode, 303)
  t.equal(del.headers.location, '/workouts')
  t.equal((await lifter.page(url)).statusCode, 404)
})

t.test('/apidocs documents the training API with schemas, and its example works', async (t) => {
  const { app, db } = await buildTestCore(t)
  const prisma = testPrisma(t, db.url)
  const doc = (await app.inject('/apidocs/json')).json()
  for (const [path, methods] of Object.entries({
    '/api/v1/exercises': ['get', 'post'],
    '/api/v1/exercises/{id}': ['get', 'patch', 'delete'],
    '/api/v1/workouts': ['get', 'post'],
    '/api/v1/workouts/{id}': ['get', 'put', 'delete'],
    '/api/v1/calendar': ['get'],
    '/api/v1/body-weights': ['get'],
    '/api/v1/body-weights/{date}': ['get', 'put', 'delete'],
    '/api/v1/live-workouts': ['post'],
    '/api/v1/live-workouts/current': ['get'],
    '/api/v1/live-workouts/{id}': ['delete'],
    '/api/v1/live-workouts/{id}/exercises': ['post'],
    '/api/v1/live-workouts/{id}/exercises/{entryId}/rows': ['post'],
    '/api/v1/live-workouts/{id}/exercises/{entryId}/copy-last': ['post'],
    '/api/v1/live-workouts/{id}/rows/{rowId}': ['patch', 'delete'],
    '/api/v1/live-workouts/{id}/finish': ['post'],
  })) {
    for (const method of methods) {
      const op = doc.paths[path]?.[method]
      t.ok(op?.summary, `${method.toUpperCase()} ${path} documented`)
      t.ok(op?.security?.length, `${method.toUpperCase()} ${path} declares its auth`)
      t.ok(
        Object.values(op?.responses ?? {}).every((r) => (r as { description?: string }).description),
        'responses described',
      )
    }
  }
  t.notOk(
    Object.keys(doc.paths).some((p) => p.startsWith('/workouts') || p.startsWith('/body-weight')),
    'pages are not in the API docs',
  )
  // The documented example body, with a real exercise id, is accepted as is.
  const post = doc.paths['/api/v1/workouts'].post
  const example = structuredClone(post.requestBody.content['application/json'].example)
  const lifter = await signUp(app)
  const { bench } = await catalog(prisma)
  for (const set of example.sets) set.exerciseId = bench
  example.startedAt = new Date(Date.now() - 3_600_000).toISOString()
  const res = await lifter.api('POST', '/api/v1/workouts', example)
  t.equal(res.statusCode, 201)
  t.equal(res.headers.location, `/api/v1/workouts/${res.json().id}`)
})
