// Starting a routine in a real browser (Chromium, 360 px, JavaScript on) against real core-service
// processes, counted with the journeys' interaction counter: tap Routines in the nav, tap Start, tick each planned
// row (the routine's targets are already in it), Finish — issue 16's "≤ 4 taps plus one per set".
import type { Browser } from 'playwright-core'
import t from 'tap'
import { chromiumMissing, launchChromium, phoneIn } from '../../support/browser.ts'
import { counted } from '../../support/interactions.ts'
import { type Stack, startStack } from '../../support/stack.ts'

const PASSWORD = 'correct horse battery staple'

// Exercise, sets, reps, weight as the routine prescribes them.
const ROUTINE: [name: string, sets: number, reps: number, weight: string][] = [
  ['Bench Press', 3, 5, '100'],
  ['Squat', 3, 5, '140'],
  ['Deadlift', 2, 3, '180'],
]

if (chromiumMissing) {
  t.test('a routine in a browser', { skip: chromiumMissing }, async () => {})
} else {
  let stack: Stack
  let browser: Browser
  t.before(async () => {
    stack = await startStack({ stats: false })
    browser = await launchChromium()
  })
  t.teardown(async () => {
    await browser?.close()
    await stack?.stop()
  })

  t.test('start a routine and log it as prescribed in ≤ 4 taps plus one per set', async (t) => {
    const { context, page, problems } = await phoneIn(browser, {
      timezoneId: 'Europe/Ljubljana',
      locale: 'en-GB',
    })
    const base = stack.coreUrl

    // Set-up (not counted): an account and the routine, made with the no-script form.
    await page.goto(`${base}/register`)
    await page.fill('#username', `routine_${Date.now().toString(36)}`)
    await page.fill('#password', PASSWORD)
    await page.fill('#displayName', 'Routine Tester')
    await page.check('input[name="unit"][value="kg"]')
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Create account")')])
    await page.goto(`${base}/routines/new`)
    await page.fill('#routine-name', 'Strength A')
    for (const [i, [name, sets, reps, weight]] of ROUTINE.entries()) {
      await page.selectOption(`#exercise-${i}`, { label: name })
      await page.fill(`#sets-${i}`, String(sets))
      await page.fill(`#reps-${i}`, String(reps))
      await page.fill(`#weight-${i}`, weight)
    }
    await Promise.all([page.waitForURL(`${base}/routines`), page.click('button:has-text("Save routine")')])
    await page.goto(`${base}/`)

    const act = counted(page)
    await Promise.all([
      page.waitForURL(`${base}/routines`),
      act.click('a[href="/routines"]:has-text("Routines")'),
    ])
    await Promise.all([page.waitForURL(`${base}/workouts/live`), act.click('button:has-text("Start")')])
    const setCount = ROUTINE.reduce((n, [, sets]) => n + sets, 0)
    t.equal(await page.locator('[data-entry]').count(), ROUTINE.length, 'every exercise of the routine')
    let done = 0
    for (const [i, [name, sets, reps, weight]] of ROUTINE.entries()) {
      const entry = `[data-entry]:nth-child(${i + 1})`
      t.equal(await page.locator(`${entry} [data-row]`).count(), sets, `${name}: ${sets} planned rows`)
      for (let n = 1; n <= sets; n++) {
        const row = `${entry} [data-row]:nth-child(${n})`
        t.equal(
          await page.inputValue(`${row} [data-field="reps"]`),
          String(reps),
          `${name} ${n}: target reps`,
        )
        t.equal(await page.inputValue(`${row} [data-field="weight"]`), weight, `${name} ${n}: target weight`)
        await act.click(`${row} [data-tick]`)
        done++
        const deadline = Date.now() + 10_000
        while (
          (await page.locator('.live-row.is-done').count()) !== done ||
          (await page.locator('[data-live-workout][data-busy]').count()) !== 0
        ) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${done} ticked rows`)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
    }
    await Promise.all([page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/), act.click('[data-finish]')])
    const detail = (await page.textContent('main')) ?? ''
    t.match(detail, new RegExp(`${setCount} sets`))
    t.match(detail, /Strength A/, 'the workout is named after the routine')
    t.comment(`routine: ${act.count} interactions for ${setCount} sets: ${act.log.join('; ')}`)
    t.ok(act.count <= 4 + setCount, `routine: ${act.count} interactions (goal ≤ 4 + ${setCount})`)
    t.same(problems, [], 'no console errors')
    await context.close()
  })
}
