// The main journey in Slovenian, in a real browser (Debian's chromium through playwright-core) at phone
// size against real core and stats processes: the browser's language is Slovenian (Accept-Language sl),
// so registration, the workout form, the calendar and progress all read in Slovenian — plural forms,
// month and weekday names, the decimal comma and the catalog's exercise names included.
import t from 'tap'
import { chromiumMissing, todayIn } from '../../support/browser.ts'
import { phoneStack } from '../../support/phone-stack.ts'

const ZONE = 'Europe/Ljubljana'

if (chromiumMissing) {
  t.test('Slovenian journey', { skip: chromiumMissing }, async () => {})
} else {
  const app = phoneStack({ stats: true }, { timezoneId: ZONE, name: 'slovenian', locale: 'sl-SI' })

  t.test(
    'a Slovenian lifter registers, logs a workout and sees calendar and progress in Slovenian',
    async (t) => {
      const base = app.stack.coreUrl
      const { page } = app
      const main = async () => (await page.textContent('main')) ?? ''

      // Signed out, the page follows the browser's language.
      await page.goto(`${base}/register`)
      t.equal(await page.getAttribute('html', 'lang'), 'sl', '<html lang="sl">')
      t.match(await page.textContent('h1'), /Ustvarite svoj račun/)
      t.match(await page.title(), /Ustvarite svoj račun · LiftLog/)
      await page.fill('#username', `slo_${Date.now().toString(36)}`)
      await page.fill('#password', 'pravilen konj baterija sponka')
      await page.fill('#displayName', 'Ana')
      await page.check('input[name="unit"][value="kg"]')
      await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Ustvari račun")')])
      t.match(await main(), /Dobrodošli v LiftLogu, Ana!/, 'the welcome flash in Slovenian')
      t.match(await main(), /Pozdravljeni, Ana/)

      // The workout form: Slovenian labels and exercise names; a weight with a decimal.
      await page.click('nav >> text=Nov trening')
      await page.waitForURL(`${base}/workouts/new`)
      t.match(await page.textContent('label[for="set-0-exerciseId"]'), /Vaja/)
      await page.fill('#title', 'Potisni dan')
      const sets: [string, string, string][] = [
        ['Potisk s klopi', '5', '82.5'],
        ['Potisk s klopi', '5', '82.5'],
        ['Zgib', '8', ''],
      ]
      for (let i = 0; i < sets.length; i++) {
        const [exercise, reps, weight] = sets[i]!
        await page.selectOption(`#set-${i}-exerciseId`, { label: exercise })
        await page.fill(`#set-${i}-reps`, reps)
        if (weight) await page.fill(`#set-${i}-weight`, weight)
      }
      await app.shot('sl-1-workout-form')
      await Promise.all([
        page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/),
        page.click('button.primary:has-text("Shrani trening")'),
      ])
      const detail = await main()
      t.match(detail, /Trening je shranjen\./)
      t.match(detail, /2 × 5 @ 82,5 kg/, 'the decimal comma, the weight exactly as typed')
      t.match(detail, /1 × 8 @ lastna teža/)
      t.match(detail, /3 serije · obseg 825 kg/, 'the "few" plural form: 3 serije')
      t.match(detail, /Potisk s klopi/)
      await app.shot('sl-2-workout')

      // The calendar: Slovenian month and weekday names, today marked.
      await page.click('nav >> text=Koledar')
      await page.waitForURL(`${base}/calendar`)
      const month = new Intl.DateTimeFormat('sl', { month: 'long', timeZone: ZONE }).format(new Date())
      t.match(await page.textContent('h1'), new RegExp(month, 'i'), `the month heading reads ${month}`)
      t.match(await main(), /1 dan treninga ta mesec/, 'the "one" plural form')
      t.ok(await page.locator('abbr[title="ponedeljek"]').count(), 'weekday headings in Slovenian')
      const today = page.locator(`td.today a[href="/calendar/${todayIn(ZONE)}"]`)
      t.match(await today.getAttribute('aria-label'), /1 trening \(danes\)/)
      // Slovenian words are longer than English ones: the month's header row must still fit a phone.
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))
      t.ok(overflow <= 0, `the calendar fits 360 px (overflow ${overflow} px)`)
      await app.shot('sl-3-calendar')
      await Promise.all([page.waitForURL(`${base}/calendar/${todayIn(ZONE)}`), today.click()])
      t.match(await main(), /Potisni dan/)

      // Progress: the dashboard and the exercise page, charts included.
      await page.click('nav >> text=Napredek')
      await page.waitForURL(`${base}/progress`)
      const progress = await main()
      t.match(progress, /Tedenski obseg/)
      t.match(progress, /Ta teden/)
      t.match(progress, /825 kg/)
      await page.selectOption('#exerciseId', { label: 'Potisk s klopi' })
      await Promise.all([
        page.waitForURL(/\/progress\/exercises\//),
        page.click('button:has-text("Prikaži")'),
      ])
      const exercise = await main()
      t.match(exercise, /Osebni rekordi/)
      t.match(exercise, /Ocenjeni 1RM \(Epley\) in največja teža/)
      t.match(exercise, /82,5 kg/)
      await app.shot('sl-4-progress')
      t.same(app.problems, [], 'no console errors')
    },
  )
}
