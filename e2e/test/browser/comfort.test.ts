// Every app page in a real browser at 360 px, light and dark: axe-core finds no WCAG 2.1 A/AA violation
// (contrast included, so the dark palette is checked too), dark mode follows prefers-color-scheme, chart
// text reads at ≥ 12 px on the phone, and the calendar's Prev/Next links are named by their visible text.
// Screenshots of each page in each scheme land in LIFTLOG_SCREENSHOTS (default: a temp dir).
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import t from 'tap'
import { chromiumMissing, openPhonePage, type PhonePage } from '../../support/browser.ts'
import { type Stack, startStack } from '../../support/stack.ts'

const axeSource: string = createRequire(import.meta.url)('axe-core').source
const PASSWORD = 'correct horse battery staple'
const IMPORT_FIXTURE = fileURLToPath(
  new URL('../../../core-service/test/import/fixtures/malformed-numbers.csv', import.meta.url),
)

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

// In-page code is passed as source text: it runs in the browser (no DOM types in this Node project, and
// no tsx helpers such as __name exist there).
const RUN_AXE = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(axeSource)
  return page.evaluate<AxeViolation[]>(RUN_AXE)
}

/** Relative luminance of a computed `rgb(r, g, b)` colour (WCAG's formula). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

if (chromiumMissing) {
  t.test('comfort and accessibility', { skip: chromiumMissing }, async () => {})
} else {
  let stack: Stack
  const opened: PhonePage[] = []

  t.before(async () => {
    stack = await startStack({ stats: true })
  })
  t.teardown(async () => {
    for (const p of opened) await p.browser.close()
    await stack?.stop()
  })

  async function phone(colorScheme: 'light' | 'dark') {
    const opening = await openPhonePage({
      timezoneId: 'America/Chicago',
      name: `comfort-${colorScheme}`,
      colorScheme,
      bypassCSP: true,
    })
    opened.push(opening)
    return opening
  }

  /** Registers through the form and logs one workout through the form; returns the workout's page URL. */
  async function newLifterWithWorkout(page: Page, username: string): Promise<string> {
    const base = stack.coreUrl
    await page.goto(`${base}/register`)
    await page.fill('#username', username)
    await page.fill('#password', PASSWORD)
    await page.fill('#displayName', 'Comfort Tester')
    await page.check('input[name="unit"][value="lb"]')
    await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Create account")')])
    await page.goto(`${base}/workouts/new`)
    const sets: [string, string][] = [
      ['5', '225'],
      ['5', '225'],
      ['3', '245'],
    ]
    const initialRows = await page.locator('[data-set-row]').count()
    for (let i = 0; i < sets.length; i++) {
      if (i >= initialRows) await page.click('[data-add-set]')
      await page.selectOption(`#set-${i}-exerciseId`, { label: 'Bench Press' })
      await page.fill(`#set-${i}-reps`, sets[i]![0])
      await page.fill(`#set-${i}-weight`, sets[i]![1])
    }
    await Promise.all([
      page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/),
      page.click('button.primary:has-text("Save workout")'),
    ])
    return page.url()
  }

  for (const scheme of ['light', 'dark'] as const) {
    t.test(`every page in ${scheme} mode at 360 px: no axe-core violations`, async (t) => {
      const { page, problems, shot, shots } = await phone(scheme)
      const base = stack.coreUrl
      const guestPages = ['/login', '/register', '/how-liftlog-counts']
      for (const path of guestPages) {
        await page.goto(`${base}${path}`)
        t.same(await axeViolations(page), [], `${path} (guest)`)
      }
      const workoutUrl = await newLifterWithWorkout(page, `comfort_${scheme}_${Date.now().toString(36)}`)
      const workoutPath = new URL(workoutUrl).pathname
      await page.goto(`${base}/progress`)
      const exerciseHref = await page
        .locator('#exerciseId option', { hasText: 'Bench Press' })
        .getAttribute('value')
      const pages = [
        '/',
        '/workouts',
        '/workouts/new',
        workoutPath,
        `${workoutPath}/edit`,
        '/calendar',
        '/exercises',
        '/progress',
        `/progress/exercises/${exerciseHref}`,
        `/progress/exercises/${exerciseHref}/relative`,
        '/body-weight',
        '/settings',
        '/import',
        '/routines',
        '/routines/new',
      ]
      for (const path of pages) {
        const res = await page.goto(`${base}${path}`)
        t.equal(res?.status(), 200, `${path} answers`)
        t.same(await axeViolations(page), [], path)
        await shot(`${scheme}${path.replace(/[0-9a-f-]{36}/, 'id').replaceAll('/', '-') || '-home'}`)
      }

      // A routine saved from the workout: its edit form, and the list with its Start button.
      await page.goto(`${base}${workoutPath}`)
      await Promise.all([
        page.waitForURL(/\/routines\/[0-9a-f-]{36}\/edit$/),
        page.click('button:has-text("Save as routine")'),
      ])
      t.same(await axeViolations(page), [], 'routine edit form (saved from a workout)')
      await shot(`${scheme}-routines-id-edit`)
      await page.goto(`${base}/routines`)
      t.same(await axeViolations(page), [], '/routines with a routine')
      await shot(`${scheme}-routines-with-one`)

      // The live workout with an exercise, a ticked set (the rest timer showing) and planned rows; the
      // empty-workout and discard pages; the resume banner on another page.
      await page.goto(`${base}/workouts`)
      await Promise.all([
        page.waitForURL(`${base}/workouts/live`),
        page.click('button:has-text("Start workout")'),
      ])
      t.same(await axeViolations(page), [], '/workouts/live (empty)')
      await page.fill('#exercise-search', 'bench')
      await page.click('[data-picker-results] li[data-key="benchpress"] button')
      await page.locator('[data-entry] [data-tick]').first().waitFor()
      await page.locator('[data-entry] [data-row]').first().locator('[data-tick]').click()
      await page.locator('.live-row.is-done').first().waitFor()
      await page.locator('[data-rest-timer]:not([hidden])').waitFor()
      await page.locator('[data-live-workout]:not([data-busy])').waitFor()
      t.same(await axeViolations(page), [], '/workouts/live (sets, rest timer)')
      await shot(`${scheme}-workouts-live`)
      await page.goto(`${base}/workouts/live?q=nothingmatches`)
      t.same(await axeViolations(page), [], '/workouts/live?q= (no match: create inline)')
      await page.goto(`${base}/workouts`)
      t.match((await page.textContent('main')) ?? '', /Workout in progress — resume/)
      t.same(await axeViolations(page), [], '/workouts with the resume banner')
      await page.goto(`${base}/workouts/live`)
      await Promise.all([page.waitForURL(/\/discard$/), page.click('a:has-text("Discard")')])
      t.same(await axeViolations(page), [], '/workouts/live/:id/discard')
      await shot(`${scheme}-workouts-live-discard`)
      await Promise.all([
        page.waitForURL(`${base}/workouts`),
        page.click('button:has-text("Discard workout")'),
      ])

      // An import preview with every part: an unknown name to decide, unreadable rows, warnings.
      await page.goto(`${base}/import`)
      await page.setInputFiles('#file', IMPORT_FIXTURE)
      await Promise.all([
        page.waitForURL(/\/import\/[0-9a-f-]{36}$/),
        page.click('button:has-text("Read the file")'),
      ])
      t.same(await axeViolations(page), [], '/import/:id (preview)')
      await shot(`${scheme}-import-preview`)

      const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
      if (scheme === 'dark') t.ok(luminance(background) < 0.05, `dark background (${background})`)
      else t.ok(luminance(background) > 0.8, `light background (${background})`)
      t.same(problems, [], 'no console errors')
      t.comment(`screenshots in ${shots}`)
    })
  }

  t.test('chart labels read at ≥ 12 px on a 360 px phone; calendar links named by their text', async (t) => {
    const { page } = await phone('light')
    const base = stack.coreUrl
    await newLifterWithWorkout(page, `comfort_chart_${Date.now().toString(36)}`)
    await page.goto(`${base}/progress`)
    // Rendered size: the CSS font size (viewBox units) times the SVG's scale on screen.
    const sizes = await page.evaluate<
      number[]
    >(`[...document.querySelectorAll('svg.chart text')].map((text) =>
      Number.parseFloat(getComputedStyle(text).fontSize) * (text.ownerSVGElement.getScreenCTM()?.a ?? 1))`)
    t.ok(sizes.length > 0, 'the dashboard has chart labels')
    t.ok(Math.min(...sizes) >= 12, `smallest chart label ${Math.min(...sizes).toFixed(1)} px`)

    await page.goto(`${base}/calendar`)
    for (const rel of ['prev', 'next']) {
      // Visible text: without the visually hidden part; name: without the aria-hidden arrow (no aria-label).
      const [visible, name] = await page.evaluate<string[]>(`(() => {
        const a = document.querySelector('a[rel="${rel}"]')
        return ['.visually-hidden, [aria-hidden="true"]', '[aria-hidden="true"]'].map((selector) => {
          const copy = a.cloneNode(true)
          for (const n of copy.querySelectorAll(selector)) n.remove()
          return copy.textContent.replace(/\\s+/g, ' ').trim()
        })
      })()`)
      t.notOk(
        await page.locator(`a[rel="${rel}"]`).getAttribute('aria-label'),
        `${rel}: named by its content`,
      )
      t.ok(visible && name?.startsWith(visible), `${rel}: "${name}" starts with "${visible}"`)
      t.match(name, /month, \w+ \d{4}/, `${rel} names the month it goes to`)
    }
  })

  t.test(
    'logging: Enter moves to the next field and never saves; + Add set continues the last set',
    async (t) => {
      const { page, problems } = await phone('light')
      const base = stack.coreUrl
      await newLifterWithWorkout(page, `comfort_enter_${Date.now().toString(36)}`)
      await page.goto(`${base}/workouts/new`)
      await page.selectOption('#set-0-exerciseId', { label: 'Squat' })
      await page.fill('#set-0-reps', '5')
      await page.press('#set-0-reps', 'Enter')
      t.equal(
        await page.evaluate<string>('document.activeElement.id'),
        'set-0-weight',
        'Enter went to weight',
      )
      await page.fill('#set-0-weight', '140')
      await page.press('#set-0-weight', 'Enter')
      t.equal(await page.evaluate<string>('document.activeElement.id'), 'set-0-rpe', 'then to RPE')
      await page.press('#title', 'Enter')
      t.equal(new URL(page.url()).pathname, '/workouts/new', 'still on the form: nothing submitted')

      await page.click('[data-add-set]')
      t.equal(await page.evaluate<string>('document.activeElement.id'), 'set-1-reps', 'the new set is set 2')
      t.equal(await page.inputValue('#set-1-reps'), '5', 'reps copied')
      t.equal(await page.inputValue('#set-1-weight'), '140', 'weight copied')
      t.equal(
        await page.locator('#set-1-exerciseId option:checked').textContent(),
        'Squat',
        'exercise copied',
      )
      await Promise.all([
        page.waitForURL(/\/workouts\/[0-9a-f-]{36}$/),
        page.click('button.primary:has-text("Save workout")'),
      ])
      t.match(await page.textContent('main'), /2 sets/, 'saved: exactly the two sets')
      t.same(problems, [], 'no console errors')
    },
  )
}
