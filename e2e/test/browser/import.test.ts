// Importing a Strong export in a real browser (Debian's chromium through playwright-core) against real
// core-service and stats-service processes: from Settings to the import page, upload with the progress
// script, choose a catalog exercise for the one unknown name, confirm, then find the workouts on the
// calendar and the exercise on the progress page, with stats already counting them.
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import t from 'tap'
import { chromiumMissing, openPhonePage } from '../../support/browser.ts'
import { type Stack, startStack } from '../../support/stack.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/strong-one-unknown.csv', import.meta.url))

if (chromiumMissing) {
  t.test('import in a browser', { skip: chromiumMissing }, async () => {})
} else {
  let stack: Stack
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let shot: (name: string) => Promise<Buffer>
  let shots: string

  t.before(async () => {
    stack = await startStack({ stats: true })
    ;({ browser, page, problems, shot, shots } = await openPhonePage({
      timezoneId: 'Europe/Ljubljana',
      name: 'import',
    }))
  })

  t.teardown(async () => {
    await browser?.close()
    await stack?.stop()
  })

  const main = async () => (await page.textContent('main')) ?? ''
  const username = `import_${Date.now().toString(36)}`

  t.test('a lifter imports a Strong export, resolving its one unknown exercise', async (t) => {
    const base = stack.coreUrl
    await page.goto(`${base}/register`)
    await page.fill('#username', username)
    await page.fill('#password', 'correct horse battery staple')
    await page.fill('#displayName', 'Import Tester')
    await page.check('input[name="unit"][value="kg"]')
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Create account")')])

    await page.click('nav >> text=Settings')
    await Promise.all([page.waitForURL(`${base}/import`), page.click('a:has-text("Import workouts")')])
    await page.selectOption('#format', { label: 'Strong' })
    await page.setInputFiles('#file', FIXTURE)
    await shot('import-1-form')
    const uploads: { type: string; token: boolean }[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/import')
        uploads.push({ type: r.resourceType(), token: Boolean(r.headers()['x-csrf-token']) })
    })
    // The script sends it (XMLHttpRequest, progress shown) and opens the preview the server made.
    await Promise.all([
      page.waitForURL(/\/import\/[0-9a-f-]{36}$/),
      page.click('button:has-text("Read the file")'),
    ])
    t.same(uploads, [{ type: 'xhr', token: true }], 'sent by the progress script, with the CSRF header')

    const preview = await main()
    t.match(preview, /Workouts\s*2/)
    t.match(preview, /Sets\s*6/)
    t.match(preview, /Tue 6 Oct 2026 – Fri 9 Oct 2026/)
    const decisions = page.locator('fieldset.import-decision')
    t.equal(await decisions.count(), 1, 'one name needs a decision')
    t.match(await decisions.first().textContent(), /Zottman Curl/)
    t.match(preview, /Matched by name: Bench Press \(2 sets\), Squat \(2 sets\)/)
    await decisions.first().locator('select[name^="exercise_"]').selectOption({ label: 'Dumbbell Curl' })
    await shot('import-2-preview')

    await Promise.all([
      page.waitForURL(`${base}/calendar?month=2026-10`),
      page.click('button:has-text("Import 2 workouts")'),
    ])
    t.match(await main(), /Imported 2 workouts \(6 sets\); 0 skipped as already imported/)
    t.equal(await page.locator('td.has-workout').count(), 2, 'both days marked on the calendar')
    await shot('import-3-calendar')

    await page.click('nav >> text=Progress')
    await page.waitForURL(`${base}/progress`)
    const options = await page.locator('#exerciseId option').allTextContents()
    t.ok(options.includes('Dumbbell Curl'), 'the chosen exercise is on the progress page')
    t.notOk(options.includes('Zottman Curl'), 'no custom exercise was made for it')
    t.equal(
      await page.locator('.stat-card:has(.stat-label:text-is("Workouts")) .stat-value').textContent(),
      '2',
      'stats count the imported workouts right away',
    )
    await page.selectOption('#exerciseId', { label: 'Dumbbell Curl' })
    await Promise.all([
      page.waitForURL(/\/progress\/exercises\/[0-9a-f-]{36}/),
      page.click('button:has-text("Show")'),
    ])
    t.match(await main(), /Dumbbell Curl/)
    await shot('import-4-progress')

    t.same(problems, [], 'no console errors')
    t.comment(`screenshots in ${shots}`)
  })

  t.test('without JavaScript the plain form does the same; the same file again adds nothing', async (t) => {
    const base = stack.coreUrl
    const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'Europe/Ljubljana' })
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
