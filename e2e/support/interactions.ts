// The interaction counter of the browser journeys that count taps (issue 16's "≤ 20 interactions",
// "≤ 4 taps plus one per set"): every click or tap, typed field and key press the lifter makes is logged
// and counted. Set-up steps use the page directly, so they stay out of the count.
import type { Page } from 'playwright-core'

export function counted(page: Page) {
  const log: string[] = []
  return {
    log,
    get count() {
      return log.length
    },
    async click(selector: string) {
      log.push(`click ${selector}`)
      await page.click(selector)
    },
    async type(selector: string, text: string) {
      log.push(`type ${selector} ${text}`)
      await page.fill(selector, text)
    },
    async press(selector: string, key: string) {
      log.push(`press ${key} in ${selector}`)
      await page.press(selector, key)
    },
  }
}
