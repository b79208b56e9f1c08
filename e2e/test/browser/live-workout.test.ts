// A live workout in a real browser (Chromium, 360 px) against real core-service processes. The page's
// interactions are counted by the harness below — every click, every typed field and every key press
// the lifter makes — for 3 exercises × 3 sets from an empty live workout, with JavaScript: as a lifter
// who has done the exercises before (last time's sets are planned in the same tap that adds the exercise)
// and as a brand-new lifter (three planned rows, the staple lifts listed first, an empty row's tick saving
// the previous row's values). Mid-workout a reload and a second browser show every ticked set; Enter never
// submits; and the same workout is logged with JavaScript disabled.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import t from 'tap'
import { chromiumMissing, launchChromium, phoneIn } from '../../support/browser.ts'
import { counted } from '../../support/interactions.ts'
import { type Stack, startStack } from '../../support/stack.ts'

const PASSWORD = 'correct horse battery staple'

if (chromiumMissing) {
  t.test('live workout in a browser', { skip: chromiumMissing }, async () => {})
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

  async function phone(
    javaScriptEnabled = true,
    bypassCSP = false,
    locale = 'en-GB',
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    return phoneIn(browser, { timezoneId: 'Europe/Ljubljana', locale, javaScriptEnabled, bypassCSP })
  }

  async function register(page: Page, username: string) {
    const base = stack.coreUrl
    await page.goto(`${base}/register`)
    await page.fill('#username', username)
    await page.fill('#password', PASSWORD)
    await page.fill('#displayName', 'Live Tester')
    await page.check('input[name="unit"][value="kg"]')
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Create account")')])
  }

  async function logIn(page: Page, username: string) {
    const base = stack.coreUrl
    await page.goto(`${base}/login`)
    await page.fill('#username', username)
    await page.fill('#password', PASSWORD)
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Log in")')])
  }

  const doneRows = (page: Page) => page.locator('.live-row.is-done').count()

  /** Polls (in Node: the app's CSP refuses evaluated strings) until `check` holds or 10 s pass. */
  async function until(what: string, check: () => Promise<boolean>) {
    const deadline = Date.now() + 10_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const settled = async (page: Page) => (await page.locator('[data-live-workout][data-busy]').count()) === 0

  /** Waits until the page shows `n` ticked rows and the script's refresh is in. */
  async function waitDone(page: Page, n: number) {
    await until(`${n} ticked rows`, async () => (await doneRows(page)) === n && (await settled(page)))
  }

  /** Adds an exercise through the picker: type part of its name, tap it. */
  async function pick(
    page: Page,
    act: ReturnType<typeof counted>,
    query: string,
    name: string,
    entries: number,
  ) {
    await act.type('#exercise-search', query)
    await act.click(`[data-picker-results] li[data-key="${key(name)}"]:not([hidden]) button`)
    await until(
      `${entries} exercises`,
      async () => (await page.locator('[data-entry]').count()) === entries && (await settled(page)),
    )
  }

  /** The picker's search key of a name (as exercises/search-key.ts folds it). */
  const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

  const EXERCISES: [query: string, name: string, reps: string, weight: string][] = [
    ['bench', 'Bench Press', '5', '100'],
    ['squat', 'Squat', '5', '140'],
    ['pullup', 'Pull-Up', '8', '0'],
  ]

  const username = `live_${Date.now().toString(36)}`

  /** The staple lifts a new lifter's picker lists first (db/catalog.ts names), as search keys. */
  const STAPLES = ['squat', 'benchpress', 'deadlift', 'overheadpress', 'barbellrow', 'pullup']

  t.test(
    'a new lifter: 3 exercises × 3 sets in ≤ 20 interactions with JS; Enter never submits',
    async (t) => {
      const { page, problems } = await phone()
      const base = stack.coreUrl
      await register(page, username)
      const act = counted(page)
      await Promise.all([
        page.waitForURL(`${base}/workouts/live`),
        act.click('button:has-text("Start workout")'),
      ])
      const firstChoices: string[] = []
      for (let i = 0; i < STAPLES.length; i++)
        firstChoices.push(
          (await page.locator('[data-picker-results] li').nth(i).getAttribute('data-key')) ?? '',
        )
      t.same(firstChoices, STAPLES, 'no history: the staple lifts lead the picker')
      for (const [i, [, name, reps, weight]] of EXERCISES.entries()) {
        // A tap on the listed staple: no search typed.
        await act.click(`[data-picker-results] li[data-key="${key(name)}"]:not([hidden]) button`)
        await until(
          `${i + 1} exercises`,
          async () => (await page.locator('[data-entry]').count()) === i + 1 && (await settled(page)),
        )
        const entry = `[data-entry]:nth-child(${i + 1})`
        const row = (n: number) => `${entry} [data-row]:nth-child(${n})`
        t.equal(await page.locator(`${entry} [data-row]`).count(), 3, `${name}: three planned rows`)
        t.equal(
          await page.evaluate<string>('document.activeElement.getAttribute("data-field")'),
          'reps',
          `${name}: focus on its first reps field`,
        )
        await act.type(`${row(1)} [data-field="reps"]`, reps)
        if (i === 0) {
          // Enter moves on and never submits: still nothing ticked.
          await act.press(`${row(1)} [data-field="reps"]`, 'Enter')
          t.equal(
            await page.evaluate<string>('document.activeElement.getAttribute("data-field")'),
            'weight',
            'Enter moved to the weight',
          )
          t.equal(await doneRows(page), 0, 'Enter ticked nothing')
        }
        // A bodyweight exercise needs no weight typed (its field reads "+0").
        const bodyweight = weight === '0'
        if (!bodyweight) await act.type(`${row(1)} [data-field="weight"]`, weight)
        t.equal(
          await page.getAttribute(`${row(3)} [data-field="reps"]`, 'placeholder'),
          reps,
          `${name}: the rows after show what is typed before it is ticked`,
        )
        await act.click(`${row(1)} [data-tick]`)
        await waitDone(page, i * 3 + 1)
        for (const n of [2, 3]) {
          // The empty row shows the previous row's values; a tick saves them.
          t.equal(await page.getAttribute(`${row(n)} [data-field="reps"]`, 'placeholder'), reps)
          t.equal(
            await page.getAttribute(`${row(n)} [data-field="weight"]`, 'placeholder'),
            bodyweight ? '+0' : weight,
            `${name} set ${n}: previous values as placeholders`,
          )
          await act.click(`${row(n)} [data-tick]`)
          await waitDone(page, i * 3 + n)
          t.equal(
            await page.inputValue(`${row(n)} [data-field="reps"]`),
            reps,
            `${name} set ${n}: saved reps`,
          )
        }
      }
      t.ok(await page.isVisible('[data-rest-timer]'), 'the rest timer runs after a tick')
      await page.screenshot({
        path: `${process.env.LIFTLOG_SCREENSHOTS ?? '/tmp'}/live-new-lifter.png`,
        fullPage: true,
      })
      await Promise.all([page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/), act.click('[data-finish]')])
      const detail = (await page.textContent('main')) ?? ''
      t.match(detail, /9 sets/)
      t.match(detail, /duration \d+ min/)
      t.comment(`new lifter: ${act.count} interactions: ${act.log.join('; ')}`)
      // 1 start + per exercise (tap, reps, weight but not for the pull-up, 3 ticks) + finish, and one Enter.
      t.ok(act.count <= 20, `new lifter: ${act.count} interactions (goal ≤ 20)`)
      t.same(problems, [], 'no console errors')
    },
  )

  t.test(
    'next session: 3 × 3 from an empty live workout in ≤ 20 interactions; reload and a second phone see every tick',
    async (t) => {
      const { page, problems } = await phone()
      const base = stack.coreUrl
      await logIn(page, username)
      const act = counted(page)
      await Promise.all([
        page.waitForURL(`${base}/workouts/live`),
        act.click('button:has-text("Start workout")'),
      ])
      // The three done last time lead the list (their order between them: most recent, then most used).
      const firstChoices: string[] = []
      for (let i = 0; i < 3; i++)
        firstChoices.push(
          (await page.locator('[data-picker-results] li').nth(i).getAttribute('data-key')) ?? '',
        )
      t.same(firstChoices.sort(), ['benchpress', 'pullup', 'squat'], 'recent exercises first')
      for (const [i, [query, name]] of EXERCISES.entries()) {
        await pick(page, act, query, name, i + 1)
        const entry = `[data-entry]:nth-child(${i + 1})`
        t.match(
          (await page.textContent(`${entry} .live-last`)) ?? '',
          /last: 3 × \d+ @ \d+ kg/,
          `${name}: last time shown`,
        )
        for (const n of [1, 2, 3]) {
          await act.click(`${entry} [data-row]:nth-child(${n}) [data-tick]`)
          await waitDone(page, i * 3 + n)
        }
        if (i === 1) {
          // Mid-workout: a reload shows every ticked set, and so does a second phone.
          await page.reload()
          t.equal(await doneRows(page), 6, 'reload: all six ticked sets')
          const other = await phone()
          await logIn(other.page, username)
          await other.page.goto(`${base}/workouts`)
          await Promise.all([
            other.page.waitForURL(`${base}/workouts/live`),
            other.page.click('text=Workout in progress — resume'),
          ])
          t.equal(await doneRows(other.page), 6, 'second browser: all six ticked sets')
          await other.context.close()
        }
      }
      await page.screenshot({
        path: `${process.env.LIFTLOG_SCREENSHOTS ?? '/tmp'}/live-returning.png`,
        fullPage: true,
      })
      await Promise.all([page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/), act.click('[data-finish]')])
      t.match((await page.textContent('main')) ?? '', /9 sets/)
      t.comment(`returning lifter: ${act.count} interactions: ${act.log.join('; ')}`)
      t.ok(act.count <= 20, `returning lifter: ${act.count} interactions (goal ≤ 20)`)
      t.same(problems, [], 'no console errors')
    },
  )

  t.test('the same workout with JavaScript disabled; Enter keeps typing and ticks nothing', async (t) => {
    const { page } = await phone(false)
    const base = stack.coreUrl
    await logIn(page, username)
    await Promise.all([
      page.waitForURL(`${base}/workouts/live`),
      page.click('button:has-text("Start workout")'),
    ])
    for (const [i, [query, name]] of EXERCISES.entries()) {
      await page.fill('#exercise-search', query)
      await Promise.all([page.waitForURL(/q=/), page.press('#exercise-search', 'Enter')])
      await Promise.all([
        page.waitForURL(/#exercise-\d$/),
        page.click(`[data-picker-results] li[data-key="${key(name)}"] button`),
      ])
      t.equal(new URL(page.url()).hash, `#exercise-${i + 1}`, `${name}: back at its place on the page`)
      const entry = `[data-entry]:nth-child(${i + 1})`
      if (i === 0) {
        await page.fill(`${entry} [data-row]:nth-child(1) [data-field="reps"]`, '6')
        await Promise.all([
          page.waitForURL(/#exercise-1$/),
          page.press(`${entry} [data-row]:nth-child(1) [data-field="reps"]`, 'Enter'),
        ])
        t.equal(await doneRows(page), 0, 'Enter without scripts ticks nothing')
        t.equal(
          await page.inputValue(`${entry} [data-row]:nth-child(1) [data-field="reps"]`),
          '6',
          'and keeps what was typed',
        )
      }
      for (const n of [1, 2, 3]) {
        await Promise.all([
          page.waitForURL(/#exercise-\d$/),
          page.click(`${entry} [data-row]:nth-child(${n}) [data-tick]`),
        ])
        t.equal(await doneRows(page), i * 3 + n)
      }
    }
    // Post/redirect/get: a reload is a GET of the page, nothing is sent again.
    await page.reload()
    t.equal(await doneRows(page), 9, 'reload resubmits nothing and shows every set')
    await Promise.all([page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/), page.click('[data-finish]')])
    t.match((await page.textContent('main')) ?? '', /9 sets/)
  })

  t.test('rest timer: 1:30 from a tick, ±15 s, vibrates when rest is over', async (t) => {
    // CSP bypassed only to read what the stub recorded (the app's CSP refuses evaluated strings).
    const { page, problems } = await phone(true, true)
    const base = stack.coreUrl
    // Records vibration requests (the page's script calls navigator.vibrate where it exists).
    await page.addInitScript(
      'const calls = []; Object.defineProperty(window, "__vibrations", { value: calls }); Object.defineProperty(navigator, "vibrate", { value: (p) => calls.push(p) > 0 })',
    )
    await page.clock.install()
    await logIn(page, username)
    await Promise.all([
      page.waitForURL(`${base}/workouts/live`),
      page.click('button:has-text("Start workout")'),
    ])
    t.ok(await page.isHidden('[data-rest-timer]'), 'no timer before a tick')
    await page.fill('#exercise-search', 'squat')
    await page.click('[data-picker-results] li[data-key="squat"]:not([hidden]) button')
    await until('the squat rows', async () => (await page.locator('[data-entry] [data-tick]').count()) === 3)
    await page.locator('[data-entry] [data-row]').first().locator('[data-tick]').click()
    await waitDone(page, 1)
    await page.locator('[data-rest-timer]:not([hidden])').waitFor()
    t.equal(await page.textContent('[data-rest-time]'), '1:30', 'starts at the default 90 s')
    await page.click('[data-rest-adjust="15"]')
    t.equal(await page.textContent('[data-rest-time]'), '1:45', '+15 s')
    await page.click('[data-rest-adjust="-15"]')
    await page.click('[data-rest-adjust="-15"]')
    t.equal(await page.textContent('[data-rest-time]'), '1:15', '−15 s twice')
    await page.clock.runFor(76_000)
    t.equal(await page.textContent('[data-rest-time]'), '0:00')
    t.match((await page.getAttribute('[data-rest-timer]', 'class')) ?? '', /is-over/)
    t.equal(await page.textContent('[data-rest-announce]'), 'Rest over')
    const vibrations = await page.evaluate<unknown[]>('window.__vibrations')
    t.same(vibrations, [[200, 100, 200]], 'vibrated once')
    await page.click('[data-rest-skip]')
    t.ok(await page.isHidden('[data-rest-timer]'), 'skip hides it')
    t.same(problems, [], 'no console errors')
  })

  t.test('in Slovenian: the script’s refusals and the rest timer speak Slovenian', async (t) => {
    const { page, problems } = await phone(true, false, 'sl-SI')
    const base = stack.coreUrl
    await page.goto(`${base}/register`)
    await page.fill('#username', `${username}_sl`)
    await page.fill('#password', PASSWORD)
    await page.check('input[name="unit"][value="kg"]')
    await Promise.all([page.waitForURL(`${base}/`), page.click('main button[type="submit"]')])
    await page.goto(`${base}/workouts/live`)
    t.match(await page.textContent('h1'), /Začnite trening/)
    await Promise.all([
      page.waitForURL(`${base}/workouts/live`),
      page.click('main button:has-text("Začni trening")'),
    ])
    // Found by its English name; listed by its Slovenian one.
    await page.fill('#exercise-search', 'bench')
    await page.click('[data-picker-results] li[data-key~="benchpress"]:not([hidden]) button')
    await until('the bench row', async () => (await page.locator('[data-entry] [data-tick]').count()) === 3)
    t.notMatch(
      (await page.textContent('.live-entry-name')) ?? '',
      /Bench Press/,
      'the built-in’s Slovenian name',
    )
    const row = page.locator('[data-entry] [data-row]').first()
    const error = page.locator('[data-live-error]')
    await row.locator('[data-tick]').click()
    await error.filter({ hasText: 'Ni shranjeno' }).waitFor()
    t.equal(
      await error.textContent(),
      'Ni shranjeno — ponovitve: preden označite serijo, vpišite ponovitve',
      'a domain rule’s refusal in Slovenian',
    )
    await row.locator('[data-field="reps"]').fill('5000')
    await row.locator('[data-tick]').click()
    await error.filter({ hasText: 'celo število' }).waitFor()
    t.match(await error.textContent(), /^Ni shranjeno — ponovitve: mora biti celo število od 0 do \d+$/)
    await row.locator('[data-field="reps"]').fill('5')
    await row.locator('[data-field="weight"]').fill('102,5')
    await row.locator('[data-tick]').click()
    await waitDone(page, 1)
    t.ok(await error.isHidden(), 'the refusal is gone once saved')
    t.equal(
      await row.locator('[data-field="weight"]').inputValue(),
      '102,5',
      'the weight with its decimal comma',
    )
    t.equal(await page.textContent('[data-done-count]'), 'opravljena 1 serija')
    t.equal(await page.textContent('.rest-label'), 'Počitek')
    // The refused requests themselves are logged by the browser; nothing else may be.
    const refused = /Failed to load resource: the server responded with a status of 40[09]/
    t.same(
      problems.filter((p) => !refused.test(p)),
      [],
      'no console errors besides the refused requests',
    )
  })
}
