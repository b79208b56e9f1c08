// Progress in a real browser (Debian's chromium through playwright-core) against real core-service and
// stats-service processes: log a workout, see the right numbers on the dashboard, stop stats and reload
// (banner, stale numbers), log another workout while stats is down, start stats again and see fresh
// numbers after the breaker's cooldown. Screenshots at 360 px land in LIFTLOG_SCREENSHOTS.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { chromiumMissing } from '../../support/browser.ts'
import { phoneStack } from '../../support/phone-stack.ts'

const COOLDOWN_MS = 1500

if (chromiumMissing) {
  t.test('progress in a browser', { skip: chromiumMissing }, async () => {})
} else {
  const app = phoneStack(
    {
      stats: true,
      coreEnv: { STATS_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS), STATS_ATTEMPT_TIMEOUT_MS: '1000' },
    },
    { timezoneId: 'Europe/Ljubljana', name: 'progress' },
  )

  const main = async () => (await app.page.textContent('main')) ?? ''
  const statValue = (label: string) =>
    app.page.locator(`.stat-card:has(.stat-label:text-is("${label}")) .stat-value`).textContent()

  async function logWorkout(sets: [string, string][]) {
    await app.page.goto(`${app.stack.coreUrl}/workouts/new`)
    const initialRows = await app.page.locator('[data-set-row]').count()
    for (let i = 0; i < sets.length; i++) {
      if (i >= initialRows) await app.page.click('[data-add-set]')
      const [reps, weight] = sets[i]!
      await app.page.selectOption(`#set-${i}-exerciseId`, { label: 'Bench Press' })
      await app.page.fill(`#set-${i}-reps`, reps)
      await app.page.fill(`#set-${i}-weight`, weight)
    }
    await Promise.all([
      app.page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/),
      app.page.click('button.primary:has-text("Save workout")'),
    ])
    return main()
  }

  t.test('progress survives stats going away and coming back', async (t) => {
    const base = app.stack.coreUrl
    await app.page.goto(`${base}/register`)
    await app.page.fill('#username', `progress_${Date.now().toString(36)}`)
    await app.page.fill('#password', 'correct horse battery staple')
    await app.page.fill('#displayName', 'Progress Tester')
    await app.page.check('input[name="unit"][value="kg"]')
    await Promise.all([app.page.waitForURL(`${base}/`), app.page.click('button:has-text("Create account")')])

    t.match(
      await logWorkout([
        ['5', '100'],
        ['5', '100'],
        ['3', '110'],
      ]),
      /Workout saved/,
    )

    // Live numbers: 1 workout, 5×100 + 5×100 + 3×110 = 1330 kg.
    await app.page.click('nav >> text=Progress')
    await app.page.waitForURL(`${base}/progress`)
    t.equal(await statValue('Workouts'), '1')
    t.equal(await statValue('Total volume'), '1,330 kg')
    t.equal(await app.page.locator('svg#weekly-volume').count(), 1, 'weekly volume chart rendered')
    t.notMatch(await main(), /showing data from|temporarily unavailable/)
    await app.shot('progress-1-live')

    // Exercise page through the GET form: e1RM chart (Epley 110 × (1 + 3/30) = 121 kg) and PR table.
    await app.page.selectOption('#exerciseId', { label: 'Bench Press' })
    await Promise.all([
      app.page.waitForURL(/\/progress\/exercises\/[0-9a-f-]{36}/),
      app.page.click('button:has-text("Show")'),
    ])
    t.equal(await app.page.locator('svg#e1rm-progression').count(), 1)
    t.match(await main(), /Best estimated 1RM \(Epley\)\s*121 kg/)
    await app.shot('progress-2-exercise')

    // Stats stops: the dashboard still answers, with the last good numbers and the banner.
    await app.stack.stopStats()
    await app.page.goto(`${base}/progress`)
    t.match(await main(), /showing data from/)
    t.equal(await statValue('Workouts'), '1', 'stale numbers shown')
    await app.shot('progress-3-stale')

    // Logging never depends on stats.
    t.match(await logWorkout([['5', '105']]), /Workout saved/)
    await app.page.goto(`${base}/calendar`)
    t.equal(await app.page.locator('td.today.has-workout').count(), 1, 'calendar keeps its plain marks')

    // Stats is back: after the cooldown the numbers are fresh (2 workouts, 1330 + 525 kg).
    await app.stack.startStats()
    let fresh = false
    for (let i = 0; i < 20 && !fresh; i++) {
      await sleep(COOLDOWN_MS / 2)
      await app.page.goto(`${base}/progress`)
      fresh = (await statValue('Workouts')) === '2' && !/showing data from/.test(await main())
    }
    t.ok(fresh, 'fresh numbers after stats returns')
    t.equal(await statValue('Total volume'), '1,855 kg')
    await app.shot('progress-4-fresh')

    t.same(app.problems, [], 'no console errors')
    t.comment(`screenshots in ${app.shots}`)
  })
}
