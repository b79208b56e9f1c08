// Broken files never throw: the plan says why, with line numbers a text editor shows.
import t from 'tap'
import { buildImportPlan } from '../../src/import/plan.ts'
import { chunks, english, inEnglish, planOf } from './helpers.ts'

const opts = { zone: 'UTC', unit: 'kg' as const }

t.test('bad numbers, dates and set orders are reported row by row; good rows still read', async (t) => {
  const plan = await planOf('malformed-numbers.csv', { zone: 'UTC' })
  t.equal(plan.fileProblem, null)
  t.same(english(plan.problems), [
    { line: 2, reason: 'weight "abc" is not a number' },
    { line: 3, reason: 'reps "5.5" is not a whole number from 0 to 1000' },
    { line: 4, reason: 'Set Order "X" is not a number, W (warm-up), D (drop set) or F (failure)' },
    { line: 5, reason: 'date "yesterday" is not like 2026-03-12 19:03:20 or 2026-03-12 7:03:20 PM' },
    { line: 6, reason: 'date "2024-02-30 18:00:00" is not a real date and time' },
    { line: 7, reason: 'the exercise name is empty' },
    { line: 9, reason: "weight 9000 kg is more than LiftLog's 2000 kg" },
    { line: 12, reason: 'weight "-5" is not a number' },
    { line: 13, reason: 'the row has 10 fields, the header 9' },
    { line: 14, reason: 'no reps, weight, time or distance' },
    { line: 15, reason: 'date "2024-05-01 13:00:00 PM" has hour 13 with PM' },
  ])
  t.same(
    plan.workouts[0]!.sets.map((s) => [s.line, s.note]),
    [[10, 'a note\nover two lines']],
  )
})

t.test('a header from no known app names its columns and says what to do', async (t) => {
  const plan = await planOf('wrong-header.csv')
  t.equal(
    inEnglish(plan.fileProblem),
    "The header does not look like an export from Strong, Hevy, FitNotes or LiftLog (its columns: name, age, city). Choose the app it came from, or upload the app's CSV export.",
  )
  t.same(plan.workouts, [])
})

t.test('empty files, binary files and broken quoting are whole-file problems', async (t) => {
  t.equal(inEnglish((await planOf('empty.csv')).fileProblem), 'The file is empty.')
  t.equal(inEnglish((await planOf('only-bom.csv')).fileProblem), 'The file is empty.')
  t.match(
    inEnglish((await planOf('binary-png.bin')).fileProblem),
    /^The file is not UTF-8 text .*not a CSV export\.$/,
  )
  const nul = await buildImportPlan(chunks('Date,Exercise,Reps\n', new Uint8Array([0x41, 0x00, 0x42])), opts)
  t.equal(
    inEnglish(nul.fileProblem),
    'The file holds binary data (a NUL byte near byte 20); it is not a CSV export.',
  )
  const unclosed = await planOf('unclosed-quote.csv')
  t.equal(
    inEnglish(unclosed.fileProblem),
    'Line 3: a quoted field starts here and is never closed; nothing after it can be read.',
  )
  t.equal(unclosed.counts.sets, 1, 'the rows before it are still in the plan')
  const latin1 = await buildImportPlan(
    chunks('Date,Exercise,Reps\n', new Uint8Array([0x32, 0xe9, 0x0a])),
    opts,
  )
  t.match(inEnglish(latin1.fileProblem), /^The file is not UTF-8 text/)
  const utf16 = await buildImportPlan(chunks(new Uint8Array([0xff, 0xfe, 0x44, 0x00])), opts)
  t.match(inEnglish(utf16.fileProblem), /UTF-16/)
  const cut = await buildImportPlan(
    chunks('Date,Exercise,Reps\n2024-01-01,Squat,5\n', new Uint8Array([0xc3])),
    opts,
  )
  t.match(inEnglish(cut.fileProblem), /middle of a UTF-8 character/)
  const huge = await buildImportPlan(chunks(`Date,Exercise,Reps\n"${'x'.repeat(70_000)}"\n`), opts)
  t.match(inEnglish(huge.fileProblem), /longer than 64 KB/)
})

t.test('a file with thousands of bad rows lists the first 500 and counts the rest', async (t) => {
  const rows = Array.from({ length: 600 }, () => '2024-01-01,Squat,many').join('\n')
  const plan = await buildImportPlan(chunks(`Date,Exercise,Reps\n${rows}\n`), opts)
  t.equal(plan.problems.length, 500)
  t.equal(plan.moreProblems, 100)
})

t.test('Hevy and LiftLog rows with bad cells are reported with reasons', async (t) => {
  const hevyHeader = 'title,start_time,end_time,exercise_title,set_type,weight_kg,reps,rpe\n'
  const hevy = await buildImportPlan(
    chunks(
      hevyHeader,
      'A,2025-01-30T12:34:00+01:00,soon,Squat,superset,100,5,\n',
      'A,31 Foo 2025 12:00,,Squat,normal,100,5,\n',
      'A,tomorrow,,Squat,normal,100,5,\n',
      'B,2025-02-01 10:00,,Squat,normal,100,5,x\n',
    ),
    { ...opts, format: 'hevy' },
  )
  t.equal(hevy.workouts[0]!.start, '2025-01-30T11:34:00.000Z', 'an ISO time keeps its offset')
  t.same(english(hevy.warnings), [
    { line: 2, reason: 'end_time: date "soon" is not like 30 Jan 2025, 12:34; left out' },
    { line: 2, reason: 'set_type "superset" is unknown; read as a normal set' },
    { line: 5, reason: 'RPE "x" is not a number; RPE left out' },
  ])
  t.same(english(hevy.problems), [
    { line: 3, reason: 'date "31 Foo 2025 12:00" has an unknown month' },
    { line: 4, reason: 'date "tomorrow" is not like 30 Jan 2025, 12:34' },
  ])
  const liftlogHeader = 'date,started_at,workout_id,exercise,reps,weight_kg,weight,unit,warmup\n'
  const liftlog = await buildImportPlan(
    chunks(
      liftlogHeader,
      '2026-01-01,2026-01-01T10:00:00,w1,Squat,5,100,100,kg,no\n',
      '2026-01-01,2026-01-01T10:00:00Z,w1,Squat,5,100,100,stone,no\n',
      '2026-01-01,2026-01-01T10:00:00Z,w1,Squat,5,100,100,kg,maybe\n',
      '2026-01-01,2026-01-01T10:00:00Z,w1,Squat,x,100,100,kg,no\n',
      '2026-01-01,2026-01-01T10:00:00Z,w1,Squat,5,,100,kg,no\n',
    ),
    opts,
  )
  t.same(
    liftlog.problems.map((p) => p.line),
    [2, 3, 4, 5, 6],
  )
  t.match(inEnglish(liftlog.problems[0]!.reason), /^started_at: .* has no offset$/)
  const strongUnit = await buildImportPlan(
    chunks(
      'Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps\n2024-01-01 10:00:00,A,Squat,1,100,stone,5\n',
    ),
    opts,
  )
  t.same(english(strongUnit.problems), [{ line: 2, reason: 'Weight Unit "stone" is not kg or lbs' }])
})
