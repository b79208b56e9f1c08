// Importing a Strong export in a real browser (Debian's chromium through playwright-core) against real
// core-service and stats-service processes: from Settings to the import page, upload with the progress
// script, choose a catalog exercise for the one unknown name, confirm, then find the workouts on the
// calendar and the exercise on the progress page, with stats already counting them.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { chromiumMissing } from '../../support/browser.ts'
import { phoneStack } from '../../support/phone-stack.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/strong-one-unknown.csv', import.meta.url))

if (chromiumMissing) {
  t.test('import in a browser', { skip: chromiumMissing }, async () => {})
} else {
  const app = phoneStack({ stats: true }, { timezoneId: 'Europe/Ljubljana', name: 'import' })

  const main = async () => (await app.page.textContent('main')) ?? ''
  const username = `import_${Date.now().toString(36)}`

  t.test('a lifter imports a Strong export, resolving its one unknown exercise', async (t) => {
    const base = app.stack.coreUrl
    await app.page.goto(`${base}/register`)
    await app.page.fill('#username', username)
    await app.page.fill('#password', 'correct horse battery staple')
    await app.page.fill('#displayName', 'Import Tester')
    await app.page.check('input[name="unit"][value="kg"]')
    await Promise.all([app.page.waitForURL(`${base}/`), app.page.click('button:has-text("Create account")')])

    await app.page.click('nav >> text=Settings')
    await Promise.all([
      app.page.waitForURL(`${base}/import`),
      app.page.click('a:has-text("Import workouts")'),
    ])
    await app.page.selectOption('#format', { label: 'Strong' })
    await app.page.setInputFiles('#file', FIXTURE)
    await app.shot('import-1-form')
    const uploads: { type: string; token: boolean }[] = []
    app.page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/import')
        uploads.push({ type: r.resourceType(), token: Boolean(r.headers()['x-csrf-token']) })
    })
    // The script sends it (XMLHttpRequest, progress shown) and opens the preview the server made.
    await Promise.all([
      app.page.waitForURL(/\/import\/[0-9a-f-]{36}$/),
      app.page.click('button:has-text("Read the file")'),
    ])
    t.same(uploads, [{ type: 'xhr', token: true }], 'sent by the progress script, with the CSRF header')

    const preview = await main()
    t.match(preview, /Workouts\s*2/)
    t.match(preview, /Sets\s*6/)
    t.match(preview, /Tue 6 Oct 2026 – Fri 9 Oct 2026/)
    const decisions = app.page.locator('fieldset.import-decision')
    t.equal(await decisions.count(), 1, 'one name needs a decision')
    t.match(await decisions.first().textContent(), /Zottman Curl/)
    t.match(preview, /Matched by name: Bench Press \(2 sets\), Squat \(2 sets\)/)
    await decisions.first().locator('select[name^="exercise_"]').selectOption({ label: 'Dumbbell Curl' })
    await app.shot('import-2-preview')

    await Promise.all([
      app.page.waitForURL(`${base}/calendar?month=2026-10`),
      app.page.click('button:has-text("Import 2 workouts")'),
    ])
    t.match(await main(), /Imported 2 workouts \(6 sets\); 0 skipped as already imported/)
    t.equal(await app.page.locator('td.has-workout').count(), 2, 'both days marked on the calendar')
    await app.shot('import-3-calendar')

    await app.page.click('nav >> text=Progress')
    await app.page.waitForURL(`${base}/progress`)
    const options = await app.page.locator('#exerciseId option').allTextContents()
    t.ok(options.includes('Dumbbell Curl'), 'the chosen exercise is on the progress page')
    t.notOk(options.includes('Zottman Curl'), 'no custom exercise was made for it')
    t.equal(
      await app.page.locator('.stat-card:has(.stat-label:text-is("Workouts")) .stat-value').textContent(),
      '2',
      'stats count the imported workouts right away',
    )
    await app.page.selectOption('#exerciseId', { label: 'Dumbbell Curl' })
    await Promise.all([
      app.page.waitForURL(/\/progress\/exercises\/[0-9a-f-]{36}/),
      app.page.click('button:has-text("Show")'),
    ])
    t.match(await main(), /Dumbbell Curl/)
    await app.shot('import-4-progress')

    t.same(app.problems, [], 'no console errors')
    t.comment(`screenshots in ${app.shots}`)
  })

  t.test('without JavaScript the plain form does the same; the same file again adds nothing', async (t) => {
    const base = app.stack.coreUrl
    const context = await app.browser.newContext({ javaScriptEnabled: false, timezoneId: 'Europe/Ljubljana' })
    t.teardown(() => context.close())
    const plain = await context.newPage()
    plain.setDefaultTimeout(15_000)
    await plain.goto(`${base}/login`)
    await plain.fill('#username', username)
    await plain.fill('#password', 'correct horse battery staple')
    await Promise.all([plain.waitForURL(`${base}/`), plain.click('button:has-text("Log in")')])
    await plain.goto(`${base}/import`)
    await plain.setInputFiles('#file', FIXTURE)
    // The browser posts the multipart form itself, its CSRF token in the action URL.
    await Promise.all([
      plain.waitForURL(/\/import\/[0-9a-f-]{36}$/),
      plain.click('button:has-text("Read the file")'),
    ])
    const decision = plain.locator('fieldset.import-decision')
    t.match(await decision.textContent(), /Zottman Curl/)
    await decision.locator('select[name^="exercise_"]').selectOption({ label: 'Dumbbell Curl' })
    await Promise.all([
      plain.waitForURL(`${base}/calendar?month=2026-10`),
      plain.click('button:has-text("Import 2 workouts")'),
    ])
    t.match(await plain.textContent('main'), /Imported 0 workouts \(0 sets\); 2 skipped as already imported/)
    t.equal(await plain.locator('td.has-workout').count(), 2, 'still two days marked')
  })
}
